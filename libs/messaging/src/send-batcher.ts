/** Records for one topic, as one caller handed them over. */
export interface OutgoingRecords<R> {
  topic: string;
  records: R[];
}

export interface SendBatcherLimits {
  /** Bytes per request at most (estimated from the records), under the broker's per-batch limit (1 MiB by default). */
  maxBytes: number;
}

interface Pending<R> extends OutgoingRecords<R> {
  bytes: number;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Coalesces concurrent sends into one produce request: while a request is in flight, what callers send queues, and
 * goes out together as the next request. Nothing waits for a timer (a lone send goes out at once), and under load
 * the number of requests (Kafka's cost per message) falls with the number of concurrent handlers. Each caller's
 * promise settles with its own records. When a combined request fails, each part is retried alone, so a record the
 * broker will never accept fails only its own caller, not the neighbours it happened to travel with.
 */
export class SendBatcher<R> {
  private queue: Array<Pending<R>> = [];
  private running = false;

  constructor(
    private readonly sendBatch: (batch: ReadonlyArray<OutgoingRecords<R>>) => Promise<void>,
    private readonly sizeOf: (record: R) => number,
    private readonly limits: SendBatcherLimits,
  ) {}

  /**
   * Queues one caller's records; resolves when all are acknowledged. A call larger than one request (a poll that
   * publishes thousands of small documents) is queued as consecutive parts, in order, each within the byte limit, so
   * no request exceeds what the broker takes whatever the caller hands over. If a part fails the call fails; parts
   * already sent stay sent (a caller retrying republishes the same ids, which consumers absorb).
   */
  send(topic: string, records: R[]): Promise<void> {
    const parts = this.parts(records).map(
      ({ records: part, bytes }) =>
        new Promise<void>((resolve, reject) => {
          this.queue.push({ topic, records: part, bytes, resolve, reject });
        }),
    );
    if (!this.running) void this.drain();
    return Promise.all(parts).then(() => undefined);
  }

  /** Records cut into consecutive runs within the byte limit (a record over it alone travels alone). */
  private parts(records: R[]): Array<{ records: R[]; bytes: number }> {
    const parts: Array<{ records: R[]; bytes: number }> = [];
    let current: { records: R[]; bytes: number } = { records: [], bytes: 0 };
    for (const record of records) {
      const size = this.sizeOf(record);
      if (current.records.length > 0 && current.bytes + size > this.limits.maxBytes) {
        parts.push(current);
        current = { records: [], bytes: 0 };
      }
      current.records.push(record);
      current.bytes += size;
    }
    parts.push(current);
    return parts;
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.take();
        try {
          await this.sendBatch(batch.map(({ topic, records }) => ({ topic, records })));
          for (const entry of batch) entry.resolve();
        } catch (error) {
          if (batch.length === 1) {
            batch[0].reject(error);
            continue;
          }
          for (const entry of batch) {
            try {
              await this.sendBatch([{ topic: entry.topic, records: entry.records }]);
              entry.resolve();
            } catch (alone) {
              entry.reject(alone);
            }
          }
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** The next request: queued sends in order, up to the byte limit (always at least one). */
  private take(): Array<Pending<R>> {
    let bytes = 0;
    let count = 0;
    while (count < this.queue.length && (count === 0 || bytes + this.queue[count].bytes <= this.limits.maxBytes)) {
      bytes += this.queue[count].bytes;
      count += 1;
    }
    return this.queue.splice(0, count);
  }
}
