import { ConsumerGroups, exampleRawDocument, Topics, withPrefix } from '@inkstream/contracts';
import { createKafka, ensureTopics, PipelineProducer, pipelineTopicSpecs } from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import { connectMongo, DocumentOutcomeRepository } from '@inkstream/persistence';
import { mongoUriFor, testStack, uniqueName } from '@inkstream/testing';
import { cli } from './run-cli';

// The stages' part is covered by deploy/pipeline/test/audit.int.spec.ts; here the command itself: its env, options,
// table, listing and exit code, on records written directly.
describe('inkstream audit against the real stack', () => {
  it('lists the document nothing accounts for and exits 1; with it accounted for, exits 0', async () => {
    const { kafkaBrokers } = testStack();
    const prefix = `${uniqueName('audit-cli')}.`;
    const mongoUri = mongoUriFor(uniqueName('audit-cli'));
    const kafka = createKafka({
      clientId: 'audit-cli-test',
      brokers: kafkaBrokers,
      logger: createLogger('test', 'warn'),
    });
    await ensureTopics(kafka, pipelineTopicSpecs({ prefix, numPartitions: 1, replicationFactor: 1, consumers: [] }));
    const producer = new PipelineProducer(kafka, prefix);
    await producer.connect();
    await producer.publish(Topics.rawDocuments, [
      exampleRawDocument({ id: 'raw_blank', url: 'https://example.test/blank' }),
      exampleRawDocument({ id: 'raw_lost', url: 'https://example.test/lost' }),
    ]);
    await producer.disconnect();
    const mongo = await connectMongo(mongoUri, { appName: 'audit-cli-test' });
    const outcomes = new DocumentOutcomeRepository(mongo);
    const empty = (id: string) => ({
      _id: id,
      sourceId: 'src-arabnews',
      url: null,
      reason: 'the document is empty',
      traceId: 't',
      recordedAt: new Date().toISOString(),
    });
    await outcomes.recordEmpty(empty('raw_blank'));
    // As if the splitter had read both documents: past its committed offset, a document without an outcome is lost.
    const admin = kafka.admin();
    await admin.connect();
    await admin.setOffsets({
      groupId: withPrefix(prefix, ConsumerGroups.splitter),
      topic: withPrefix(prefix, Topics.rawDocuments),
      partitions: [{ partition: 0, offset: '2' }],
    });
    await admin.disconnect();
    const env = { KAFKA_BROKERS: kafkaBrokers.join(','), KAFKA_TOPIC_PREFIX: prefix, MONGODB_URI: mongoUri };

    const lost = await cli(['audit', '--since', '10m', '--grace', '0s'], env);
    expect(lost.code).toBe(1);
    expect(lost.out).toMatch(/raw documents in\s+2/);
    expect(lost.out).toMatch(/ {2}empty\s+1/);
    expect(lost.out).toContain('empty (1):\n  raw_blank https://example.test/blank');
    expect(lost.out).toContain('unaccounted (1):\n  raw_lost https://example.test/lost');
    expect(lost.err).toContain('1 raw document(s) unaccounted (lost)');

    await outcomes.recordEmpty(empty('raw_lost'));
    const accounted = await cli(['audit', '--since', '10m', '--grace', '0s', '--json'], env);
    expect(accounted.code).toBe(0);
    const report = JSON.parse(accounted.out);
    expect(report.summary.byStatus).toMatchObject({ empty: 2, unaccounted: 0 });
    expect(report.violations).toEqual([]);
    await mongo.close();
  });
});
