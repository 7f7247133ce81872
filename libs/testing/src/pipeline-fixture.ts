// What a service integration test needs besides the stack: its own topic prefix and database, the env a service
// reads, a producer writing into that prefix and a MongoDB connection to look at what was stored.
import { createKafka, PipelineProducer } from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import { connectMongo } from '@inkstream/persistence';
import type { Connection } from 'mongoose';
import { mongoUriFor, uniqueName } from './names';
import { testStack } from './stack-info';

export interface PipelineFixture {
  kafkaBrokers: string[];
  prefix: string;
  mongoUri: string;
  /** Service env: this test's prefix and database, an OS-chosen HTTP port, quiet logs. */
  env: Record<string, string>;
  /** Connects the producer and the MongoDB connection. */
  connect(): Promise<{ producer: PipelineProducer; mongo: Connection }>;
  close(): Promise<void>;
}

export interface ServiceTestEnv {
  kafkaBrokers: string[];
  prefix: string;
  mongoUri: string;
  env: Record<string, string>;
}

/**
 * The one env block every service under test starts with: the shared stack's brokers, a topic prefix and a
 * database of this test's own (so tests never see each other's messages or records), an OS-chosen HTTP port and
 * quiet logs; `extraEnv` adds or overrides.
 */
export function serviceTestEnv(name: string, extraEnv: Record<string, string> = {}): ServiceTestEnv {
  const { kafkaBrokers } = testStack();
  const prefix = `${uniqueName(name)}.`;
  const mongoUri = mongoUriFor(uniqueName(name));
  return {
    kafkaBrokers,
    prefix,
    mongoUri,
    env: {
      KAFKA_BROKERS: kafkaBrokers.join(','),
      MONGODB_URI: mongoUri,
      KAFKA_TOPIC_PREFIX: prefix,
      HTTP_PORT: '0',
      LOG_LEVEL: process.env.INKSTREAM_TEST_LOG_LEVEL ?? 'warn',
      ...extraEnv,
    },
  };
}

export function pipelineFixture(name: string, extraEnv: Record<string, string> = {}): PipelineFixture {
  const { kafkaBrokers, prefix, mongoUri, env } = serviceTestEnv(name, extraEnv);
  let producer: PipelineProducer | null = null;
  let mongo: Connection | null = null;
  return {
    kafkaBrokers,
    prefix,
    mongoUri,
    env,
    async connect() {
      const logger = createLogger(`${name}-test`, 'warn');
      producer = new PipelineProducer(createKafka({ clientId: `${name}-test`, brokers: kafkaBrokers, logger }), prefix);
      await producer.connect();
      mongo = await connectMongo(mongoUri, { appName: `${name}-test` });
      return { producer, mongo };
    },
    async close() {
      await producer?.disconnect();
      await mongo?.close();
    },
  };
}
