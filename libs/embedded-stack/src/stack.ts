// The embedded local stack: a real Kafka broker, and FerretDB v2 (MongoDB wire protocol) on PostgreSQL 15 with the
// DocumentDB extension, as plain processes, for machines without Docker. Used by `npm run stack:*`
// (deploy/local/stack-cli.ts), by `npm start` (deploy/pipeline, which also supervises it) and by libs/testing.
//
// Pid files in <dataDir>/run/ are JSON records ({pid, port, ...}). A stack that is already up is reused, never
// restarted; a stale pid file is removed with a message; a port held by anything else is an error naming it.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensureStackBinaries, type StackBinaries } from './binaries';
import {
  kafkaBrokersFor,
  mongoUriFor,
  postgresUrlFor,
  resolveDataDir,
  resolvePorts,
  STACK_ENV,
  stackPaths,
  type StackLocationOptions,
  type StackLogger,
  type StackPaths,
  type StackPortOptions,
  type StackPorts,
} from './config';
import { spawnFerretdb, waitForFerretdb } from './ferretdb';
import { KAFKA_HEAP_MB, prepareKafka, spawnKafka, waitForKafka } from './kafka';
import type { SecureListenerOptions } from './kafka-secure-listeners';
import {
  clusterLocation,
  initCluster,
  postgresUser,
  removeOutsideCluster,
  spawnPostgres,
  waitForPostgres,
  type ClusterLocation,
  type RunAs,
} from './postgres/cluster';
import {
  inspectPidFile,
  isAlive,
  portAnswers,
  portInUse,
  removeFile,
  terminate,
  writePidRecord,
  type PidFileState,
  type StackComponent,
  withLock,
} from './processes';

export interface StartStackOptions extends StackLocationOptions, StackPortOptions {
  /** Wipe the data dir first (refused while the stack in it is running). */
  fresh?: boolean;
  log?: StackLogger;
  /** Default true: the processes outlive the caller (CLI). Tests pass false so Ctrl-C also stops them. */
  detached?: boolean;
  /** Per component; the default leaves room for a cold JVM on a busy machine. */
  startTimeoutMs?: number;
  kafkaHeapMb?: number;
  /**
   * Only these components are started when they are not running (default all); the others are reused when they run
   * and left down when not. The runner's supervision restarts what died, and nothing it has given up on.
   */
  components?: readonly StackComponent[];
  /**
   * Kafka also listens with SASL_SSL and mutual TLS (tests of the clients' security settings). Given on every start
   * of that data dir: the broker's config is rewritten each time; users are stored when the storage is formatted.
   */
  secureListeners?: SecureListenerOptions;
}

export interface StopOptions {
  /** Grace period after SIGTERM before SIGKILL; 0 kills at once (throwaway test data). Default 30s. */
  timeoutMs?: number;
  log?: StackLogger;
  /** Only these components (default all): a restart of the broker or the database alone, e.g. in fault tests. */
  components?: readonly StackComponent[];
}

export interface RunningStack {
  kafkaBrokers: string[];
  mongoUri: string;
  dataDir: string;
  ports: StackPorts;
  /** Components that were already running from this data dir and were reused as they are. */
  reused: StackComponent[];
  /** Every component was already running: nothing was started. */
  alreadyRunning: boolean;
  stop(options?: StopOptions): Promise<StopResult>;
}

export type StopOutcome = 'stopped' | 'killed' | 'not running' | 'stale pid file removed' | 'not asked to stop';
export type StopResult = Record<StackComponent, StopOutcome>;

export interface ComponentStatus {
  state: 'running' | 'not answering' | 'stopped' | 'stale pid file';
  pid?: number;
  port?: number;
  pidFile: string;
  logFile: string;
}

export interface StackStatus {
  dataDir: string;
  kafka: ComponentStatus;
  postgres: ComponentStatus;
  ferretdb: ComponentStatus;
  kafkaBrokers?: string[];
  mongoUri?: string;
}

interface ComponentSpec {
  component: StackComponent;
  label: string;
  pidFile: string;
  /** A string only our process's command line contains (it names our data dir). */
  marker: string;
  port: number;
  portEnv: string;
  logFile: string;
  /** PostgreSQL stops fast (rolls back open sessions) on SIGINT; on SIGTERM it waits for every client to leave. */
  stopSignal: NodeJS.Signals;
}

