import { DEFAULT_MONGODB_URI, env, loadConfig, type KafkaSecurity } from '@inkstream/config';
import { newTraceId, Topics } from '@inkstream/contracts';
import { createKafka, PipelineProducer } from '@inkstream/messaging';
import { ENRICHMENT_VERSION } from '@inkstream/nlp';
import { createLogger } from '@inkstream/observability';
import { articleModels, connectMongo, uniqueArticleFromRecord, type ArticleRecord } from '@inkstream/persistence';
import type { Command } from 'commander';
import { connectionFromEnv, requireKafka } from '../live/connection';
import { progressFigures } from '../progress';

export interface ReenrichOptions {
  mongoUri: string;
  brokers: string[];
  /** Unset: plaintext. */
  security?: KafkaSecurity;
  topicPrefix: string;
  /** Re-enrich every article, not only those enriched by an older version. */
  all: boolean;
  batchSize: number;
}

export interface ReenrichSummary {
  selected: number;
  published: number;
  currentVersion: string;
}

/**
 * Sends stored articles enriched by an older enricher back through the enricher (as unique articles); the store
 * then updates each one with a new version. Streams with a cursor so a large archive never sits in memory.
 */
export async function runReenrich(
  options: ReenrichOptions,
  progress: (done: number, selected: number) => void = () => undefined,
): Promise<ReenrichSummary> {
  const mongo = await connectMongo(options.mongoUri, { appName: 'inkstream-cli-reenrich' });
  const logger = createLogger('cli', 'error', 'stderr');
  const producer = new PipelineProducer(
    createKafka({ clientId: 'inkstream-cli-reenrich', brokers: options.brokers, logger, security: options.security }),
    options.topicPrefix,
  );
  await producer.connect();
  try {
    const { articles } = articleModels(mongo);
    const query = options.all ? {} : { enrichmentVersion: { $ne: ENRICHMENT_VERSION } };
    const selected = await articles.countDocuments(query);
    const traceId = newTraceId();
    let published = 0;
    let batch: ArticleRecord[] = [];
    const flush = async () => {
      await producer.publish(
        Topics.uniqueArticles,
        batch.map((record) => uniqueArticleFromRecord(record, traceId)),
      );
      published += batch.length;
      batch = [];
      progress(published, selected);
    };
    for await (const record of articles.find(query).sort({ _id: 1 }).lean<ArticleRecord>().cursor()) {
      batch.push(record);
      if (batch.length >= options.batchSize) await flush();
    }
    if (batch.length > 0) await flush();
    return { selected, published, currentVersion: ENRICHMENT_VERSION };
  } finally {
    await producer.disconnect();
    await mongo.close();
  }
}

export function registerReenrichCommand(program: Command): void {
  program
    .command('reenrich')
    .description('re-run stored articles through the current enricher (only older enrichment versions unless --all)')
    .option('--all', 're-enrich every stored article', false)
    .option('--json', 'print the summary as JSON', false)
    .action(async (options: { all: boolean; json: boolean }) => {
      const { brokers, topicPrefix, security } = connectionFromEnv();
      const { MONGODB_URI } = loadConfig({ MONGODB_URI: env.mongoUri(DEFAULT_MONGODB_URI) });
      await requireKafka(brokers, security);
      const started = Date.now();
      const summary = await runReenrich(
        { mongoUri: MONGODB_URI, brokers, security, topicPrefix, all: options.all, batchSize: 100 },
        (done, selected) =>
          process.stderr.write(
            `\rre-enriching: ${done}/${selected} sent ` +
              `(${progressFigures({ done, total: selected, elapsedMs: Date.now() - started }, 'articles')})`,
          ),
      );
      process.stderr.write('\n');
      process.stdout.write(
        options.json
          ? `${JSON.stringify(summary)}\n`
          : `sent ${summary.published} of ${summary.selected} selected articles back through the enricher ` +
              `(current enrichment version ${summary.currentVersion})\n`,
      );
    });
}
