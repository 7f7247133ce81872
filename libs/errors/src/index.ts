// @inkstream/errors: the failure classes every layer shares. The codec throws InvalidMessageError, handlers and
// repositories throw PermanentError or DependencyUnavailableError, and the consume loop (libs/messaging) decides by
// class: dead-letter at once, or hold the partition and wait. Depends on nothing, so any project may use it.

/** A message that can never be processed as sent: it goes to the dead-letter topic without retries. */
export class InvalidMessageError extends Error {
  override readonly name = 'InvalidMessageError';
}

/**
 * A stage built a message that fails its own schema: a bug in that stage, not in its input. Dead-lettered at once
 * with its own kind (`invalid-output`) and logged as an error, so it is reported as a bug rather than blamed on the
 * message that happened to trigger it.
 */
export class InvalidOutputError extends Error {
  override readonly name = 'InvalidOutputError';
}

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
