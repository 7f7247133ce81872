import type { Logger } from '@inkstream/observability';
import type { FingerprintStore } from '@inkstream/dedup-mongo';
import type { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';

export interface RetentionSettings {
  retentionMs: number;
  intervalMs: number;
  clock: () => number;
}

/**
 * Runs the fingerprint index's retention pass on a timer (first shortly after start, then every interval), so the
 * index is bounded by DEDUP_RETENTION_HOURS. A failed pass (say, MongoDB away) is logged and the next one retries.
 */
export class RetentionSchedule implements OnModuleInit, OnApplicationShutdown {
  private readonly timers: NodeJS.Timeout[] = [];
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Pick<FingerprintStore, 'prune'>,
    private readonly logger: Logger,
    private readonly settings: RetentionSettings,
  ) {}

  onModuleInit(): void {
    this.timers.push(
      setTimeout(() => void this.runOnce(), Math.min(60_000, this.settings.intervalMs)),
      setInterval(() => void this.runOnce(), this.settings.intervalMs),
    );
    for (const timer of this.timers) timer.unref();
  }

  /** Both timers go, the first pass's too: a pass after shutdown would run on a closed connection. */
  async onApplicationShutdown(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearTimeout(timer);
    await this.running;
  }

  /** One pass; resolves when done (passes never overlap). */
  runOnce(): Promise<void> {
    this.running = this.running.then(async () => {
      const before = new Date(this.settings.clock() - this.settings.retentionMs);
      try {
        const deleted = await this.store.prune(before);
        this.logger.info({ before: before.toISOString(), deleted }, 'dedup index retention pass');
      } catch (error) {
        this.logger.warn({ err: (error as Error).message }, 'dedup index retention pass failed; the next one retries');
      }
    });
    return this.running;
  }
}
