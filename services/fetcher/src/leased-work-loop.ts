import type { Logger } from '@inkstream/observability';

/** What one claimed item's run carries, made once per claim: at least the logger with its trace id and ids. */
export interface RunContext {
  logger: Logger;
}

/** One kind of leased work (due sources, queued pages): how to claim it, keep its lease and do it. */
export interface LeasedWork<T, C extends RunContext = RunContext> {
  /** claims up to `free` due items in one round trip, leased to this replica */
  claim(free: number): Promise<T[]>;
  /** pushes the item's lease further out while it runs */
  renewLease(item: T, until: Date): Promise<unknown>;
  /** the run's context, once per claimed item: the run and its failed lease renewals log with its logger */
  contextFor(item: T): C;
  /** does the item, writing its outcome; `signal` aborts when a stop's grace period ends */
  run(item: T, signal: AbortSignal, context: C): Promise<void>;
  /** how many items may run at once now (it may change between claims) */
  slots(): number;
  /** items in flight changed (the gauge) */
  onInFlight(count: number): void;
  /** a claim took every free slot: more is due than runs */
  onBacklog?(): void;
  /** an item ended, after `ms` */
  onFinished?(ms: number): void;
}

export interface LeasedWorkOptions {
  /** how often an idle loop looks for due items (a poke cuts the wait short) */
  claimIntervalMs: number;
  leaseMs: number;
  stopGraceMs: number;
  /** what the log calls a failed claim or renewal ("due sources", "queued pages") */
  label: string;
}

/**
 * The claim loop shared by the scheduler and the page queue: claim due items for every free slot at once, run each
 * with its lease renewed every third of the lease, and on stop claim nothing more, give the items in flight the
 * grace period, then abort them (each hands itself back due at once for another replica).
 */
export class LeasedWorkLoop<T, C extends RunContext = RunContext> {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;
  private requestStop: () => void = () => undefined;
  private readonly stopRequested = new Promise<void>((resolve) => (this.requestStop = resolve));

  constructor(
    private readonly work: LeasedWork<T, C>,
    private readonly options: LeasedWorkOptions,
    private readonly logger: Logger,
  ) {}

  get started(): boolean {
    return this.loop !== null;
  }

  get stopped(): boolean {
    return this.stopping;
  }

  start(): void {
    if (this.loop || this.stopping) return;
    this.loop = this.claimLoop();
  }

  /** Cuts the idle wait short (new work was made due). */
  poke(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.requestStop();
    this.poke();
    if (!this.loop) return;
    await this.loop;
    const grace = setTimeout(() => this.abort.abort(new Error('fetcher shutting down')), this.options.stopGraceMs);
    await Promise.allSettled([...this.inFlight]);
    clearTimeout(grace);
  }

  private async claimLoop(): Promise<void> {
    while (!this.stopping) {
      const free = this.work.slots() - this.inFlight.size;
      if (free <= 0) {
        // A stop must not wait for an item to end before its grace period even starts (items end by being aborted).
        await Promise.race([...this.inFlight, this.stopRequested]);
        continue;
      }
      let claimed: T[] = [];
      try {
        // Every free slot in one claim: a round trip per item left most slots idle at 10,000 feeds.
        claimed = await this.work.claim(free);
        if (claimed.length === free) this.work.onBacklog?.();
      } catch (error) {
        this.logger.warn({ err: (error as Error).message }, `cannot claim ${this.options.label}`);
      }
      if (claimed.length === 0) {
        await this.idle();
        continue;
      }
      for (const item of claimed) {
        const startedAt = Date.now();
        const running = this.runLeased(item).finally(() => {
          this.work.onFinished?.(Date.now() - startedAt);
          this.inFlight.delete(running);
          this.work.onInFlight(this.inFlight.size);
        });
        this.inFlight.add(running);
      }
      this.work.onInFlight(this.inFlight.size);
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.options.claimIntervalMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async runLeased(item: T): Promise<void> {
    const { leaseMs, label } = this.options;
    const context = this.work.contextFor(item);
    const renew = setInterval(
      () => {
        this.work
          .renewLease(item, new Date(Date.now() + leaseMs))
          .catch((error: Error) => context.logger.warn({ err: error.message }, `lease renewal failed (${label})`));
      },
      Math.max(1, Math.floor(leaseMs / 3)),
    );
    try {
      await this.work.run(item, this.abort.signal, context);
    } finally {
      clearInterval(renew);
    }
  }
}
