// Where the embedded stack listens and keeps its files. Every default can be overridden by an option or an env var,
// so tests and parallel checkouts can run side by side on other ports and directories.
import { isAbsolute, join, resolve } from 'node:path';

/** The repository root (deploy/local/ is two levels down). */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/** Env vars read by the embedded stack (documented in deploy/local/README.md). */
export const STACK_ENV = {
  dataDir: 'INKSTREAM_STACK_DIR',
  cacheDir: 'INKSTREAM_STACK_CACHE_DIR',
  kafkaPort: 'INKSTREAM_KAFKA_PORT',
  controllerPort: 'INKSTREAM_KAFKA_CONTROLLER_PORT',
  mongoPort: 'INKSTREAM_MONGO_PORT',
} as const;

export const DEFAULT_PORTS = { kafka: 9092, controller: 9093, mongo: 27017 } as const;

/** Loopback only: the embedded stack is a developer/test tool, never reachable from the network. */
export const STACK_HOST = '127.0.0.1';

export type StackLogger = (line: string) => void;

export interface StackLocationOptions {
  /** Data, logs and pid files. Default `$INKSTREAM_STACK_DIR` or `<repo>/.cache/stack`. */
  dataDir?: string;
  /** Kafka jars and the FerretDB binary. Default `$INKSTREAM_STACK_CACHE_DIR` or `<repo>/.cache`. */
  cacheDir?: string;
}

export interface StackPortOptions {
  kafkaPort?: number;
  controllerPort?: number;
  mongoPort?: number;
}

export interface StackPorts {
  kafka: number;
  controller: number;
  mongo: number;
}

/** Every file the stack reads or writes under its data dir, in one place. */
export interface StackPaths {
  dataDir: string;
  kafkaDir: string;
  kafkaLogDirs: string;
  kafkaProperties: string;
  kafkaLog4j: string;
  clusterIdFile: string;
  ferretdbDataDir: string;
  logsDir: string;
  kafkaLog: string;
  kafkaOut: string;
  ferretdbLog: string;
  runDir: string;
  kafkaPidFile: string;
  ferretdbPidFile: string;
  stateFile: string;
}

type Env = Record<string, string | undefined>;

function absolute(path: string): string {
  return isAbsolute(path) ? path : resolve(process.cwd(), path);
}

export function resolveDataDir(dataDir: string | undefined, env: Env = process.env): string {
  return absolute(dataDir ?? env[STACK_ENV.dataDir] ?? join(REPO_ROOT, '.cache', 'stack'));
}

export function resolveCacheDir(cacheDir: string | undefined, env: Env = process.env): string {
  return absolute(cacheDir ?? env[STACK_ENV.cacheDir] ?? join(REPO_ROOT, '.cache'));
}

function portFrom(value: number | undefined, envName: string, fallback: number, env: Env): number {
  const raw = value ?? (env[envName] !== undefined && env[envName] !== '' ? Number(env[envName]) : fallback);
  if (!Number.isInteger(raw) || raw < 1 || raw > 65535) {
    throw new Error(`Invalid port ${String(raw)} (option or ${envName}): expected an integer 1-65535`);
  }
  return raw;
}

export function resolvePorts(options: StackPortOptions, env: Env = process.env): StackPorts {
  const ports: StackPorts = {
    kafka: portFrom(options.kafkaPort, STACK_ENV.kafkaPort, DEFAULT_PORTS.kafka, env),
    controller: portFrom(options.controllerPort, STACK_ENV.controllerPort, DEFAULT_PORTS.controller, env),
    mongo: portFrom(options.mongoPort, STACK_ENV.mongoPort, DEFAULT_PORTS.mongo, env),
  };
  if (new Set([ports.kafka, ports.controller, ports.mongo]).size !== 3) {
    throw new Error(
      `Kafka, Kafka controller and MongoDB ports must differ (got ${ports.kafka}, ${ports.controller}, ${ports.mongo})`,
    );
  }
  return ports;
}

export function stackPaths(dataDir: string): StackPaths {
  const kafkaDir = join(dataDir, 'kafka');
  const logsDir = join(dataDir, 'logs');
  const runDir = join(dataDir, 'run');
  return {
    dataDir,
    kafkaDir,
    kafkaLogDirs: join(kafkaDir, 'data'),
    kafkaProperties: join(kafkaDir, 'server.properties'),
    kafkaLog4j: join(kafkaDir, 'log4j2.properties'),
    clusterIdFile: join(kafkaDir, 'cluster.id'),
    ferretdbDataDir: join(dataDir, 'ferretdb'),
    logsDir,
    kafkaLog: join(logsDir, 'kafka.log'),
    kafkaOut: join(logsDir, 'kafka.out'),
    ferretdbLog: join(logsDir, 'ferretdb.log'),
    runDir,
    kafkaPidFile: join(runDir, 'kafka.pid'),
    ferretdbPidFile: join(runDir, 'ferretdb.pid'),
    stateFile: join(dataDir, 'stack.json'),
  };
}

export function kafkaBrokersFor(ports: Pick<StackPorts, 'kafka'>): string[] {
  return [`${STACK_HOST}:${ports.kafka}`];
}

export function mongoUriFor(ports: Pick<StackPorts, 'mongo'>): string {
  return `mongodb://${STACK_HOST}:${ports.mongo}/`;
}
