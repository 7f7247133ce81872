export interface CommandCoalescerOptions {
  /** Requests per command at most: bounds one command's size and the wait of the last caller in it. */
  maxRequests?: number;
  /**
   * An error no request can escape by going alone (the server is unreachable): every caller of the command gets it
   * at once, rather than each after a timeout of its own.
   */
  failsEveryone?: (error: unknown) => boolean;
}

interface Pending<Request, Result> {
  request: Request;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

/**
 * Concurrent callers' requests of one kind (inserts into one collection, say) sent as one database command. On
 * FerretDB each command costs about 2 ms of CPU over FerretDB and PostgreSQL whatever it carries, and a stage has
 * many messages in flight (KAFKA_MESSAGE_CONCURRENCY): their writes, coalesced, are one command where they were
 * many. Nothing waits for a timer: a lone request goes out at once, and while a command is in flight what callers
 * submit queues and goes out together as the next one. Each caller's promise settles when its own part is answered,
 * so a write is durable before its caller goes on, as with a command of its own.
 *
 * `run` answers each request of a batch, in order. When it throws (the combined command failed), each request of
 * the batch is run alone, so one that the server will never take fails only its own caller, with its own error;
 * unless the error is one that fails everyone (an outage), which every caller gets at once.
 */
export class CommandCoalescer<Request, Result> {
  private queue: Array<Pending<Request, Result>> = [];
  private running = false;

  private readonly maxRequests: number;
  private readonly failsEveryone: (error: unknown) => boolean;

  constructor(
    private readonly run: (requests: readonly Request[]) => Promise<readonly Result[]>,
    options: CommandCoalescerOptions = {},
  ) {
    this.maxRequests = options.maxRequests ?? 128;
    this.failsEveryone = options.failsEveryone ?? (() => false);
  }

  submit(request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxRequests);
        try {
          this.settle(batch, await this.run(batch.map((pending) => pending.request)));
        } catch (error) {
          if (batch.length === 1 || this.failsEveryone(error)) for (const pending of batch) pending.reject(error);
          else await this.runAlone(batch);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async runAlone(batch: ReadonlyArray<Pending<Request, Result>>): Promise<void> {
    for (const pending of batch) {
      try {
        this.settle([pending], await this.run([pending.request]));
      } catch (error) {
        pending.reject(error);
      }
    }
  }

  private settle(batch: ReadonlyArray<Pending<Request, Result>>, results: readonly Result[]): void {
    if (results.length !== batch.length) {
      const error = new Error(`coalesced command: ${results.length} results for ${batch.length} requests`);
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, index) => pending.resolve(results[index]));
  }
}
