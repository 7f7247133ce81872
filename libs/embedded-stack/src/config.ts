// Where the embedded stack listens and keeps its files. Every default can be overridden by an option or an env var,
// so tests and parallel checkouts can run side by side on other ports and directories.
import { isAbsolute, join, resolve } from 'node:path';

/** The repository root (this file is in libs/embedded-stack/src). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** The library's folder: the pins of what it builds (kafka/pom.xml, ferretdb/) live here. */
export const LIBRARY_ROOT = resolve(__dirname, '..');

/** Env vars read by the embedded stack (documented in libs/embedded-stack/README.md). */
export const STACK_ENV = {
  dataDir: 'INKSTREAM_STACK_DIR',
  cacheDir: 'INKSTREAM_STACK_CACHE_DIR',
  kafkaPort: 'INKSTREAM_KAFKA_PORT',
  controllerPort: 'INKSTREAM_KAFKA_CONTROLLER_PORT',
  mongoPort: 'INKSTREAM_MONGO_PORT',
  postgresPort: 'INKSTREAM_POSTGRES_PORT',
  vendorDir: 'INKSTREAM_VENDOR_DIR',
} as const;

/** PostgreSQL off its usual 5432, so a system cluster on the machine never clashes with ours. */
export const DEFAULT_PORTS = { kafka: 9092, controller: 9093, mongo: 27017, postgres: 55432 } as const;

/** Loopback only: the embedded stack is a developer/test tool, never reachable from the network. */
export const STACK_HOST = '127.0.0.1';

export type StackLogger = (line: string) => void;

export interface StackLocationOptions {
  /** Data, logs and pid files. Default `$INKSTREAM_STACK_DIR` or `<repo>/.cache/stack`. */
  dataDir?: string;
  /** Kafka jars, the FerretDB binary, extension builds. Default `$INKSTREAM_STACK_CACHE_DIR` or `<repo>/.cache`. */
  cacheDir?: string;
}

export interface StackPortOptions {
  kafkaPort?: number;
  controllerPort?: number;
  mongoPort?: number;
  postgresPort?: number;
}

export interface StackPorts {
  kafka: number;
  controller: number;
  mongo: number;
  postgres: number;
}

/** Every file the stack reads or writes under its data dir, in one place. */
export interface StackPaths {
  dataDir: string;
  kafkaDir: string;
  kafkaLogDirs: string;
  kafkaProperties: string;
  kafkaLog4j: string;
  clusterIdFile: string;
  /** FerretDB v2 keeps only a small state file here; the documents live in PostgreSQL. */
  ferretdbStateDir: string;
  /** The PostgreSQL cluster (owned by the unprivileged user PostgreSQL runs as). */
  postgresDir: string;
  postgresDataDir: string;
  postgresSocketDir: string;
  logsDir: string;
  kafkaLog: string;
  kafkaOut: string;
  ferretdbLog: string;
  postgresLog: string;
  runDir: string;
  kafkaPidFile: string;
  ferretdbPidFile: string;
  postgresPidFile: string;
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
    postgres: portFrom(options.postgresPort, STACK_ENV.postgresPort, DEFAULT_PORTS.postgres, env),
  };
  if (new Set(Object.values(ports)).size !== 4) {
    throw new Error(
      `Kafka, Kafka controller, MongoDB and PostgreSQL ports must differ (got ${ports.kafka}, ${ports.controller}, ` +
        `${ports.mongo}, ${ports.postgres})`,
    );
  }
  return ports;
}

export function stackPaths(dataDir: string): StackPaths {
  const kafkaDir = join(dataDir, 'kafka');
  const logsDir = join(dataDir, 'logs');
  const runDir = join(dataDir, 'run');
  const postgresDir = join(dataDir, 'postgres');
  return {
    dataDir,
    kafkaDir,
    kafkaLogDirs: join(kafkaDir, 'data'),
    kafkaProperties: join(kafkaDir, 'server.properties'),
    kafkaLog4j: join(kafkaDir, 'log4j2.properties'),
    clusterIdFile: join(kafkaDir, 'cluster.id'),
    ferretdbStateDir: join(dataDir, 'ferretdb'),
    postgresDir,
    postgresDataDir: join(postgresDir, 'data'),
    postgresSocketDir: join(postgresDir, 'socket'),
    logsDir,
    kafkaLog: join(logsDir, 'kafka.log'),
    kafkaOut: join(logsDir, 'kafka.out'),
    ferretdbLog: join(logsDir, 'ferretdb.log'),
    postgresLog: join(logsDir, 'postgres.log'),
    runDir,
    kafkaPidFile: join(runDir, 'kafka.pid'),
    ferretdbPidFile: join(runDir, 'ferretdb.pid'),
    postgresPidFile: join(runDir, 'postgres.pid'),
    stateFile: join(dataDir, 'stack.json'),
  };
}

export function kafkaBrokersFor(ports: Pick<StackPorts, 'kafka'>): string[] {
  return [`${STACK_HOST}:${ports.kafka}`];
}

export function postgresUrlFor(ports: Pick<StackPorts, 'postgres'>): string {
  return `postgres://postgres@${STACK_HOST}:${ports.postgres}/postgres`;
}

/** The pinned extension sources: `$INKSTREAM_VENDOR_DIR`, else the shared folder beside the checkout. */
export function resolveVendorDir(env: Env = process.env): string {
  return absolute(env[STACK_ENV.vendorDir] ?? join(REPO_ROOT, '..', 'shared', 'vendor'));
}

export function mongoUriFor(ports: Pick<StackPorts, 'mongo'>): string {
  return `mongodb://${STACK_HOST}:${ports.mongo}/`;
}