const DEFAULT_START_TIMEOUT_MS = 120_000;
const DEFAULT_STOP_TIMEOUT_MS = 30_000;
const silent: StackLogger = () => undefined;

function componentSpecs(
  paths: StackPaths,
  ports: StackPorts,
  cluster: ClusterLocation,
): Record<StackComponent, ComponentSpec> {
  return {
    kafka: {
      component: 'kafka',
      label: 'Kafka',
      pidFile: paths.kafkaPidFile,
      marker: paths.kafkaProperties,
      port: ports.kafka,
      portEnv: STACK_ENV.kafkaPort,
      logFile: paths.kafkaLog,
      stopSignal: 'SIGTERM',
    },
    postgres: {
      component: 'postgres',
      label: 'PostgreSQL',
      pidFile: paths.postgresPidFile,
      marker: cluster.dataDir,
      port: ports.postgres,
      portEnv: STACK_ENV.postgresPort,
      logFile: paths.postgresLog,
      stopSignal: 'SIGINT',
    },
    ferretdb: {
      component: 'ferretdb',
      label: 'FerretDB',
      pidFile: paths.ferretdbPidFile,
      marker: paths.ferretdbStateDir,
      port: ports.mongo,
      portEnv: STACK_ENV.mongoPort,
      logFile: paths.ferretdbLog,
      stopSignal: 'SIGTERM',
    },
  };
}

/** Ports do not matter for stop and status: the pid records say everything. */
const NO_PORTS: StackPorts = { kafka: 0, controller: 0, mongo: 0, postgres: 0 };

export async function startEmbeddedStack(options: StartStackOptions = {}): Promise<RunningStack> {
  const log = options.log ?? silent;
  const dataDir = resolveDataDir(options.dataDir);
  // Beside the data dir, not in it: `fresh` deletes the data dir. Two starts of one stack must not both spawn.
  mkdirSync(dirname(dataDir), { recursive: true });
  return withLock(`${dataDir}.start.lock`, `starting the stack in ${dataDir}`, log, () =>
    startLocked(dataDir, options, log),
  );
}

async function startLocked(dataDir: string, options: StartStackOptions, log: StackLogger): Promise<RunningStack> {
  const ports = resolvePorts(options);
  const paths = stackPaths(dataDir);
  const timeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const user = postgresUser();

  if (options.fresh) wipeDataDir(paths, componentSpecs(paths, ports, clusterLocation(paths, user, false)));
  const cluster = clusterLocation(paths, user, true);
  const specs = componentSpecs(paths, ports, cluster);

  const toStart: ComponentSpec[] = [];
  const reused: StackComponent[] = [];
  const leftDown: StackComponent[] = [];
  for (const spec of Object.values(specs)) {
    const state = inspectPidFile(spec.pidFile, spec.marker);
    if (state.kind === 'ours') {
      assertSamePort(spec, state.record.port, state.record.pid);
      reused.push(spec.component);
      continue;
    }
    if (options.components && !options.components.includes(spec.component)) {
      leftDown.push(spec.component);
      continue;
    }
    if (state.kind === 'stale') {
      log(`${spec.label}: removing stale pid file ${spec.pidFile} (pid ${state.record?.pid ?? '?'} is not running)`);
      removeFile(spec.pidFile);
    }
    toStart.push(spec);
  }
  if (leftDown.includes('postgres') && toStart.some((spec) => spec.component === 'ferretdb')) {
    // It would start, then fail every request: refuse now, so a supervisor asks for both.
    throw new Error(`Cannot start FerretDB in ${dataDir} without its PostgreSQL, which is down and not asked to start`);
  }
  await assertPortsFree(toStart, ports, dataDir);

  const brokers = kafkaBrokersFor(ports);
  const mongoUri = mongoUriFor(ports);
  const started: Array<{ spec: ComponentSpec; pid: number }> = [];
  try {
    const binaries = toStart.length > 0 ? await ensureStackBinaries({ cacheDir: options.cacheDir, log }) : undefined;
    const launch: Launch = { paths, ports, cluster, user, binaries, options };
    /** Starts the component unless it is reused, then waits until it answers. */
    const bringUp = async (spec: ComponentSpec, ready: (exited: () => string | undefined) => Promise<void>) => {
      if (leftDown.includes(spec.component)) return;
      const child = binaries && toStart.includes(spec) ? await launchComponent(spec, launch) : undefined;
      if (child) started.push({ spec, pid: child.pid });
      await ready(() => {
        if (child) return child.exit();
        // Reused: it was ours and alive a moment ago; report if it died while we waited.
        const state = inspectPidFile(spec.pidFile, spec.marker);
        return state.kind === 'ours' ? undefined : 'the running process disappeared';
      });
    };
    const results = await Promise.allSettled([
      bringUp(specs.kafka, (exited) => waitForKafka(brokers, paths, timeoutMs, exited)),
      // FerretDB needs its PostgreSQL first: it fails its first requests when the database is not there yet.
      bringUp(specs.postgres, (exited) =>
        waitForPostgres(ports.postgres, cluster.dataDir, paths.postgresLog, timeoutMs, exited),
      ).then(() => bringUp(specs.ferretdb, (exited) => waitForFerretdb(mongoUri, paths, timeoutMs, exited))),
    ]);
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) throw failure.reason;
  } catch (error) {
    // Leave nothing half-started behind; what we reused stays as it was.
    await Promise.all(started.map(({ pid }) => terminate(pid, 0)));
    started.forEach(({ spec }) => removeFile(spec.pidFile));
    throw error;
  }

  writeFileSync(
    paths.stateFile,
    `${JSON.stringify({ kafkaBrokers: brokers, mongoUri, ports, updatedAt: new Date().toISOString() }, null, 2)}\n`,
  );
  return {
    kafkaBrokers: brokers,
    mongoUri,
    dataDir,
    ports,
    reused,
    alreadyRunning: toStart.length === 0 && leftDown.length === 0,
    stop: (stopOptions) => stopEmbeddedStack(dataDir, stopOptions),
  };
}

