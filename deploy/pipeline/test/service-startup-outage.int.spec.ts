// A service process started while the broker or the database is away exits with EXIT_DEPENDENCY_UNAVAILABLE (75)
// and says what did not answer, so `npm start` waits the outage out instead of counting a crash (restart-policy.ts):
// before, it exited 1 like a bug, and five such startups inside five minutes left the service down for good.
// Real service processes, as the runner starts them; the run's shared stack provides what is not away.
import { EXIT_DEPENDENCY_UNAVAILABLE } from '@inkstream/errors';
import { findFreePorts } from '@inkstream/embedded-stack';
import { mongoUriFor, testStack, uniqueName } from '@inkstream/testing';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServiceProcess, stopServiceProcess, type ServiceProcess } from '../service-process';

const ROOT = resolve(__dirname, '..', '..', '..');
/** kafkajs' first connection retries for a while before it gives up; the database's server selection takes 5 s. */
const EXIT_TIMEOUT_MS = 90_000;

describe('a service started while a dependency is away', () => {
  let logDir: string;
  const started: ServiceProcess[] = [];

  beforeAll(() => {
    logDir = mkdtempSync(join(tmpdir(), 'inkstream-startup-outage-'));
  });

  afterAll(async () => {
    await Promise.all(started.map((service) => stopServiceProcess(service, 5_000)));
    rmSync(logDir, { recursive: true, force: true });
  });

  async function startStore(env: NodeJS.ProcessEnv): Promise<{ exit: number | string | null; log: string }> {
    const [port] = await findFreePorts(1);
    const service = startServiceProcess({
      root: ROOT,
      name: 'store',
      port,
      host: '127.0.0.1',
      env: { ...process.env, KAFKA_TOPIC_PREFIX: `${uniqueName('startup-outage')}.`, ...env },
      logDir: join(logDir, String(port)),
      echo: false,
    });
    started.push(service);
    const exit = await service.exited;
    return { exit, log: readFileSync(service.logFile, 'utf8') };
  }

  it(
    'exits 75 naming the brokers when no broker answers',
    async () => {
      const [closed] = await findFreePorts(1);
      const { exit, log } = await startStore({
        KAFKA_BROKERS: `127.0.0.1:${closed}`,
        MONGODB_URI: mongoUriFor(uniqueName('startup-outage')),
      });
      expect(exit).toBe(EXIT_DEPENDENCY_UNAVAILABLE);
      expect(log).toContain(`cannot connect to Kafka at 127.0.0.1:${closed} over PLAINTEXT: no broker answered`);
    },
    EXIT_TIMEOUT_MS,
  );

  it(
    'exits 75 naming the database when no MongoDB server answers',
    async () => {
      const [closed] = await findFreePorts(1);
      const { exit, log } = await startStore({
        KAFKA_BROKERS: testStack().kafkaBrokers.join(','),
        MONGODB_URI: `mongodb://127.0.0.1:${closed}/inkstream`,
      });
      expect(exit).toBe(EXIT_DEPENDENCY_UNAVAILABLE);
      expect(log).toContain(`cannot connect to MongoDB at mongodb://127.0.0.1:${closed}/inkstream`);
    },
    EXIT_TIMEOUT_MS,
  );

  it(
    'still exits 1 for what waiting cannot fix: a bad setting',
    async () => {
      const { exit, log } = await startStore({
        KAFKA_BROKERS: testStack().kafkaBrokers.join(','),
        MONGODB_URI: mongoUriFor(uniqueName('startup-outage')),
        KAFKA_MESSAGE_CONCURRENCY: 'lots',
      });
      expect(exit).toBe(1);
      expect(log).toContain('KAFKA_MESSAGE_CONCURRENCY');
    },
    EXIT_TIMEOUT_MS,
  );
});
