import { decodeMessage, Topics, withPrefix } from '@inkstream/contracts';
import { InvalidMessageError } from '@inkstream/errors';
import { createKafka } from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import type { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { articleMatchesFilter } from '@inkstream/persistence';
import { formatArticleLine, parseArticleFilter } from '../live/article-filter';
import { connectionFromEnv, requireKafka } from '../live/connection';

/** `inkstream tail`: clean articles as they arrive on the clean topic, one line each (or JSON with --json). */
export function registerTailCommand(program: Command): void {
  program
    .command('tail')
    .description('print clean articles as they arrive (title, source, language, top entities)')
    .option(
      '-f, --filter <key=value...>',
      'source, language, entity, place, topic, cluster or keyword (as in /api/articles)',
      [],
    )
    .option('--from-beginning', 'start with the oldest article on the topic', false)
    .option('--json', 'print each article as one JSON line', false)
    .action(async (options: { filter: string[]; fromBeginning: boolean; json: boolean }) => {
      const filter = parseArticleFilter(options.filter);
      const { brokers, topicPrefix, security } = connectionFromEnv();
      await requireKafka(brokers, security);
      const kafka = createKafka({
        clientId: 'inkstream-cli-tail',
        brokers,
        security,
        logger: createLogger('cli', 'error', 'stderr'),
      });
      // A throwaway group that never commits: tailing must not move anybody's offsets.
      const consumer = kafka.consumer({ groupId: `inkstream-cli-tail-${randomBytes(4).toString('hex')}` });
      await consumer.connect();
      await consumer.subscribe({
        topic: withPrefix(topicPrefix, Topics.cleanArticles),
        fromBeginning: options.fromBeginning,
      });
      const stop = async () => {
        await consumer.disconnect().catch(() => undefined);
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      process.stderr.write(
        `tailing ${withPrefix(topicPrefix, Topics.cleanArticles)} on ${brokers.join(',')} (Ctrl-C to stop)\n`,
      );
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ message }) => {
          try {
            const article = decodeMessage(Topics.cleanArticles, message.value);
            if (!articleMatchesFilter(article, filter)) return;
            process.stdout.write(`${options.json ? JSON.stringify(article) : formatArticleLine(article)}\n`);
          } catch (error) {
            if (!(error instanceof InvalidMessageError)) throw error;
            process.stderr.write(`skipped an invalid message at offset ${message.offset}: ${error.message}\n`);
          }
        },
      });
      await new Promise(() => undefined);
    });
}
