import { newTraceId } from '@inkstream/contracts';
import { sizeRunSlots, type RunSlotPolicy } from '@inkstream/fetching';
import { movedSourceUrl, statusAfterDeferral, statusAfterRun, type StatusPolicy } from './source-status';
import type { Logger, Tracing } from '@inkstream/observability';
import type { SourceRecord, SourceRunUpdate } from '@inkstream/persistence';
import type { FetcherMetrics } from './fetcher-metrics';
import type { RunnerDeps } from './run-context';
import type { PageQueue } from './page-queue';
import { runSource } from './source-runner';
import { LeasedWorkLoop } from './leased-work-loop';

export interface SchedulerOptions {
  ownerId: string;
  /** run slots at the start; also the fewest (FETCHER_CONCURRENCY) */
  concurrency: number;
  /** run slots are resized within [concurrency, max] every `intervalMs` (none: a fixed `concurrency`) */
  sizing?: Omit<RunSlotPolicy, 'min'> & { intervalMs: number };
  claimIntervalMs: number;
  leaseMs: number;
  stopGraceMs: number;
  statusPolicy: StatusPolicy;
  random?: () => number;
  /** Given when the service traces: each run is a `fetch <kind>` span, the root of its trace. */
  tracing?: Tracing;
}

/** When our own dependency failed (Kafka, MongoDB) or we shut down: the source is handed back, not blamed. */
const POSTPONE_MS = 15_000;

/** What the slot sizing measures besides the runs themselves (the module wires the process and the HTTP client). */
export interface LoadProbe {
  /** CPU time the process used so far, microseconds */
  cpuMicros(): number;
  /** requests waiting for their origin's politeness */
  waitingForOrigin(): number;
}

/**
 * The poll loop of one replica: claim due sources for every free slot at once (Mongo leases, see SourceRepository),
 * run them, write each outcome and release, with up to `concurrency` runs at once. Several replicas (or several schedulers in one process, as
 * the tests do) share the sources collection and every due run happens once. Stopping: no new claims, in-flight
 * runs get `stopGraceMs` to finish, then are aborted and handed back due at once for another replica. The page
 * queue (full-text pages, if given) starts and stops with it, its grace running alongside, so one stop fits in
 * one grace period. The number of run slots follows measured load (sizeRunSlots) when `sizing` is set.
 */
interface SourceRunContext {
  traceId: string;
  logger: Logger;
}

export class Scheduler {
  private readonly runs: LeasedWorkLoop<SourceRecord, SourceRunContext>;
  private slots: number;
  private sizingTimer: NodeJS.Timeout | null = null;
  /** the current sizing window */
  private window = { startedAt: 0, cpuMicros: 0, finished: 0, runSeconds: 0, backlogged: false };

  constructor(
    private readonly deps: RunnerDeps,
    private readonly options: SchedulerOptions,
    private readonly logger: Logger,
    private readonly metrics: FetcherMetrics,
    /** closes what the runs used (HTTP connection pools) once the last run ended */
    private readonly onStopped: () => Promise<void> = async () => undefined,
    private readonly pageQueue: PageQueue | null = null,
    private readonly probe: LoadProbe | null = null,
  ) {
    this.slots = options.concurrency;
    const { ownerId, leaseMs } = options;
    this.runs = new LeasedWorkLoop<SourceRecord, SourceRunContext>(
      {
        claim: (free) => deps.sources.claimDue(ownerId, new Date(), leaseMs, free),
        renewLease: (source, until) => deps.sources.renewLease(source._id, ownerId, until),
        contextFor: (source) => this.contextFor(source),
        run: (source, signal, context) => this.execute(source, signal, context),
        slots: () => this.slots,
        onInFlight: (count) => metrics.inFlight.set(count),
        onBacklog: () => (this.window.backlogged = true),
        onFinished: (ms) => {
          this.window.finished += 1;
          this.window.runSeconds += ms / 1000;
        },
      },
      { claimIntervalMs: options.claimIntervalMs, leaseMs, stopGraceMs: options.stopGraceMs, label: 'due sources' },
      logger,
    );
  }

  /** The sources the scheduler works on (the ops endpoints read and poke them). */
  get sources(): RunnerDeps['sources'] {
    return this.deps.sources;
  }

  get ownerId(): string {
    return this.options.ownerId;
  }

  isRunning(): boolean {
    return this.runs.started && !this.runs.stopped;
  }

  start(): void {
    if (this.runs.started || this.runs.stopped) return;
    this.logger.info(
      { concurrency: this.slots, maxConcurrency: this.options.sizing?.max ?? this.slots },
      'scheduler started',
    );
    this.metrics.concurrency.set(this.slots);
    this.runs.start();
    this.pageQueue?.start();
    const { sizing } = this.options;
    if (sizing && this.probe && sizing.max > this.options.concurrency) {
      this.newWindow();
      this.sizingTimer = setInterval(() => this.resize(), sizing.intervalMs);
      this.sizingTimer.unref();
    }
  }

  /** Run slots now (they follow measured load between FETCHER_CONCURRENCY and FETCH_MAX_CONCURRENCY). */
  get concurrency(): number {
    return this.slots;
  }

