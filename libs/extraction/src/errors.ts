export type UnprocessableReason = 'too-large' | 'binary' | 'too-deep';

/**
 * A raw document the splitter refuses to process. Permanent (retrying cannot help), so the splitter service
 * sends it to the dead-letter topic with `reason` and the message.
 */
export class UnprocessableDocumentError extends Error {
  constructor(
    readonly reason: UnprocessableReason,
    message: string,
  ) {
    super(message);
    this.name = 'UnprocessableDocumentError';
  }
}
