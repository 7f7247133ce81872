// Per article, every database access must be an index seek: a collection scan makes each article cost more as the
// store grows (FerretDB 1 on SQLite did exactly that, and ingestion fell to 0.33 articles/s). This test runs the
// four consuming stages in this process, seeds a few hundred articles (with near-copies) so the planner has real
// tables to choose on, then records every command the stages send for another batch and explains each of its
// queries on the embedded database. A query without an index, or a new query added without one, fails here.
import { newTraceId, Topics, type RawDocument } from '@inkstream/contracts';
import { deduplicatorServiceFor } from '@inkstream/deduplicator';
import { enricherService } from '@inkstream/enricher';
import { buildRawDocument, DEFAULT_RAW_DOCUMENT_LIMITS } from '@inkstream/fetching';
import { observeMongoCommands, queriesOf, summarisePlan, type ObservedCommand } from '@inkstream/persistence';
import { runService, type RunningService } from '@inkstream/runtime';
import { splitterService } from '@inkstream/splitter';
import { storeService } from '@inkstream/store';
import { pipelineFixture, waitFor } from '@inkstream/testing';
import type { Connection } from 'mongoose';
import type { PipelineProducer } from '@inkstream/messaging';
import { seededRandom } from '@inkstream/measure';
import { generateArticles, type BenchArticle } from '../bench/corpus';

const VOCABULARY = (
  'minister council river budget school harbour police court union market energy farmers bank election storm ' +
  'hospital bridge airport workers museum festival railway mayor treaty border coast factory village report ' +
  'officials said on tuesday that the plan would cost millions and take years to complete after long talks with ' +
  'residents who feared rising prices while critics warned of delays in the north and south of the region'
).split(' ');

/** Sentences of real words in random order: distinct articles without a dataset. */
function sentencePool(count: number): string[][] {
  const random = seededRandom(7);
  return Array.from({ length: count }, () => [
    ...Array.from(
      { length: 12 + Math.floor(random() * 10) },
      () => VOCABULARY[Math.floor(random() * VOCABULARY.length)],
    ),
    '.',
  ]);
}

function rawDocuments(articles: readonly BenchArticle[]): RawDocument[] {
  return articles.map((article) =>
    buildRawDocument(
      {
        source: {
          id: article.sourceId,
          name: article.sourceId,
          kind: 'drop',
          url: `https://${article.sourceId}.test/`,
        },
        url: `https://${article.sourceId}.test/news/${article.key}`,
        itemKey: article.key,
        content: article.text,
        contentType: 'text/plain; charset=utf-8',
        fetchedAt: new Date(),
        traceId: newTraceId(),
      },
      DEFAULT_RAW_DOCUMENT_LIMITS,
    ),
  );
}

describe('the per-article path uses an index for every query (real FerretDB/MongoDB plans)', () => {
  const fixture = pipelineFixture('query-plans', { KAFKA_TOPIC_PARTITIONS: '2' });
  const services: RunningService[] = [];
  let producer: PipelineProducer;
  let mongo: Connection;
  const pool = sentencePool(600);

  beforeAll(async () => {
    const env = fixture.env;
    for (const definition of [storeService, enricherService, deduplicatorServiceFor(env), splitterService]) {
      services.push(await runService(definition, env));
    }
    ({ producer, mongo } = await fixture.connect());
  });

  afterAll(async () => {
    for (const service of [...services].reverse()) await service.stop();
    await fixture.close();
  });

  async function ingest(articles: readonly BenchArticle[]): Promise<void> {
    const before = (await mongo.collection('articles').countDocuments({})) + (await duplicatesCount());
    await producer.publish(Topics.rawDocuments, rawDocuments(articles));
    await waitFor(
      async () =>
        (await mongo.collection('articles').countDocuments({})) + (await duplicatesCount()) >= before + articles.length,
      { timeoutMs: 180_000, intervalMs: 500, description: `${articles.length} more articles stored or recorded` },
    );
  }

  const duplicatesCount = () => mongo.collection('duplicates').countDocuments({});

  it('explains every query the stages send for a batch of articles and finds an index seek in each', async () => {
    await ingest(generateArticles(pool, 400));

    const sent: ObservedCommand[] = [];
    const stop = observeMongoCommands((observed) => {
      if (observed.database === mongo.db?.databaseName) sent.push(observed);
    });
    try {
      await ingest(generateArticles(pool, 40, { offset: 400 }));
    } finally {
      stop();
    }

    const queries = sent.flatMap((observed) => queriesOf(observed.command));
    const shapes = new Map<string, (typeof queries)[number]>();
    for (const query of queries) {
      shapes.set(`${query.command} ${query.collection} ${JSON.stringify(shapeOf(query.filter))}`, query);
    }
    // The path really ran: article writes, the dedup index and its decisions.
    // The deduplicator's startup sweep created the next claim generation ahead of its first claim.
    const names = (await mongo.db?.listCollections({}, { nameOnly: true }).toArray())?.map((c) => c.name) ?? [];
    // (the current one and the next: claims alone make the next only in a generation's last 90 s)
    expect(names.filter((name) => /^dedup_claims_\d{8}T\d{4}Z$/.test(name)).length).toBeGreaterThanOrEqual(2);
    const collections = new Set([...shapes.values()].map((query) => query.collection));
    expect([...collections]).toEqual(
      expect.arrayContaining([
        'articles',
        'duplicates',
        'dedup_fingerprints',
        expect.stringMatching(/^dedup_claims_\d{8}T\d{4}Z$/),
        'dedup_decisions',
      ]),
    );

    const unindexed: string[] = [];
    for (const [shape, query] of shapes) {
      const explain = await mongo.db?.command({
        explain: { find: query.collection, filter: query.filter, ...(query.sort ? { sort: query.sort } : {}) },
        verbosity: 'queryPlanner',
      });
      const plan = summarisePlan(explain);
      if (plan.scans.length > 0 || plan.indexes.length === 0) {
        unindexed.push(`${shape}: scans ${plan.scans.join(', ') || '-'}, indexes ${plan.indexes.join(', ') || '-'}`);
      }
    }
    expect(unindexed).toEqual([]);
    expect(shapes.size).toBeGreaterThan(8);
  });
});

/** A filter's shape: field names and operators, values replaced (one explain per shape, not per article). */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? [shapeOf(value[0])] : [];
  if (value instanceof Date) return 'date';
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shapeOf(inner)]));
  }
  return typeof value;
}
