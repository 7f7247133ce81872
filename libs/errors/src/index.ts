// @inkstream/errors: the failure kinds every layer shares. An error is translated once, where it enters our code
// (the codec, a repository, the producer), into an InkstreamError whose `kind` says what the consume loop must do
// with the message: dead-letter it at once, or hold the partition and wait. Depends on nothing, so any project may
// use it.

/**
 * - `invalid-message`: the message can never be processed as sent (format, schema, size).
 * - `invalid-output`: a stage built a message failing its own schema: a bug in that stage, not in its input.
 * - `permanent-error`: the input is wrong for this stage; retrying cannot help.
 * - `dependency-unavailable`: a dependency (the database, a topic) cannot be reached; not the message's fault.
 *
 * Anything that is not an InkstreamError is an unexpected failure, retried a few times then dead-lettered.
 */
export type ErrorKind = 'invalid-message' | 'invalid-output' | 'permanent-error' | 'dependency-unavailable';

export const ERROR_KINDS: readonly ErrorKind[] = [
  'invalid-message',
  'invalid-output',
  'permanent-error',
  'dependency-unavailable',
];

/** Whether trying the same work again later can succeed: only when what failed is outside the message. */
const RETRIABLE: Record<ErrorKind, boolean> = {
  'invalid-message': false,
  'invalid-output': false,
  'permanent-error': false,
  'dependency-unavailable': true,
};

/** The one error base: `kind` is what callers decide by, `cause` keeps the error it was translated from. */
export abstract class InkstreamError extends Error {
  abstract readonly kind: ErrorKind;

  get retriable(): boolean {
    return RETRIABLE[this.kind];
  }
}

/** The kind of an error translated at a boundary, or undefined for anything else (a bug, an untranslated error). */
export function errorKindOf(error: unknown): ErrorKind | undefined {
  return error instanceof InkstreamError ? error.kind : undefined;
}

/** A message that can never be processed as sent: it goes to the dead-letter topic without retries. */
export class InvalidMessageError extends InkstreamError {
  override readonly name = 'InvalidMessageError';
  readonly kind = 'invalid-message';
}

/**
 * A stage built a message that fails its own schema: a bug in that stage, not in its input. Dead-lettered at once
 * with its own kind (`invalid-output`) and logged as an error, so it is reported as a bug rather than blamed on the
 * message that happened to trigger it.
 */
export class InvalidOutputError extends InkstreamError {
  override readonly name = 'InvalidOutputError';
  readonly kind = 'invalid-output';
}

/** The input itself is wrong for this stage (not the message format): retrying cannot help, so it is dead-lettered. */
export class PermanentError extends InkstreamError {
  override readonly name = 'PermanentError';
  readonly kind = 'permanent-error';
}

/**
 * A dependency the handler needs (MongoDB, an output topic) is down. Not the message's fault: the partition waits
 * and retries until the dependency is back, instead of dead-lettering healthy messages during an outage.
 */
export class DependencyUnavailableError extends InkstreamError {
  override readonly name = 'DependencyUnavailableError';
  readonly kind = 'dependency-unavailable';
}

/**
 * A service's exit code when its startup found the broker or the database unreachable (sysexits' EX_TEMPFAIL: try
 * again later). A supervisor restarts such an exit without counting it as a crash: a service restarted while the
 * stack is down must come back when the stack does, however long that takes, not be given up on after five tries.
 */
export const EXIT_DEPENDENCY_UNAVAILABLE = 75;
/** Any other startup failure (bad configuration, refused credentials, a bug): a crash. */
export const EXIT_STARTUP_FAILED = 1;

/** The exit code for a startup failure: whether any error in its cause chain is a dependency outage. */
export function startupExitCode(error: unknown): number {
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 8; depth += 1) {
    if (errorKindOf(current) === 'dependency-unavailable') return EXIT_DEPENDENCY_UNAVAILABLE;
    current = typeof current === 'object' ? (current as { cause?: unknown }).cause : undefined;
  }
  return EXIT_STARTUP_FAILED;
}
