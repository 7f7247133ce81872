// Jest global setup for integration tests (jest.integration.config.ts): starts ONE real Kafka broker and ONE
// MongoDB-protocol server for the whole run and hands their addresses to the test workers.
//   INKSTREAM_TEST_STACK=containers  testcontainers (default when a Docker engine answers)
//   INKSTREAM_TEST_STACK=embedded    Kafka + FerretDB processes (@inkstream/embedded-stack; default without Docker)
//   INKSTREAM_TEST_STACK=external    use INKSTREAM_TEST_KAFKA_BROKERS and INKSTREAM_TEST_MONGODB_URI as given
//                                    (e.g. a stack from `npm run stack:start`)
import { join } from 'node:path';
import { kafkaAnswers, mongoAnswers } from '@inkstream/embedded-stack';
import { containerEngineAnswers, KAFKA_IMAGE, MONGODB_IMAGE, startContainers } from './containers';
import { makeTestStackDir, startEmbedded } from './embedded';
import { publishTestStack, TEST_STACK_ENV, type TestStackInfo, type TestStackMode } from './stack-info';
import { setRunningTestStack } from './running-stack';

const say = (line: string): void => {
  process.stdout.write(`[test-stack] ${line}\n`);
};

async function chooseMode(): Promise<TestStackMode> {
  const forced = process.env[TEST_STACK_ENV.mode];
  if (forced) {
    if (forced !== 'embedded' && forced !== 'containers' && forced !== 'external') {
      throw new Error(`${TEST_STACK_ENV.mode}=${forced}: expected embedded, containers or external`);
    }
    say(`mode ${forced} (forced by ${TEST_STACK_ENV.mode})`);
    return forced;
  }
  const began = Date.now();
  const docker = await containerEngineAnswers();
  say(
    docker
      ? `a container engine answered (${Date.now() - began}ms): using testcontainers`
      : `no container engine answered (checked in ${Date.now() - began}ms): using the embedded stack`,
  );
  return docker ? 'containers' : 'embedded';
}

async function useExternal(): Promise<Pick<TestStackInfo, 'kafkaBrokers' | 'mongoUri'>> {
  const brokers = process.env[TEST_STACK_ENV.kafkaBrokers]?.split(',').filter(Boolean) ?? [];
  const mongoUri = process.env[TEST_STACK_ENV.mongoUri] ?? '';
  if (brokers.length === 0 || mongoUri === '') {
    throw new Error(`External mode needs ${TEST_STACK_ENV.kafkaBrokers} and ${TEST_STACK_ENV.mongoUri}`);
  }
  // Fail here, once, rather than in every test with a connection timeout.
  const [kafkaOk, mongoOk] = await Promise.all([kafkaAnswers(brokers), mongoAnswers(mongoUri)]);
  if (!kafkaOk) throw new Error(`External Kafka at ${brokers.join(',')} does not answer`);
  if (!mongoOk) throw new Error(`External MongoDB at ${mongoUri} does not answer ping`);
  return { kafkaBrokers: brokers, mongoUri };
}

export default async function globalSetup(): Promise<void> {
  const began = Date.now();
  process.stdout.write('\n');
  const mode = await chooseMode();
  const startedAt = new Date().toISOString();
  let info: TestStackInfo;
  let infoDir: string;
  if (mode === 'embedded') {
    say(
      'starting a real Apache Kafka broker (KRaft) and FerretDB 2 (MongoDB wire protocol) on PostgreSQL + DocumentDB as local processes',
    );
    const stack = await startEmbedded((line) => say(`  ${line}`));
    setRunningTestStack({ mode, stop: () => stack.stop(process.env[TEST_STACK_ENV.keep] === '1') });
    info = { mode, kafkaBrokers: stack.kafkaBrokers, mongoUri: stack.mongoUri, startedAt };
    info.embedded = { dataDir: stack.dataDir, ports: stack.ports };
    infoDir = stack.dataDir;
    say(`logs: ${join(stack.dataDir, 'logs')}`);
  } else if (mode === 'containers') {
    say(`starting containers ${KAFKA_IMAGE} and ${MONGODB_IMAGE} with testcontainers`);
    const containers = await startContainers();
    setRunningTestStack({ mode, stop: () => containers.stop() });
    info = { mode, kafkaBrokers: containers.kafkaBrokers, mongoUri: containers.mongoUri, startedAt };
    infoDir = makeTestStackDir();
  } else {
    info = { mode, ...(await useExternal()), startedAt };
    setRunningTestStack({ mode, stop: async () => undefined });
    infoDir = makeTestStackDir();
  }
  const infoFile = join(infoDir, 'connection.json');
  publishTestStack(infoFile, info);
  say(`Kafka brokers: ${info.kafkaBrokers.join(',')}`);
  say(`MongoDB:       ${info.mongoUri}`);
  say(`ready in ${((Date.now() - began) / 1000).toFixed(1)}s (connection info: ${infoFile})`);
}