interface Launch {
  paths: StackPaths;
  ports: StackPorts;
  cluster: ClusterLocation;
  user: RunAs | undefined;
  binaries: StackBinaries | undefined;
  options: StartStackOptions;
}

async function launchComponent(
  spec: ComponentSpec,
  { paths, ports, cluster, user, binaries, options }: Launch,
): Promise<{ pid: number; exit(): string | undefined }> {
  if (!binaries) throw new Error('launchComponent without binaries');
  const detached = options.detached ?? true;
  const heapMb = options.kafkaHeapMb ?? KAFKA_HEAP_MB;
  let child;
  if (spec.component === 'kafka') {
    await prepareKafka(paths, ports, binaries, heapMb, options.secureListeners);
    child = spawnKafka(paths, binaries, heapMb, detached);
  } else if (spec.component === 'postgres') {
    initCluster(cluster, user, paths.postgresLog);
    child = spawnPostgres(cluster, ports.postgres, user, paths.postgresLog, detached);
  } else {
    child = spawnFerretdb(paths, ports.mongo, postgresUrlFor(ports), binaries, detached);
  }
  let exit: string | undefined;
  let spawnError: Error | undefined;
  child.once('exit', (code, signal) => (exit = signal ? `signal ${signal}` : `exit code ${code}`));
  child.once('error', (error) => (spawnError = error));
  // spawn reports a missing executable asynchronously; give it a tick before trusting the pid.
  await new Promise((done) => setImmediate(done));
  if (spawnError || child.pid === undefined) {
    throw new Error(`Cannot start ${spec.label}: ${spawnError?.message ?? 'no pid'}`);
  }
  writePidRecord(spec.pidFile, {
    component: spec.component,
    pid: child.pid,
    port: spec.port,
    dataDir: paths.dataDir,
    startedAt: new Date().toISOString(),
  });
  return { pid: child.pid, exit: () => exit };
}

function assertSamePort(spec: ComponentSpec, runningPort: number, pid: number): void {
  if (runningPort === spec.port) return;
  throw new Error(
    `${spec.label} from this data dir is already running on port ${runningPort} (pid ${pid}, pid file ${spec.pidFile}), ` +
      `but port ${spec.port} was requested. Use port ${runningPort}, or stop it first (npm run stack:stop).`,
  );
}

