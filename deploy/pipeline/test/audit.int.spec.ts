// `inkstream audit` on a real pipeline: the four consuming stages in this process, raw documents that end each
// possible way (stored, duplicate, empty, dead letter), plus one published after the stages stopped, and the audit
// must name each one's fate from what Kafka and MongoDB hold, and nothing else.
import { runAudit, type AuditProgress } from '@inkstream/audit';
import { exampleRawDocument, Topics } from '@inkstream/contracts';
import { deduplicatorServiceFor } from '@inkstream/deduplicator';
import { enricherService } from '@inkstream/enricher';
import { createKafka, type PipelineProducer } from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import { runService, type RunningService } from '@inkstream/runtime';
import { splitterService } from '@inkstream/splitter';
import { storeService } from '@inkstream/store';
import { pipelineFixture, waitFor } from '@inkstream/testing';
import type { Connection } from 'mongoose';

const STORY = [
  'The harbour authority of Portmere approved a new ferry terminal on Tuesday after two years of planning talks.',
  'Officials said the terminal would cost 40 million euros and open in the spring of 2028 if building starts soon.',
  'Residents of the north quay had objected to the noise of construction, and the council promised limits on hours.',
  'The ferry operator said it would add two crossings a day to the islands once the new berths are finished.',
].join('\n\n');

const raw = (id: string, url: string, content: string) =>
  exampleRawDocument({
    id,
    url,
    content,
    contentLength: content.length,
    traceId: `trace_${id}`,
    sourceId: 'src-portmere',
    source: { id: 'src-portmere', name: 'Portmere News', domain: 'portmere.test', kind: 'drop' },
    fetchedAt: new Date().toISOString(),
  });

describe('inkstream audit (real Kafka + MongoDB protocol, the four consuming stages)', () => {
  const fixture = pipelineFixture('audit', { KAFKA_TOPIC_PARTITIONS: '1' });
  const services: RunningService[] = [];
  let producer: PipelineProducer;
  let mongo: Connection;

  beforeAll(async () => {
    for (const definition of [storeService, enricherService, deduplicatorServiceFor(fixture.env), splitterService]) {
      services.push(await runService(definition, fixture.env));
    }
    ({ producer, mongo } = await fixture.connect());
  });

  afterAll(async () => {
    for (const service of [...services].reverse()) await service.stop();
    await fixture.close();
  });

  it('accounts for each raw document of the window: stored, duplicate, empty, dead letter, in flight', async () => {
    const since = Date.now() - 1_000;
    await producer.publish(Topics.rawDocuments, [
      raw('raw_story', 'https://portmere.test/news/ferry', STORY),
      raw('raw_copy', 'https://portmere.test/news/ferry-copy', STORY),
      raw('raw_empty', 'https://portmere.test/news/empty', '   \n  '),
      raw('raw_binary', 'https://portmere.test/news/image', '\u0000\u0001\u0002PNG\u0000\u0000'.repeat(200)),
    ]);
    await waitFor(
      async () =>
        (await mongo.collection('articles').countDocuments({})) === 1 &&
        (await mongo.collection('duplicates').countDocuments({})) === 1 &&
        (await mongo.collection('empty_documents').countDocuments({})) === 1,
      { timeoutMs: 60_000, intervalMs: 250, description: 'the article, the duplicate and the empty document' },
    );
    // The splitter stops, so the next document stays unread: in flight however long the audit waits.
    await services.pop()?.stop();
    await producer.publish(Topics.rawDocuments, [raw('raw_late', 'https://portmere.test/news/late', STORY)]);

    const kafka = createKafka({
      clientId: 'audit-test',
      brokers: fixture.kafkaBrokers,
      logger: createLogger('audit-test', 'warn'),
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      let progress: AuditProgress[] = [];
      const audit = () => {
        progress = [];
        return runAudit({
          kafka,
          admin,
          mongo,
          topicPrefix: fixture.prefix,
          window: { since, until: Date.now() + 1_000 },
          now: Date.now(),
          inFlightGraceMs: 0,
          onProgress: (step) => progress.push(step),
        });
      };
      // The binary document's dead letter is written after the empty record may already be there.
      const report = await waitFor(
        async () => {
          const current = await audit();
          return current.summary.byStatus['dead-letter'] === 1 ? current : null;
        },
        { timeoutMs: 30_000, intervalMs: 500, description: 'the dead letter to be in the audit' },
      );
      const byId = Object.fromEntries(report.accounts.map((account) => [account.rawDocumentId, account]));
      expect(Object.fromEntries(report.accounts.map((account) => [account.rawDocumentId, account.status]))).toEqual({
        raw_story: 'stored',
        raw_copy: 'duplicate',
        raw_empty: 'empty',
        raw_binary: 'dead-letter',
        raw_late: 'in-flight',
      });
      const [article] = byId.raw_story.articles;
      expect(byId.raw_copy.duplicates).toEqual([
        expect.objectContaining({ duplicateOf: article.id, url: 'https://portmere.test/news/ferry-copy' }),
      ]);
      expect(byId.raw_empty.empty).toEqual({ rawDocumentId: 'raw_empty', reason: 'the document is empty' });
      expect(byId.raw_binary.deadLetters).toEqual([
        expect.objectContaining({
          group: 'inkstream.splitter',
          kind: 'permanent-error',
          error: expect.stringMatching(/binary/i),
        }),
      ]);
      expect(report.summary).toMatchObject({ rawIn: 5, articles: 1, duplicates: 1, storedTwice: 0 });
      expect(report.summary.byStatus.unaccounted).toBe(0);
      // What `inkstream audit` shows on a terminal: each raw document read back, then the outcomes looked up.
      const reading = progress.filter(({ phase }) => phase === 'reading raw documents');
      expect(reading.map(({ done }) => done)).toEqual([1, 2, 3, 4, 5]);
      expect(reading.every(({ total }) => total === 5)).toBe(true);
      expect(progress.at(-1)).toEqual({ phase: 'looking up outcomes', done: 5, total: 5 });
    } finally {
      await admin.disconnect();
    }
  });
});
