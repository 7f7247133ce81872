// The PostgreSQL cluster under FerretDB: one per stack data dir, initialised on first start, run as an unprivileged
// user (PostgreSQL refuses root: as root we run it as the `postgres` user the Debian package creates).
import { execFileSync, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { STACK_HOST, type StackPaths } from '../config';
import { spawnLogged, tailOf, waitUntilAnswering } from '../processes';
import { isRoot, POSTGRES_BIN_DIR } from './extensions';

export interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

/** Where the cluster lives: `<dataDir>/postgres`, or (see clusterHome) a folder the server's user can reach. */
export interface ClusterLocation {
  home: string;
  dataDir: string;
  socketDir: string;
}

const POINTER_FILE = 'postgres.location';
const OUTSIDE_ROOT = join(tmpdir(), 'inkstream-postgres');

/** The user PostgreSQL runs as: ourselves, or `postgres` when we are root. */
export function postgresUser(): RunAs | undefined {
  if (!isRoot()) return undefined;
  const id = (flag: string): number => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g'), name: 'postgres' };
  } catch {
    throw new Error('Running as root, but there is no `postgres` user to run PostgreSQL as (install postgresql-15).');
  }
}

function reachableBy(user: RunAs | undefined, dir: string): boolean {
  if (!user) return true;
  return spawnSync('test', ['-x', dir], { uid: user.uid, gid: user.gid }).status === 0;
}

/**
 * The cluster's folder. Normally `<dataDir>/postgres`; when the server's user cannot reach the data dir (a checkout
 * under root's private home), the cluster goes to a folder under the temp dir keyed by the data dir, and a pointer
 * file in the data dir names it, so stop/start keeps the data and wiping the data dir removes it too.
 */
export function clusterLocation(paths: StackPaths, user: RunAs | undefined, create: boolean): ClusterLocation {
  const pointer = join(paths.dataDir, POINTER_FILE);
  let home = paths.postgresDir;
  if (existsSync(pointer)) {
    home = readFileSync(pointer, 'utf8').trim();
  } else if (create) {
    mkdirSync(paths.dataDir, { recursive: true });
    if (!reachableBy(user, paths.dataDir)) {
      const key = createHash('sha256').update(paths.dataDir).digest('hex').slice(0, 16);
      home = join(OUTSIDE_ROOT, key);
      mkdirSync(OUTSIDE_ROOT, { recursive: true, mode: 0o1777 });
      writeFileSync(pointer, `${home}\n`);
    }
  }
  return { home, dataDir: join(home, 'data'), socketDir: join(home, 'socket') };
}

/** Deletes a cluster kept outside the data dir (the data dir itself is the caller's to delete). */
export function removeOutsideCluster(paths: StackPaths): void {
  const pointer = join(paths.dataDir, POINTER_FILE);
  if (!existsSync(pointer)) return;
  const home = readFileSync(pointer, 'utf8').trim();
  if (home.startsWith(OUTSIDE_ROOT)) rmSync(home, { recursive: true, force: true });
}

function bin(name: string): string {
  return join(POSTGRES_BIN_DIR, name);
}

