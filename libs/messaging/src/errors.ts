import { DependencyUnavailableError, InvalidMessageError, InvalidOutputError, PermanentError } from '@inkstream/errors';

// The error classes themselves live in @inkstream/errors (every layer throws them); how the consume loop treats
// each one is decided here.

export type FailureClass =
  'invalid-message' | 'invalid-output' | 'permanent-error' | 'transient' | 'dependency-unavailable';

export function classifyFailure(error: unknown): FailureClass {
  if (error instanceof InvalidOutputError) return 'invalid-output';
  if (error instanceof InvalidMessageError) return 'invalid-message';
  if (error instanceof PermanentError) return 'permanent-error';
  if (error instanceof DependencyUnavailableError) return 'dependency-unavailable';
  return 'transient';
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