async function assertPortsFree(toStart: ComponentSpec[], ports: StackPorts, dataDir: string): Promise<void> {
  const checks: Array<{ label: string; port: number; env: string }> = toStart.map((spec) => ({
    label: spec.label,
    port: spec.port,
    env: spec.portEnv,
  }));
  if (toStart.some((spec) => spec.component === 'kafka')) {
    checks.push({ label: 'Kafka controller', port: ports.controller, env: STACK_ENV.controllerPort });
  }
  const busy: string[] = [];
  for (const check of checks) {
    if (await portInUse(check.port)) {
      busy.push(
        `  - port ${check.port} (${check.label}) is in use by a process that is not this stack's. ` +
          `Find it with \`ss -ltnp 'sport = :${check.port}'\` and stop it, or choose another port with ${check.env}.`,
      );
    }
  }
  if (busy.length > 0) throw new Error(`Cannot start the embedded stack in ${dataDir}:\n${busy.join('\n')}`);
}

function wipeDataDir(paths: StackPaths, specs: Record<StackComponent, ComponentSpec>): void {
  const live = Object.values(specs).filter((spec) => inspectPidFile(spec.pidFile, spec.marker).kind === 'ours');
  if (live.length > 0) {
    throw new Error(
      `Refusing to wipe ${paths.dataDir}: ${live.map((spec) => spec.label).join(', ')} still running from it. ` +
        'Stop the stack first (npm run stack:stop).',
    );
  }
  removeStackData(paths.dataDir);
}

/** Deletes a stopped stack's data dir, including a PostgreSQL cluster kept outside it (see clusterLocation). */
export function removeStackData(dataDir: string): void {
  removeOutsideCluster(stackPaths(dataDir));
  rmSync(dataDir, { recursive: true, force: true });
}

/** Stops whatever of ours runs from the data dir (SIGTERM, then SIGKILL after the timeout) and removes pid files. */
export async function stopEmbeddedStack(dataDir?: string, options: StopOptions = {}): Promise<StopResult> {
  const log = options.log ?? silent;
  const paths = stackPaths(resolveDataDir(dataDir));
  const specs = componentSpecs(paths, NO_PORTS, clusterLocation(paths, postgresUser(), false));
  const timeoutMs = options.timeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
  const stopOne = async (spec: ComponentSpec): Promise<StopOutcome> => {
    if (options.components && !options.components.includes(spec.component)) return 'not asked to stop';
    const state: PidFileState = inspectPidFile(spec.pidFile, spec.marker);
    if (state.kind === 'absent') return 'not running';
    if (state.kind === 'stale') {
      removeFile(spec.pidFile);
      return 'stale pid file removed';
    }
    log(`${spec.label}: stopping pid ${state.record.pid} (port ${state.record.port})`);
    const how = await terminate(state.record.pid, timeoutMs, spec.stopSignal);
    removeFile(spec.pidFile);
    return how === 'killed' ? 'killed' : 'stopped';
  };
  // FerretDB before its database, so it never reports a lost PostgreSQL to clients that are still connected.
  const [kafka, [ferretdb, postgres]] = await Promise.all([
    stopOne(specs.kafka),
    stopOne(specs.ferretdb).then(async (first) => [first, await stopOne(specs.postgres)] as const),
  ]);
  return { kafka, postgres, ferretdb };
}

export async function embeddedStackStatus(dataDir?: string): Promise<StackStatus> {
  const paths = stackPaths(resolveDataDir(dataDir));
  const specs = componentSpecs(paths, NO_PORTS, clusterLocation(paths, postgresUser(), false));
  const statusOf = async (spec: ComponentSpec): Promise<ComponentStatus> => {
    const base = { pidFile: spec.pidFile, logFile: spec.logFile };
    const state = inspectPidFile(spec.pidFile, spec.marker);
    if (state.kind === 'absent') return { ...base, state: 'stopped' };
    if (state.kind === 'stale') return { ...base, state: 'stale pid file', pid: state.record?.pid };
    const { pid, port } = state.record;
    const answering = isAlive(pid) && (await portAnswers(port));
    return { ...base, state: answering ? 'running' : 'not answering', pid, port };
  };
  const [kafka, postgres, ferretdb] = await Promise.all([
    statusOf(specs.kafka),
    statusOf(specs.postgres),
    statusOf(specs.ferretdb),
  ]);
  return {
    dataDir: paths.dataDir,
    kafka,
    postgres,
    ferretdb,
    kafkaBrokers: kafka.port ? kafkaBrokersFor({ kafka: kafka.port }) : undefined,
    mongoUri: ferretdb.port ? mongoUriFor({ mongo: ferretdb.port }) : undefined,
  };
}
