// The testcontainers path, for machines with a Docker engine: the same kind of servers as production
// (Confluent Kafka 8 = Apache Kafka 4.x in KRaft mode, MongoDB 8) instead of the embedded processes.
import type { TestStack } from './stack-info';

export const KAFKA_IMAGE = 'confluentinc/cp-kafka:8.1.0';
export const MONGODB_IMAGE = 'mongo:8.0';

export interface StartedContainers extends TestStack {
  stop(): Promise<void>;
}

/**
 * True when a container engine answers within `timeoutMs`. Asks testcontainers itself (the `docker` CLI may be
 * installed without an engine); where no socket exists it fails in milliseconds, the timeout covers a hung one.
 */
export async function containerEngineAnswers(timeoutMs = 3_000): Promise<boolean> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((done) => {
    timer = setTimeout(() => done(false), timeoutMs);
  });
  try {
    return await Promise.race([
      getContainerRuntimeClient().then(
        () => true,
        () => false,
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export async function startContainers(): Promise<StartedContainers> {
  try {
    return await startBoth();
  } catch (error) {
    // If only one of the two started, testcontainers' reaper (Ryuk) removes it when this process exits.
    throw new Error(
      `Cannot start the test containers: ${(error as Error).message}. ` +
        'Without a Docker engine, unset INKSTREAM_TEST_STACK or set it to embedded.',
    );
  }
}

async function startBoth(): Promise<StartedContainers> {
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const { MongoDBContainer } = await import('@testcontainers/mongodb');
  const [kafka, mongo] = await Promise.all([
    // Same broker settings as the embedded stack (libs/embedded-stack/src/kafka.ts): explicit topics, fast group joins.
    new KafkaContainer(KAFKA_IMAGE)
      .withEnvironment({
        KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
        KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: '1',
        KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      })
      .start(),
    new MongoDBContainer(MONGODB_IMAGE).start(),
  ]);
  // The module runs a single-node replica set that advertises the container's hostname: connect directly.
  const server = mongo.getConnectionString().replace(/\/?(\?.*)?$/, '/');
  return {
    kafkaBrokers: [`${kafka.getHost()}:${kafka.getMappedPort(9093)}`],
    mongoUri: `${server}?directConnection=true`,
    stop: async () => {
      await Promise.all([kafka.stop(), mongo.stop()]);
    },
  };
}
