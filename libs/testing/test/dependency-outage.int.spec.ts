// A dependency outage holds the partition: SIGKILL PostgreSQL (under FerretDB), FerretDB, or Kafka while a real
// consumer drains a batch whose handler writes to the database and publishes an output, restart it, and every
// message is processed with 0 dead letters.
//
// On a stack of its own: killing the run's shared stack would fail every other suite running beside this one.
import { deadLetterTopic, exampleRawDocument, Topics, withPrefix, type TopicName } from '@inkstream/contracts';
import type { StackComponent } from '@inkstream/embedded-stack';
import { createLogger } from '@inkstream/observability';
import { connectMongo, DocumentOutcomeRepository } from '@inkstream/persistence';
import { startPrivateStack, uniqueName, waitFor, type PrivateStack } from '../src';
import { Kafka, logLevel } from 'kafkajs';
import type { Connection } from 'mongoose';
import { randomBytes } from 'node:crypto';
import {
  BrokerProbe,
  classifyFailure,
  createKafka,
  errorMessage,
  PipelineConsumer,
  PipelineProducer,
  type MessageHandler,
} from '@inkstream/messaging';

const MESSAGES = 150;
const GROUP = 'inkstream.outage-test';
const OUTPUT_TOPIC = 'outage-test.outputs';
/** How long the dependency stays dead: long enough for every stage of retries to give up many times over. */
const OUTAGE_MS = 6_000;
const RESTART_TIMEOUT_MS = 100_000;
const SESSION_TIMEOUT_MS = 10_000;

describe('a dependency outage mid-drain holds the partition: nothing dead-lettered, nothing lost', () => {
  const logger = createLogger('outage-test', 'silent');
  let stack: PrivateStack;
  let mongo: Connection;

  beforeAll(async () => {
    stack = await startPrivateStack();
    mongo = await connectMongo(`${stack.mongoUri}outage`, { appName: 'outage-test' });
  }, 300_000);

  afterAll(async () => {
    await mongo?.close(true);
    await stack?.stop();
  });

  const admin = async <T>(run: (client: ReturnType<Kafka['admin']>) => Promise<T>): Promise<T> => {
    const client = new Kafka({ clientId: 'outage-admin', brokers: stack.kafkaBrokers, logLevel: logLevel.NOTHING });
    const connected = client.admin();
    await connected.connect();
    try {
      return await run(connected);
    } finally {
      await connected.disconnect();
    }
  };

  async function killAndRestart(component: StackComponent, whileDown: () => Promise<void>): Promise<void> {
    await stack.kill([component]);
    await Promise.all([new Promise((resolve) => setTimeout(resolve, OUTAGE_MS)), whileDown()]);
    await stack.restart();
  }

  const healthIs = async (status: 'up' | 'down', consumer: PipelineConsumer, probe: BrokerProbe) =>
    consumer.health.check().status === status && (await probe.check()).status === status;
  const healthWait = (what: string) => ({
    timeoutMs: SESSION_TIMEOUT_MS * 3,
    intervalMs: 500,
    description: `the consumer and broker health checks ${what}`,
  });

  it.each<StackComponent>(['postgres', 'ferretdb', 'kafka'])(
    'SIGKILL %s mid-drain, restart it: every message processed, 0 dead letters',
    async (component) => {
      const prefix = `${uniqueName(`outage-${component}`)}.`;
      const input = withPrefix(prefix, Topics.rawDocuments);
      const dlq = withPrefix(prefix, deadLetterTopic(Topics.rawDocuments, GROUP));
      const output = withPrefix(prefix, OUTPUT_TOPIC);
      await admin((client) =>
        client.createTopics({
          waitForLeaders: true,
          topics: [input, dlq, output].map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })),
        }),
      );
      const kafka = createKafka({ clientId: `outage-${component}`, brokers: stack.kafkaBrokers, logger });
      const producer = new PipelineProducer(kafka, prefix);
      await producer.connect();
      const outcomes = new DocumentOutcomeRepository(mongo);
      const ids = Array.from({ length: MESSAGES }, () => `raw_${randomBytes(16).toString('hex')}`);
      await producer.publish(
        Topics.rawDocuments,
        ids.map((id) => exampleRawDocument({ id, sourceId: prefix })),
      );

      const handled = new Set<string>();
      const failures: string[] = [];
      let lastError: unknown;
      // A stage's shape: read and write the database (a mongoose query and a driver-collection write, the two paths
      // whose errors libs/persistence translates), then publish an output; paced so the kill lands mid-drain.
      const handler: MessageHandler<typeof Topics.rawDocuments> = async ({ value }) => {
        try {
          await new Promise((resolve) => setTimeout(resolve, 20));
          await outcomes.loadLearning(value.sourceId, 'outage-test');
          await outcomes.recordEmpty({
            _id: value.id,
            sourceId: value.sourceId,
            url: value.url,
            reason: 'outage test',
            traceId: value.traceId,
            recordedAt: new Date().toISOString(),
          });
          await producer.sendRaw(output, [{ key: value.id, value: value.id, headers: {} }]);
          handled.add(value.id);
        } catch (error) {
          failures.push(classifyFailure(error));
          lastError = error;
          throw error;
        }
      };
      const consumer = new PipelineConsumer({
        kafka,
        group: GROUP,
        topicPrefix: prefix,
        handlers: new Map([[Topics.rawDocuments, handler as unknown as MessageHandler<TopicName>]]),
        producer,
        // What a stage runs with, shortened: an unclassified error would be dead-lettered within a second.
        retry: { maxAttempts: 3, initialDelayMs: 50, maxDelayMs: 500 },
        partitionsConsumedConcurrently: 1,
        sessionTimeoutMs: SESSION_TIMEOUT_MS,
        logger,
      });
      const probe = new BrokerProbe(kafka);
      await consumer.start();
      try {
        await waitFor(() => handled.size >= 20, { timeoutMs: 60_000, description: '20 messages handled' });
        expect(handled.size).toBeLessThan(MESSAGES);
        await killAndRestart(component, async () => {
          // Health reads the real state: with the broker gone the consumer stops heartbeating (or crashes) and the
          // brokers stop answering, so both checks are down within the session timeout.
          if (component === 'kafka') await waitFor(() => healthIs('down', consumer, probe), healthWait('down'));
        });
        const drained = await waitFor(
          async () => handled.size === MESSAGES && (await outcomes.findEmpty(ids)).length === MESSAGES,
          { timeoutMs: RESTART_TIMEOUT_MS, intervalMs: 500 },
        ).then(
          () => true,
          () => false,
        );
        if (!drained) {
          throw new Error(
            `${handled.size} of ${MESSAGES} handled after ${component} came back; last failure: ${errorMessage(lastError)}`,
          );
        }
        if (component === 'kafka') await waitFor(() => healthIs('up', consumer, probe), healthWait('up again'));
      } finally {
        await consumer.stop();
        await probe.stop();
        await producer.disconnect();
      }
      // The outage reached the handler, and was seen for what it is.
      expect(failures.length).toBeGreaterThan(0);
      expect(new Set(failures)).toEqual(new Set(['dependency-unavailable']));
      const [letters, outputs] = await admin(async (client) =>
        Promise.all([client.fetchTopicOffsets(dlq), client.fetchTopicOffsets(output)]),
      );
      expect(letters.map(({ high }) => Number(high))).toEqual([0]);
      expect(Number(outputs[0].high)).toBeGreaterThanOrEqual(MESSAGES);
    },
    RESTART_TIMEOUT_MS + 60_000,
  );
});
