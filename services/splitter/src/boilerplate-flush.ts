import type { Logger } from '@inkstream/observability';
import type { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { BoilerplateMemory } from './boilerplate-memory';

/** How often learned boilerplate is written back: the most learning a crash can lose. */
export const BOILERPLATE_FLUSH_MS = 5_000;

/**
 * Writes the splitter's learned boilerplate back on a timer and once more at shutdown (Nest runs shutdown hooks
 * after the consumer has stopped and before MongoDB closes, so the last documents' learning is kept).
 */
export class BoilerplateFlushSchedule implements OnModuleInit, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly memory: BoilerplateMemory,
    private readonly logger: Logger,
    private readonly intervalMs = BOILERPLATE_FLUSH_MS,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }

  private flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      try {
        const written = await this.memory.flush(new Date().toISOString());
        if (written > 0) this.logger.debug({ sources: written }, 'learned boilerplate saved');
      } catch (error) {
        this.logger.warn({ err: (error as Error).message }, 'learned boilerplate not saved yet; next flush retries');
      }
    });
    return this.flushing;
  }
}
