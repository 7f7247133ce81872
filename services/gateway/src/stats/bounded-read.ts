// A read of a dependency (Kafka's admin API, MongoDB) that answers within a deadline: its value, or why there is
// none. With the dependency down, kafkajs and the MongoDB driver retry for tens of seconds; an operator's page must
// not wait for them. Reads are shared while one is in flight, so a dashboard polling every 2 s during an outage does
// not pile up a new stuck request per poll.

export type BoundedResult<T> = { ok: true; value: T } | { ok: false; unreachable: string };

export class BoundedRead<T> {
  private inflight: Promise<T> | undefined;

  constructor(
    /** Named in the reason: "Kafka did not answer within 3 s". */
    private readonly dependency: string,
    private readonly deadlineMs: number,
    private readonly read: () => Promise<T>,
  ) {}

  async get(): Promise<BoundedResult<T>> {
    const inflight = (this.inflight ??= this.read().finally(() => (this.inflight = undefined)));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<BoundedResult<T>>((resolve) => {
      timer = setTimeout(
        () =>
          resolve({ ok: false, unreachable: `${this.dependency} did not answer within ${this.deadlineMs / 1000} s` }),
        this.deadlineMs,
      );
    });
    try {
      return await Promise.race([
        inflight.then(
          (value): BoundedResult<T> => ({ ok: true, value }),
          (error: Error): BoundedResult<T> => ({ ok: false, unreachable: `${this.dependency}: ${error.message}` }),
        ),
        deadline,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