  /** Cuts the idle wait short (a source was made due by an operator). */
  poke(): void {
    this.runs.poke();
  }

  async stop(): Promise<void> {
    if (this.runs.stopped) return;
    const started = this.runs.started;
    if (this.sizingTimer) clearInterval(this.sizingTimer);
    await Promise.all([this.runs.stop(), started ? this.pageQueue?.stop() : undefined]);
    await this.onStopped();
    if (started) this.logger.info('scheduler stopped');
  }

  private newWindow(): void {
    this.window = {
      startedAt: Date.now(),
      cpuMicros: this.probe?.cpuMicros() ?? 0,
      finished: 0,
      runSeconds: 0,
      backlogged: false,
    };
  }

  private resize(): void {
    const { sizing } = this.options;
    if (!sizing || !this.probe) return;
    const elapsedSeconds = Math.max(0.001, (Date.now() - this.window.startedAt) / 1000);
    const { finished, runSeconds, backlogged } = this.window;
    const sample = {
      slots: this.slots,
      backlogged,
      finishedPerSecond: finished / elapsedSeconds,
      meanRunSeconds: finished > 0 ? runSeconds / finished : null,
      cpu: (this.probe.cpuMicros() - this.window.cpuMicros) / 1e6 / elapsedSeconds,
      waitingForOrigin: this.probe.waitingForOrigin(),
    };
    const slots = sizeRunSlots(sample, { ...sizing, min: this.options.concurrency });
    if (slots !== this.slots) {
      this.logger.info({ from: this.slots, to: slots, ...sample }, 'run slots resized');
      this.slots = slots;
      this.metrics.concurrency.set(slots);
      this.poke();
    }
    this.newWindow();
  }

  /** A trace id per claimed run: the run and its lease renewals log the same one. */
  private contextFor(source: SourceRecord): SourceRunContext {
    const traceId = newTraceId();
    return { traceId, logger: this.logger.child({ traceId, sourceId: source._id, kind: source.kind }) };
  }

  private async execute(
    source: SourceRecord,
    signal: AbortSignal,
    { traceId, logger }: SourceRunContext,
  ): Promise<void> {
    try {
      const now = new Date();
      let update;
      try {
        const outcome = await this.traced(source, traceId, () =>
          runSource(this.deps, { source, traceId, now, signal, logger }),
        );
        const { errorKind, ...result } = outcome;
        if (!result.ok && errorKind === 'deferred') {
          update = statusAfterDeferral(source, result.retryAfterSeconds ?? 0, now);
          this.record(source, 'deferred');
          logger.info({ nextRunAt: update.nextRunAt, reason: result.error }, 'source deferred');
        } else {
          update = statusAfterRun(source, result, now, this.options.random ?? Math.random, this.options.statusPolicy);
          const movedTo = movedSourceUrl(source, result);
          if (movedTo) {
            update = { ...update, url: movedTo };
            logger.info({ from: source.url, to: movedTo }, 'source moved permanently: its URL is updated');
          }
          this.record(source, result.ok ? (result.notModified ? 'not-modified' : 'ok') : 'error', errorKind);
          this.metrics.published.inc({ kind: source.kind }, result.published);
          const summary = { published: result.published, httpStatus: result.httpStatus, nextRunAt: update.nextRunAt };
          if (result.ok) logger.info(summary, 'source fetched');
          else logger.warn({ ...summary, err: result.error, parked: update.parked }, 'source fetch failed');
        }
      } catch (error) {
        // Not the source's fault (Kafka/MongoDB down, shutdown): try again soon, status untouched.
        logger.warn({ err: (error as Error).message }, 'source run postponed');
        this.record(source, 'postponed');
        const soon = signal.aborted ? new Date() : new Date(Date.now() + POSTPONE_MS);
        update = { status: source.status, nextRunAt: soon, parked: source.parked };
      }
      await this.release(source, update, logger);
    } catch (error) {
      logger.error({ err: (error as Error).message }, 'cannot write source outcome; the lease will expire');
    }
  }

  /** The run in a span whose trace is the run's traceId: every document it publishes continues that trace. */
  private traced<T>(source: SourceRecord, traceId: string, run: () => Promise<T>): Promise<T> {
    const { tracing } = this.options;
    if (!tracing) return run();
    const attributes = {
      'inkstream.source.id': source._id,
      'inkstream.source.kind': source.kind,
      'url.full': source.url,
    };
    return tracing.inSpan({ name: `fetch ${source.kind}`, kind: 'internal', traceId, attributes }, run);
  }

  private async release(source: SourceRecord, update: SourceRunUpdate, logger: Logger): Promise<void> {
    const released = await this.deps.sources.release(source._id, this.options.ownerId, update, new Date());
    if (!released) {
      this.metrics.leasesLost.inc();
      logger.warn('lease expired before the run ended: another replica owns the source, outcome not written');
    }
  }

  private record(source: SourceRecord, outcome: string, errorKind?: string): void {
    this.metrics.runs.inc({ kind: source.kind, outcome });
    if (errorKind) this.metrics.errors.inc({ kind: source.kind, error: errorKind });
  }
}
