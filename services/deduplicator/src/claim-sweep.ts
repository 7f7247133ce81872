import type { FingerprintStore } from '@inkstream/dedup-mongo';
import type { Logger } from '@inkstream/observability';
import { PeriodicTask } from '@inkstream/runtime';
import type { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';

/** How often spent claim generations are dropped and the next one created (a generation lasts ten minutes). */
export const CLAIM_SWEEP_MS = 60_000;

/**
 * Keeps the deduplicator's claims bounded: on a timer, drops the claim generations no race can need any more and
 * creates the next one ahead of its first claims (`FingerprintStore.sweepClaims`). Every replica sweeps; a sweep
 * that fails (the database away) is logged and the next one retries: claims stay correct meanwhile, only kept longer.
 */
export class ClaimGenerationSweep implements OnModuleInit, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(
    private readonly store: Pick<FingerprintStore, 'sweepClaims'>,
    private readonly logger: Logger,
    intervalMs = CLAIM_SWEEP_MS,
  ) {
    this.task = new PeriodicTask(
      async () => {
        const dropped = await this.store.sweepClaims();
        if (dropped.length > 0) this.logger.info({ collections: dropped }, 'dropped spent claim generations');
      },
      intervalMs,
      (error) => this.logger.warn({ err: error.message }, 'claim generations not swept; the next sweep retries'),
    );
  }

  /** The first sweep before the consumer starts (Nest runs init hooks first), then one per interval. */
  async onModuleInit(): Promise<void> {
    await this.task.run();
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  sweep(): Promise<void> {
    return this.task.run();
  }
}
