// How jest's global setup hands the running stack to test workers: env vars (inherited by every worker) and a JSON
// file (for tools and for debugging a run). Read by testStack() in the workers.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export type TestStackMode = 'embedded' | 'containers' | 'external';

export const TEST_STACK_ENV = {
  /** Forces a mode: embedded | containers | external. Default: containers when a Docker engine answers. */
  mode: 'INKSTREAM_TEST_STACK',
  kafkaBrokers: 'INKSTREAM_TEST_KAFKA_BROKERS',
  mongoUri: 'INKSTREAM_TEST_MONGODB_URI',
  /** Path of the JSON file describing the running test stack. */
  infoFile: 'INKSTREAM_TEST_STACK_FILE',
  /** Set to 1 to keep the embedded stack's temp data dir (logs) after the run. */
  keep: 'INKSTREAM_TEST_KEEP_STACK',
} as const;

export interface TestStack {
  kafkaBrokers: string[];
  /** Server URI without a database (path `/`); use mongoUriFor(db) for a per-test database. */
  mongoUri: string;
}

export interface TestStackInfo extends TestStack {
  mode: TestStackMode;
  /** Embedded mode only: where its data, logs and pid files live, and its ports. */
  embedded?: { dataDir: string; ports: { kafka: number; controller: number; mongo: number; postgres: number } };
  startedAt: string;
}

export function writeTestStackInfo(file: string, info: TestStackInfo): void {
  writeFileSync(file, `${JSON.stringify(info, null, 2)}\n`);
}

export function publishTestStack(file: string, info: TestStackInfo): void {
  writeTestStackInfo(file, info);
  process.env[TEST_STACK_ENV.kafkaBrokers] = info.kafkaBrokers.join(',');
  process.env[TEST_STACK_ENV.mongoUri] = info.mongoUri;
  process.env[TEST_STACK_ENV.infoFile] = file;
}

/** The full description of the running test stack, from the JSON file the global setup wrote. */
export function testStackInfo(): TestStackInfo {
  const file = process.env[TEST_STACK_ENV.infoFile];
  if (!file || !existsSync(file)) {
    throw new Error(
      `No test stack info (${TEST_STACK_ENV.infoFile} is ${file ? `${file}, which does not exist` : 'unset'}). ` +
        'Integration tests must run with `npx jest -c jest.integration.config.ts`, whose global setup starts the stack.',
    );
  }
  return JSON.parse(readFileSync(file, 'utf8')) as TestStackInfo;
}

/** Kafka brokers and MongoDB URI of the stack the global setup started (or the external one it was given). */
export function testStack(): TestStack {
  const brokers = process.env[TEST_STACK_ENV.kafkaBrokers];
  const mongoUri = process.env[TEST_STACK_ENV.mongoUri];
  if (brokers && mongoUri) return { kafkaBrokers: brokers.split(',').filter(Boolean), mongoUri };
  const info = testStackInfo();
  return { kafkaBrokers: info.kafkaBrokers, mongoUri: info.mongoUri };
}
