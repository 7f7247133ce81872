import { InvalidMessageError } from '@inkstream/contracts';

/** The input itself is wrong for this stage (not the message format): retrying cannot help, so it is dead-lettered. */
export class PermanentError extends Error {
  override readonly name = 'PermanentError';
}

/**
 * A dependency the handler needs (MongoDB, an output topic) is down. Not the message's fault: the partition waits
 * and retries until the dependency is back, instead of dead-lettering healthy messages during an outage.
 */
export class DependencyUnavailableError extends Error {
  override readonly name = 'DependencyUnavailableError';
}

export type FailureClass = 'invalid-message' | 'permanent-error' | 'transient' | 'dependency-unavailable';

export function classifyFailure(error: unknown): FailureClass {
  if (error instanceof InvalidMessageError) return 'invalid-message';
  if (error instanceof PermanentError) return 'permanent-error';
  if (error instanceof DependencyUnavailableError) return 'dependency-unavailable';
  return 'transient';
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
