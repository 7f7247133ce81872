// Process bookkeeping for the embedded stack: pid files, ownership checks, port checks, spawn and stop.
// A pid file alone is not trusted: pids are reused, so a process counts as ours only if its command line
// names our data dir.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { STACK_HOST } from './config';

export type StackComponent = 'kafka' | 'postgres' | 'ferretdb';

/** Contents of `<dataDir>/run/<component>.pid` (JSON, so status can tell which port a live process serves). */
export interface PidRecord {
  component: StackComponent;
  pid: number;
  port: number;
  dataDir: string;
  startedAt: string;
}

export type PidFileState =
  | { kind: 'absent' }
  | { kind: 'ours'; record: PidRecord }
  /** The file exists but its process is gone (or the pid now belongs to someone else). */
  | { kind: 'stale'; record: PidRecord | undefined };

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

export function writePidRecord(file: string, record: PidRecord): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
}

function parsePidRecord(text: string): PidRecord | undefined {
  try {
    const value = JSON.parse(text) as Partial<PidRecord>;
    if (typeof value.pid === 'number' && typeof value.port === 'number' && typeof value.dataDir === 'string') {
      return value as PidRecord;
    }
  } catch {
    // Not JSON: treated as stale below.
  }
  return undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the pid exists but belongs to another user, so it is certainly not ours, yet it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The command line of a live process, or undefined (zombies have an empty one). */
export function commandLineOf(pid: number): string | undefined {
  try {
    if (existsSync('/proc')) {
      const text = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
      return text === '' ? undefined : text;
    }
    const text = execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return text === '' ? undefined : text;
  } catch {
    return undefined;
  }
}

/** Reads a pid file and decides whether it names a live process of ours (its command line names `marker`). */
export function inspectPidFile(file: string, marker: string): PidFileState {
  if (!existsSync(file)) return { kind: 'absent' };
  const record = parsePidRecord(readFileSync(file, 'utf8'));
  if (record === undefined || !isAlive(record.pid)) return { kind: 'stale', record };
  const commandLine = commandLineOf(record.pid);
  return commandLine?.includes(marker) ? { kind: 'ours', record } : { kind: 'stale', record };
}

export function removeFile(file: string): void {
  rmSync(file, { force: true });
}

/** True when something accepts TCP connections on the port (ours or not). */
export function portAnswers(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: STACK_HOST, port });
    const finish = (answered: boolean): void => {
      socket.destroy();
      done(answered);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/** True when we cannot bind the port on the loopback (someone listens there, on any interface). */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' || error.code === 'EACCES' ? done(true) : fail(error),
    );
    server.listen({ host: STACK_HOST, port, exclusive: true }, () => server.close(() => done(false)));
  });
}

/**
 * Where free ports are looked for: below the kernel's ephemeral range (`ip_local_port_range`). A port the kernel
 * handed out (`listen(0)`) comes from that range, and so does every outgoing connection's local port: between our
 * check and the server's own bind, any client socket on the machine (a parallel test file's Kafka or MongoDB
 * connection) could take it, and the server failed with "address already in use". Null when the range leaves no
 * room below it (then the kernel chooses).
 */
export function listeningPortWindow(ephemeralRange: string | undefined): { low: number; high: number } | null {
  const [start] = (ephemeralRange ?? '').trim().split(/\s+/).map(Number);
  const ephemeralLow = Number.isInteger(start) && start > 0 ? start : 32_768;
  const low = 10_000;
  const high = ephemeralLow - 1;
  return high - low >= 1_000 ? { low, high } : null;
}

function readEphemeralRange(): string | undefined {
  try {
    return readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8');
  } catch {
    return undefined; // not Linux: the default range
  }
}

function listenOn(port: number): Promise<ReturnType<typeof createServer> | null> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' || error.code === 'EACCES' ? done(null) : fail(error),
    );
    server.listen({ host: STACK_HOST, port, exclusive: true }, () => done(server));
  });
}

/** Free loopback ports, distinct from each other (all held open until every one is chosen). */
export async function findFreePorts(count: number): Promise<number[]> {
  const window = listeningPortWindow(readEphemeralRange());
  const servers: Array<ReturnType<typeof createServer>> = [];
  try {
    for (let tries = 0; servers.length < count; tries += 1) {
      if (window !== null && tries > 200) throw new Error(`no free port between ${window.low} and ${window.high}`);
      const port = window === null ? 0 : window.low + Math.floor(Math.random() * (window.high - window.low + 1));
      const server = await listenOn(port);
      if (server !== null) servers.push(server);
    }
    return servers.map((server) => {
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('Unexpected server address');
      return address.port;
    });
  } finally {
    await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  }
}

