import { collectPipelineOffsets, createKafka, formatPipelineOffsets } from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import type { Command } from 'commander';
import type { Admin } from 'kafkajs';
import { connectionFromEnv } from '../live/connection';
import { positiveNumber } from '../options';

/**
 * An admin client of a running pipeline's Kafka, or at once a clear error: an operator asking for stats of a stack
 * that is not running should hear so in seconds, not watch the client retry for a minute and a half.
 */
export async function connectAdminFailFast(brokers: string[]): Promise<Admin> {
  const admin = createKafka({
    clientId: 'inkstream-cli-stats',
    brokers,
    logger: createLogger('cli', 'silent'),
    failFast: true,
  }).admin();
  try {
    await admin.connect();
    return admin;
  } catch (error) {
    await admin.disconnect().catch(() => undefined);
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(
      `cannot reach Kafka at ${brokers.join(',')} (${cause}); is the pipeline running? (set KAFKA_BROKERS to its brokers)`,
    );
  }
}

/** `inkstream stats`: per-stage message counts, lag and dead letters of a running pipeline. */
export function registerStatsCommand(program: Command): void {
  program
    .command('stats')
    .description('per-stage message counts, consumer lag and dead letters of a running pipeline')
    .option('-w, --watch [seconds]', 'refresh every N seconds (default 2)', positiveNumber)
    .option('--json', 'print the snapshot as JSON', false)
    .action(async (options: { watch?: number | true; json: boolean }) => {
      const { brokers, topicPrefix } = connectionFromEnv();
      const admin = await connectAdminFailFast(brokers);
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
