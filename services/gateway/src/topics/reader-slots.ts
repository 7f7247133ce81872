import { ServiceUnavailableException } from '@nestjs/common';

/**
 * Counts the Kafka consumers the gateway's topic reads hold at once (a page one, a trace one per stage): past the
 * limit a read is refused at once with 503 instead of queueing consumers on the broker.
 */
export class ReaderSlots {
  private held = 0;

  constructor(readonly limit: number) {}

  get inUse(): number {
    return this.held;
  }

  async with<T>(count: number, work: () => Promise<T>): Promise<T> {
    if (this.held + count > this.limit) {
      throw new ServiceUnavailableException(
        `the gateway is already reading topics with ${this.held} Kafka consumers (at most ${this.limit}): ` +
          'try again in a few seconds',
      );
    }
    this.held += count;
    try {
      return await work();
    } finally {
      this.held -= count;
    }
  }
}
