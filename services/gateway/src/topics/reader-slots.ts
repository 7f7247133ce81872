import { ServiceUnavailableException } from '@nestjs/common';

/**
 * Counts the Kafka consumers the gateway's topic reads hold at once (a page one, a trace one per stage): past the
 * limit a read is refused at once with 503 instead of queueing consumers on the broker. At shutdown it refuses new
 * reads and waits for those in flight: a read whose browser went away still runs to its deadline, and its consumers
 * must leave their groups before the process does.
 */
export class ReaderSlots {
  private held = 0;
  private closing = false;
  private readonly running = new Set<Promise<unknown>>();

  constructor(readonly limit: number) {}

  get inUse(): number {
    return this.held;
  }

  async with<T>(count: number, work: () => Promise<T>): Promise<T> {
    if (this.closing) throw new ServiceUnavailableException('the gateway is shutting down');
    if (this.held + count > this.limit) {
      throw new ServiceUnavailableException(
        `the gateway is already reading topics with ${this.held} Kafka consumers (at most ${this.limit}): ` +
          'try again in a few seconds',
      );
    }
    this.held += count;
    const run = work();
    this.running.add(run);
    try {
      return await run;
    } finally {
      this.running.delete(run);
      this.held -= count;
    }
  }

  /** Refuses new reads and resolves once every read in flight has ended (each ends by its own deadline). */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.running]);
  }
}
