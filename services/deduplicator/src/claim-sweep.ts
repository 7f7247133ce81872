import type { FingerprintStore } from '@inkstream/dedup-mongo';
import type { Logger } from '@inkstream/observability';
import type { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';

/** How often spent claim generations are dropped and the next one created (a generation lasts ten minutes). */
export const CLAIM_SWEEP_MS = 60_000;

/**
 * Keeps the deduplicator's claims bounded: on a timer, drops the claim generations no race can need any more and
 * creates the next one ahead of its first claims (`FingerprintStore.sweepClaims`). Every replica sweeps; a sweep
 * that fails (the database away) is logged and the next one retries: claims stay correct meanwhile, only kept longer.
 */
export class ClaimGenerationSweep implements OnModuleInit, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Pick<FingerprintStore, 'sweepClaims'>,
    private readonly logger: Logger,
    private readonly intervalMs = CLAIM_SWEEP_MS,
  ) {}

  /** The first sweep before the consumer starts (Nest runs init hooks first), then one per interval. */
  async onModuleInit(): Promise<void> {
    await this.sweep();
    this.timer = setInterval(() => void this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sweeping;
  }

  sweep(): Promise<void> {
    this.sweeping = this.sweeping.then(async () => {
      try {
        const dropped = await this.store.sweepClaims();
        if (dropped.length > 0) this.logger.info({ collections: dropped }, 'dropped spent claim generations');
      } catch (error) {
        this.logger.warn({ err: (error as Error).message }, 'claim generations not swept; the next sweep retries');
      }
    });
    return this.sweeping;
  }
}
