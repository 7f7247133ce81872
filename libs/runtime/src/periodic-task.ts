/**
 * A background job run on a timer (learned boilerplate written back, claim generations swept, dashboard history
 * sampled), never two runs at once: a run still going when the next is due makes that tick a no-op, so a slow
 * database delays the job instead of stacking runs behind it. A run that fails goes to `onFailure` (a log line) and
 * the next tick tries again; the timer never keeps the process alive.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly job: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly onFailure: (error: Error) => void,
  ) {}

  /** Starts the timer (the first run is one interval away; call `run` too for one now). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.run(), this.intervalMs);
    this.timer.unref();
  }

  /** Runs the job now, or joins the run in progress. Never rejects: a failure is reported to `onFailure`. */
  run(): Promise<void> {
    this.running ??= this.attempt()
      .then(
        () => undefined,
        (error: unknown) => {
          this.onFailure(error instanceof Error ? error : new Error(String(error)));
        },
      )
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private attempt(): Promise<void> {
    try {
      return this.job();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Stops the timer and waits for the run in progress, so a last `run` after it starts afresh. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
