import type { Logger } from '@inkstream/observability';
import { PeriodicTask } from '@inkstream/runtime';
import type { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { BoilerplateMemory } from './boilerplate-memory';

/** How often learned boilerplate is written back: the most learning a crash can lose. */
export const BOILERPLATE_FLUSH_MS = 5_000;

/**
 * Writes the splitter's learned boilerplate back on a timer and once more at shutdown (Nest runs shutdown hooks
 * after the consumer has stopped and before MongoDB closes, so the last documents' learning is kept).
 */
export class BoilerplateFlushSchedule implements OnModuleInit, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(memory: BoilerplateMemory, logger: Logger, intervalMs = BOILERPLATE_FLUSH_MS) {
    this.task = new PeriodicTask(
      async () => {
        const written = await memory.flush(new Date().toISOString());
        if (written > 0) logger.debug({ sources: written }, 'learned boilerplate saved');
      },
      intervalMs,
      (error) => logger.warn({ err: error.message }, 'learned boilerplate not saved yet; next flush retries'),
    );
  }

  onModuleInit(): void {
    this.task.start();
  }

  /** Waits for a flush in progress, then flushes what was learned since. */
  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
    await this.task.run();
  }
}
