// `npm start` itself (deploy/pipeline/run.ts) waiting out a database outage: its service is killed while the
// database is away, every restart finds it still away and exits 75, and the runner keeps starting it (with backoff)
// for as long as that lasts, past the five crashes it gives up after, until the database is back and the service is
// healthy again. Before restarts that found the stack away were told apart, the fifth of them left the service DOWN.
// The runner runs as a user runs it, against a broker (the run's shared stack) and a database of this test's own,
// whose FerretDB is SIGKILLed and later started again on its data.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { startPrivateStack, testStack, uniqueName, waitFor, type PrivateStack } from '@inkstream/testing';
import { DEFAULT_RESTART_POLICY } from '../restart-policy';

const ROOT = resolve(__dirname, '..', '..', '..');
const WAITED_OUT = /!! store could not reach the broker or the database at startup \(attempt (\d+)\)/g;
/** More startups that found the database away than the crashes the runner gives up after. */
const ATTEMPTS = DEFAULT_RESTART_POLICY.maxCrashes + 1;

describe('npm start during a database outage', () => {
  let stack: PrivateStack;
  let runner: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    stack = await startPrivateStack({ components: ['postgres', 'ferretdb'] });
  }, 300_000);

  afterAll(async () => {
    if (runner?.exitCode === null) {
      const exited = new Promise((done) => runner?.once('exit', done));
      runner.kill('SIGTERM');
      await exited;
    }
    await stack?.stop();
  }, 60_000);

  /** Waits for `predicate`, naming what was awaited and showing the runner's output if it never holds. */
  async function until<T>(predicate: () => T | undefined, timeoutMs: number, what: string): Promise<NonNullable<T>> {
    try {
      return await waitFor(predicate, { timeoutMs, intervalMs: 250, description: what });
    } catch (error) {
      throw new Error(`${(error as Error).message}\nthe runner's output:\n${output}`);
    }
  }

  /** The runner's service processes: the store is the only one here. */
  function storePid(): number | undefined {
    const children = spawnSync('ps', ['--ppid', String(runner?.pid), '-o', 'pid=,args='], { encoding: 'utf8' }).stdout;
    const line = children.split('\n').find((entry) => entry.includes('services/store/src/main.ts'));
    return line ? Number(line.trim().split(/\s+/)[0]) : undefined;
  }

  it('restarts the service for as long as the outage lasts, never giving up on it, and it is healthy once the database is back', async () => {
    runner = spawn(
      process.execPath,
      ['-r', '@swc-node/register', 'deploy/pipeline/run.ts', '--services', 'store', '--no-demo', '--ports', 'auto'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          KAFKA_BROKERS: testStack().kafkaBrokers.join(','),
          MONGODB_URI: `${stack.mongoUri}${uniqueName('runner-outage')}`,
          KAFKA_TOPIC_PREFIX: `${uniqueName('runner-outage')}.`,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    runner.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    runner.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await until(() => output.includes('services healthy: store') || undefined, 120_000, "the runner's store healthy");
    const first = storePid();
    expect(first).toBeDefined();

    await stack.kill(['ferretdb']);
    process.kill(first!, 'SIGKILL');
    const attempts = await until(
      () => {
        const seen = [...output.matchAll(WAITED_OUT)].map((match) => Number(match[1]));
        return seen.length >= ATTEMPTS ? seen : undefined;
      },
      240_000,
      `${ATTEMPTS} startups that found the database away`,
    );
    expect(attempts).toEqual(Array.from({ length: attempts.length }, (_, i) => i + 1));
    expect(output).not.toContain('is DOWN');

    await stack.restart();
    await until(
      () => output.includes('store restarted and healthy') || undefined,
      120_000,
      'the store healthy again once the database is back',
    );
    expect(output).not.toContain('is DOWN');
    expect(runner.exitCode).toBeNull();
    expect(storePid()).not.toBe(first);
  }, 540_000);
});