/** Creates the cluster on first start (trust auth on loopback only; the stack is a developer tool). */
export function initCluster(location: ClusterLocation, user: RunAs | undefined, logFile: string): void {
  if (existsSync(join(location.dataDir, 'PG_VERSION'))) return;
  for (const dir of [location.home, location.socketDir]) {
    mkdirSync(dir, { recursive: true });
    if (user) chownSync(dir, user.uid, user.gid);
  }
  rmSync(location.dataDir, { recursive: true, force: true });
  const result = spawnSync(
    bin('initdb'),
    ['-D', location.dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-instructions'],
    { uid: user?.uid, gid: user?.gid, encoding: 'utf8', cwd: location.home },
  );
  if (result.status !== 0) {
    writeFileSync(logFile, `${result.stdout ?? ''}${result.stderr ?? ''}`, { flag: 'a' });
    throw new Error(
      `initdb failed for ${location.dataDir} (${result.error?.message ?? `exit ${result.status}`})\n${tailOf(logFile)}`,
    );
  }
}

/**
 * Server settings, passed on the command line so they are re-applied on every start. Durability stays on
 * (fsync, synchronous commit): the resilience tests SIGKILL the database and expect every acknowledged write back.
 */
export function postgresSettings(location: ClusterLocation, port: number): Record<string, string> {
  return {
    port: String(port),
    listen_addresses: STACK_HOST,
    unix_socket_directories: location.socketDir,
    shared_preload_libraries: 'pg_cron,pg_documentdb_core,pg_documentdb',
    'cron.database_name': 'postgres',
    // FerretDB opens a pool per client connection burst; six services with a few connections each fit easily.
    max_connections: '200',
    shared_buffers: '256MB',
    // Fewer, larger checkpoints: ingestion is write-heavy and the default 1 GB WAL forces frequent ones.
    max_wal_size: '2GB',
    // DocumentDB's file-based persisted cursors stay off (their upstream default): they spared FerretDB a new backend
    // per sorted or limited find, but segfaulted on a plain multi-batch sorted read, restarting all of PostgreSQL
    // (libs/testing/test/embedded-stack.int.spec.ts reproduces it).
    logging_collector: 'off',
    log_min_messages: 'warning',
  };
}

export function spawnPostgres(
  location: ClusterLocation,
  port: number,
  user: RunAs | undefined,
  logFile: string,
  detached: boolean,
): ChildProcess {
  const settings = Object.entries(postgresSettings(location, port)).flatMap(([key, value]) => [
    '-c',
    `${key}=${value}`,
  ]);
  return spawnLogged({
    command: bin('postgres'),
    args: ['-D', location.dataDir, ...settings],
    logFile,
    cwd: location.home,
    detached,
    uid: user?.uid,
    gid: user?.gid,
  });
}

/** One SQL statement as the superuser, through psql (the stack ships no PostgreSQL client library). */
export function psql(port: number, sql: string): { ok: boolean; output: string } {
  const result = spawnSync(
    bin('psql'),
    ['-h', STACK_HOST, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-qAtc', sql],
    { encoding: 'utf8', timeout: 60_000 },
  );
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() };
}

/**
 * Null when the PostgreSQL answering on `port` serves `dataDir`, else why it is not ours. Two pipelines started at
 * the same moment both find the port free; the one whose server loses the bind would otherwise take the winner's
 * server for its own (and fail obscurely creating an extension that is already there).
 */
export function foreignPostgres(port: number, servedDataDir: string, dataDir: string): string | null {
  const real = (path: string) => (existsSync(path) ? realpathSync(path) : resolve(path));
  if (real(servedDataDir) === real(dataDir)) return null;
  return (
    `${STACK_HOST}:${port} is answered by another PostgreSQL (data directory ${servedDataDir}), not this stack's ` +
    `(${dataDir}): another embedded stack holds the port. Give this one its own with INKSTREAM_POSTGRES_PORT ` +
    `(and INKSTREAM_KAFKA_PORT, INKSTREAM_KAFKA_CONTROLLER_PORT, INKSTREAM_MONGO_PORT).`
  );
}

export async function waitForPostgres(
  port: number,
  dataDir: string,
  logFile: string,
  timeoutMs: number,
  exited: () => string | undefined,
): Promise<void> {
  await waitUntilAnswering({
    name: 'PostgreSQL',
    address: `${STACK_HOST}:${port}`,
    answers: async () => {
      const served = psql(port, 'SHOW data_directory');
      if (!served.ok) return false;
      const foreign = foreignPostgres(port, served.output, dataDir);
      if (foreign) throw new Error(foreign);
      return true;
    },
    exited,
    timeoutMs,
    intervalMs: 200,
    logTail: () => tailOf(logFile),
  });
  // Idempotent: the first start creates DocumentDB's schema; later starts find it.
  const created = psql(port, 'CREATE EXTENSION IF NOT EXISTS documentdb CASCADE');
  if (!created.ok) throw new Error(`Cannot create the documentdb extension on port ${port}: ${created.output}`);
}
