// The embedded path: real Kafka + FerretDB processes (@inkstream/embedded-stack) on free ports, with a throwaway data
// dir per test run under .cache/test-stack-*, so parallel runs (several engineers, one checkout) never collide.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  findFreePorts,
  isAlive,
  removeStackData,
  REPO_ROOT,
  startEmbeddedStack,
  stopEmbeddedStack,
  type StackComponent,
  type StackPorts,
} from '@inkstream/embedded-stack';

const TEST_STACK_PREFIX = 'test-stack-';
const OWNER_FILE = 'owner.pid';
const KEPT_FILE = 'kept';

export interface StartedEmbedded {
  kafkaBrokers: string[];
  mongoUri: string;
  dataDir: string;
  ports: StackPorts;
  stop(keepDataDir: boolean): Promise<void>;
}

/** `test-stack-XXXXXX` from mkdtemp; not `test-stack-XXXXXX.start.lock`, the start lock beside it. */
function isTestStackDirName(entry: string): boolean {
  return entry.startsWith(TEST_STACK_PREFIX) && !entry.includes('.');
}

function cacheRoot(): string {
  return join(REPO_ROOT, '.cache');
}

/**
 * Removes test stacks left by runs that died without teardown (their owner pid is gone): kills their processes
 * and deletes the dir. Stacks of live runs are left alone.
 */
export async function sweepOrphanedTestStacks(log: (line: string) => void): Promise<void> {
  if (!existsSync(cacheRoot())) return;
  for (const name of readdirSync(cacheRoot()).filter(isTestStackDirName)) {
    const dir = join(cacheRoot(), name);
    const ownerFile = join(dir, OWNER_FILE);
    const owner = existsSync(ownerFile) ? Number(readFileSync(ownerFile, 'utf8')) : NaN;
    // Kept stacks (INKSTREAM_TEST_KEEP_STACK, or a failed start) stay for reading their logs; delete them by hand.
    if ((Number.isInteger(owner) && isAlive(owner)) || existsSync(join(dir, KEPT_FILE))) continue;
    const result = await stopEmbeddedStack(dir, { timeoutMs: 0 });
    const killed = Object.values(result).filter((outcome) => outcome === 'killed').length;
    log(`removed orphaned test stack ${dir}${killed > 0 ? ` (killed ${killed} leftover process(es))` : ''}`);
    removeStackData(dir);
  }
}

/** A fresh `.cache/test-stack-*` dir owned by this process (the sweep leaves it alone while we live). */
export function makeTestStackDir(): string {
  mkdirSync(cacheRoot(), { recursive: true });
  const dir = mkdtempSync(join(cacheRoot(), TEST_STACK_PREFIX));
  writeFileSync(join(dir, OWNER_FILE), String(process.pid));
  return dir;
}

export interface StartEmbeddedOptions {
  /** Only these components (default all): a test that needs the database but no broker starts faster. */
  components?: readonly StackComponent[];
}

/** Ports are free when chosen but bound seconds later: another run on the machine may bind one first. */
const PORT_TAKEN = /address already in use/i;
const START_ATTEMPTS = 3;

export async function startEmbedded(
  log: (line: string) => void,
  options: StartEmbeddedOptions = {},
): Promise<StartedEmbedded> {
  await sweepOrphanedTestStacks(log);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startEmbeddedOnce(log, options);
    } catch (error) {
      if (attempt >= START_ATTEMPTS || !PORT_TAKEN.test((error as Error).message)) throw error;
      log(`a port was taken before the stack bound it (attempt ${attempt}); starting again on other ports`);
    }
  }
}

async function startEmbeddedOnce(log: (line: string) => void, options: StartEmbeddedOptions): Promise<StartedEmbedded> {
  const dataDir = makeTestStackDir();
  const [kafkaPort, controllerPort, mongoPort, postgresPort] = await findFreePorts(4);
  try {
    const stack = await startEmbeddedStack({
      dataDir,
      kafkaPort,
      controllerPort,
      mongoPort,
      postgresPort,
      components: options.components,
      // Attached: Ctrl-C on jest reaches the broker too.
      detached: false,
      log,
    });
    return {
      kafkaBrokers: stack.kafkaBrokers,
      mongoUri: stack.mongoUri,
      dataDir,
      ports: stack.ports,
      stop: async (keepDataDir) => {
        // Throwaway data: no graceful shutdown needed, and SIGKILL saves seconds per run.
        await stack.stop({ timeoutMs: 0 });
        if (keepDataDir) keep(dataDir);
        else removeStackData(dataDir);
      },
    };
  } catch (error) {
    await stopEmbeddedStack(dataDir, { timeoutMs: 0 });
    keep(dataDir);
    throw new Error(`${(error as Error).message}\n(the test stack's data and logs are kept in ${dataDir})`);
  }
}

function keep(dataDir: string): void {
  rmSync(join(dataDir, OWNER_FILE), { force: true });
  writeFileSync(join(dataDir, KEPT_FILE), `${new Date().toISOString()}\n`);
}
