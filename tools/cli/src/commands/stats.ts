import { collectPipelineOffsets, formatPipelineOffsets } from '@inkstream/messaging';
import type { Command } from 'commander';
import { connectAdminFailFast, connectionFromEnv } from '../live/connection';
import { positiveNumber } from '../options';

/** `inkstream stats`: per-stage message counts, lag and dead letters of a running pipeline. */
export function registerStatsCommand(program: Command): void {
  program
    .command('stats')
    .description('per-stage message counts, consumer lag and dead letters of a running pipeline')
    .option('-w, --watch [seconds]', 'refresh every N seconds (default 2)', positiveNumber)
    .option('--json', 'print the snapshot as JSON', false)
    .action(async (options: { watch?: number | true; json: boolean }) => {
      const { brokers, topicPrefix, security } = connectionFromEnv();
      const admin = await connectAdminFailFast(brokers, security);
      try {
        const interval = options.watch === undefined ? 0 : (options.watch === true ? 2 : options.watch) * 1000;
        for (;;) {
          const stats = await collectPipelineOffsets(admin, topicPrefix);
          const text = options.json ? JSON.stringify(stats) : formatPipelineOffsets(stats);
          // In watch mode redraw in place (clear screen + home) like `watch`, so lag reads as a moving figure.
          process.stdout.write(interval > 0 && !options.json ? `\u001b[2J\u001b[H${text}\n` : `${text}\n`);
          if (interval <= 0) break;
          await new Promise((resolve) => setTimeout(resolve, interval));
        }
      } finally {
        await admin.disconnect();
      }
    });
}
