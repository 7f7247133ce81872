import { errorKindOf, type ErrorKind } from '@inkstream/errors';

// The error kinds live in @inkstream/errors (every layer translates into them); how the consume loop treats each
// one is decided by the policy (consume-policy.ts).

/** An error kind, or `transient`: an error nobody translated, retried a few times before it is dead-lettered. */
export type FailureClass = ErrorKind | 'transient';

export function classifyFailure(error: unknown): FailureClass {
  return errorKindOf(error) ?? 'transient';
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