export interface SpawnOptions {
  command: string;
  args: string[];
  logFile: string;
  cwd: string;
  /**
   * Detached processes get their own process group and outlive the caller (the CLI). Attached ones share the
   * caller's group, so Ctrl-C on a test run also stops them.
   */
  detached: boolean;
  /** Run as another user (root starting PostgreSQL, which refuses to run as root). */
  uid?: number;
  gid?: number;
}

export function spawnLogged(options: SpawnOptions): ChildProcess {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const fd = openSync(options.logFile, 'a');
  try {
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      detached: options.detached,
      stdio: ['ignore', fd, fd],
      uid: options.uid,
      gid: options.gid,
    });
    // Never let a stack process keep the Node event loop (CLI, jest) alive.
    child.unref();
    return child;
  } finally {
    closeSync(fd);
  }
}

/**
 * `stopSignal` (SIGTERM unless said otherwise), then SIGKILL after `timeoutMs` (0 = kill at once). Resolves when the
 * process is gone.
 */
export async function terminate(
  pid: number,
  timeoutMs: number,
  stopSignal: NodeJS.Signals = 'SIGTERM',
): Promise<'terminated' | 'killed' | 'gone'> {
  if (!signal(pid, timeoutMs === 0 ? 'SIGKILL' : stopSignal)) return 'gone';
  if (await waitForExit(pid, timeoutMs)) return timeoutMs === 0 ? 'killed' : 'terminated';
  signal(pid, 'SIGKILL');
  if (await waitForExit(pid, 10_000)) return 'killed';
  throw new Error(`Process ${pid} survived SIGKILL for 10s`);
}

function signal(pid: number, name: NodeJS.Signals): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // A zombie (exited, not yet reaped by its parent) has no command line: count it as gone.
    if (!isAlive(pid) || commandLineOf(pid) === undefined) return true;
    if (Date.now() >= deadline) return false;
    await sleep(100);
  }
}

/** The last `lines` lines of a log file, indented, for error messages. */
export function tailOf(file: string, lines = 30): string {
  if (!existsSync(file)) return `  (no log at ${file})`;
  const text = readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines);
  return [`  --- last ${text.length} lines of ${file} ---`, ...text.map((line) => `  ${line}`)].join('\n');
}

const LOCK_WAIT_MS = 15 * 60_000;

/**
 * Runs `work` while holding a lock directory (mkdir is atomic). A lock whose owner pid died is taken over, so a
 * killed process never blocks the next one.
 */
export async function withLock<T>(
  lockDir: string,
  purpose: string,
  log: (line: string) => void,
  work: () => Promise<T>,
): Promise<T> {
  const ownerFile = join(lockDir, 'owner.pid');
  const deadline = Date.now() + LOCK_WAIT_MS;
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir); // atomic: exactly one process creates it
      writeFileSync(ownerFile, String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(existsSync(ownerFile) ? readFileSync(ownerFile, 'utf8') : NaN);
      if (Number.isInteger(owner) && !isAlive(owner)) {
        rmSync(lockDir, { recursive: true, force: true }); // its builder died; take over
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lockDir} (held by pid ${owner})`);
      if (!announced) log(`Waiting for another process (pid ${owner}) ${purpose} (${lockDir})`);
      announced = true;
      await sleep(500);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * Polls `answers` until it succeeds while our process is still alive. The process is re-checked after a successful
 * probe: if it died (say, it lost a race for the port), the answer came from someone else's server.
 */
export async function waitUntilAnswering(options: {
  name: string;
  address: string;
  answers: () => Promise<boolean>;
  exited: () => string | undefined;
  timeoutMs: number;
  intervalMs: number;
  logTail: () => string;
}): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if ((await options.answers()) && options.exited() === undefined) return;
    const exit = options.exited();
    if (exit !== undefined) throw new Error(`${options.name} exited during startup (${exit}).\n${options.logTail()}`);
    if (Date.now() > deadline) {
      throw new Error(
        `${options.name} did not answer on ${options.address} within ${options.timeoutMs / 1000}s.\n${options.logTail()}`,
      );
    }
    await sleep(options.intervalMs);
  }
}

/** Runs a build tool with its output in `logFile`; a missing executable fails with `missingHint`. */
export function runTool(
  command: string,
  args: string[],
  cwd: string,
  logFile: string,
  missingHint: string,
  extraEnv: Record<string, string> = {},
): Promise<void> {
  mkdirSync(join(logFile, '..'), { recursive: true });
  const fd = openSync(logFile, 'w');
  return new Promise<void>((done, fail) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', fd, fd], env: { ...process.env, ...extraEnv } });
    child.once('error', (error: NodeJS.ErrnoException) =>
      fail(error.code === 'ENOENT' ? new Error(`${command} not found. ${missingHint}`) : error),
    );
    child.once('exit', (code, signal) =>
      code === 0
        ? done()
        : fail(new Error(`${command} ${args[0]} failed (${signal ?? `exit ${code}`})\n${tailOf(logFile, 40)}`)),
    );
  }).finally(() => closeSync(fd));
}
