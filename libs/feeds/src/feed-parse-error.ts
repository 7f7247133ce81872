/** The only error parseFeed throws: the message says what failed, where, and why. */
export class FeedParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedParseError';
  }
}
