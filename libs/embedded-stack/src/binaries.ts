// Builds what the embedded stack runs, once per pin: Kafka jars (Maven, from kafka/pom.xml), the FerretDB v2
// binary (Go, from ferretdb/), and PostgreSQL 15 with the DocumentDB extension (Debian packages + pinned sources,
// postgres/extensions.ts). A stamp file holds a hash of the inputs, so a changed pin rebuilds and an unchanged one
// costs a file read. A lock directory keeps parallel test runs from building the same thing twice.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIBRARY_ROOT, REPO_ROOT, resolveCacheDir, type StackLogger } from './config';
import { ensureDocumentdbExtensions, ensurePostgresPackages } from './postgres/extensions';
import { runTool, withLock } from './processes';

export interface StackBinaries {
  /** The java executable ($JAVA_HOME/bin/java, else `java` on PATH). */
  java: string;
  /** Directory holding every Kafka broker jar; the classpath is `<dir>/*`. */
  kafkaLibsDir: string;
  ferretdbBinary: string;
}

export interface EnsureBinariesOptions {
  cacheDir?: string;
  log?: StackLogger;
}

/** A build input and the name its content is hashed under (see PIN_NAME_ROOT). */
interface PinnedInput {
  file: string;
  name: string;
}

/**
 * Inputs are hashed under the names they had when this code lived in deploy/local, so the move to libs/ does not
 * invalidate every machine's cached jars and FerretDB build; the names are part of the stamp format, not locations.
 */
const PIN_NAME_ROOT = '/deploy/local';
const pinned = (...path: string[]): PinnedInput => ({
  file: join(LIBRARY_ROOT, ...path),
  name: [PIN_NAME_ROOT, ...path].join('/'),
});

const KAFKA_POM = join(LIBRARY_ROOT, 'kafka', 'pom.xml');
const FERRETDB_SRC = join(LIBRARY_ROOT, 'ferretdb');
const KAFKA_INPUTS = [pinned('kafka', 'pom.xml')];
const FERRETDB_INPUTS = ['go.mod', 'go.sum', 'main.go'].map((name) => pinned('ferretdb', name));

export async function ensureStackBinaries(options: EnsureBinariesOptions = {}): Promise<StackBinaries> {
  const cacheDir = resolveCacheDir(options.cacheDir);
  const log = options.log ?? (() => undefined);
  const binaries: StackBinaries = {
    java: process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java',
    kafkaLibsDir: join(cacheDir, 'kafka', 'libs'),
    ferretdbBinary: join(cacheDir, 'bin', 'ferretdb'),
  };
  const kafkaStamp = join(cacheDir, 'kafka', 'libs.stamp');
  const ferretdbStamp = `${binaries.ferretdbBinary}.stamp`;
  const kafkaHash = hashFiles(KAFKA_INPUTS);
  const ferretdbHash = hashFiles(FERRETDB_INPUTS);
  const kafkaReady = (): boolean => isFresh(kafkaStamp, kafkaHash) && hasKafkaJar(binaries.kafkaLibsDir);
  const ferretdbReady = (): boolean => isFresh(ferretdbStamp, ferretdbHash) && existsSync(binaries.ferretdbBinary);

  const localBuilds = async (): Promise<void> => {
    if (kafkaReady() && ferretdbReady()) return;
    mkdirSync(cacheDir, { recursive: true });
    await withLock(join(cacheDir, 'stack-binaries.lock'), 'building the stack binaries', log, async () => {
      // Re-check under the lock: another run may have built while we waited.
      const builds: Promise<void>[] = [];
      if (!kafkaReady()) {
        builds.push(
          resolveKafkaJars(cacheDir, binaries.kafkaLibsDir, log).then(() => writeStamp(kafkaStamp, kafkaHash)),
        );
      }
      if (!ferretdbReady()) {
        builds.push(
          buildFerretdb(cacheDir, binaries.ferretdbBinary, log).then(() => writeStamp(ferretdbStamp, ferretdbHash)),
        );
      }
      await Promise.all(builds);
    });
  };
  // Machine-wide and cheap to check once done: PostgreSQL packages, then the extensions built against them.
  const postgres = async (): Promise<void> => {
    await ensurePostgresPackages(cacheDir, log);
    await ensureDocumentdbExtensions(cacheDir, log);
  };
  const results = await Promise.allSettled([localBuilds(), postgres()]);
  const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) throw failure.reason;
  return binaries;
}

function hashFiles(inputs: readonly PinnedInput[]): string {
  const hash = createHash('sha256');
  for (const { file, name } of inputs) hash.update(name).update('\0').update(readFileSync(file));
  return hash.digest('hex');
}

function hasKafkaJar(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some((name) => /^kafka_2\.13-.*\.jar$/.test(name));
}

function isFresh(stampFile: string, hash: string): boolean {
  return existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === hash;
}

function writeStamp(stampFile: string, hash: string): void {
  writeFileSync(stampFile, `${hash}\n`);
}

async function resolveKafkaJars(cacheDir: string, libsDir: string, log: StackLogger): Promise<void> {
  const started = Date.now();
  log(`Resolving Kafka jars with Maven from ${KAFKA_POM} (only when the pin changes; the first run downloads them)`);
  // Copy into a scratch dir and swap, so an interrupted run never leaves a half-filled libs dir behind a stamp.
  const scratch = `${libsDir}.tmp-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  await runTool(
    'mvn',
    [
      '-B',
      '-q',
      '-f',
      KAFKA_POM,
      'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies',
      `-DoutputDirectory=${scratch}`,
      '-DincludeScope=runtime',
    ],
    REPO_ROOT,
    join(cacheDir, 'logs', 'kafka-mvn.log'),
    'Maven (mvn) is needed to fetch the Kafka jars: install it (apt-get install maven) or provide a prepared cache via INKSTREAM_STACK_CACHE_DIR',
  );
  if (!hasKafkaJar(scratch)) {
    throw new Error(`Maven finished but ${scratch} holds no kafka_2.13 jar`);
  }
  rmSync(libsDir, { recursive: true, force: true });
  renameSync(scratch, libsDir);
  log(`Kafka jars ready in ${libsDir} (${seconds(started)})`);
}

async function buildFerretdb(cacheDir: string, binary: string, log: StackLogger): Promise<void> {
  const started = Date.now();
  log(`Building FerretDB from ${FERRETDB_SRC} with Go (only when the pin changes; the first build takes minutes)`);
  mkdirSync(join(cacheDir, 'bin'), { recursive: true });
  const scratch = `${binary}.tmp-${process.pid}`;
  await runTool(
    'go',
    ['build', '-o', scratch, '.'],
    FERRETDB_SRC,
    join(cacheDir, 'logs', 'ferretdb-go-build.log'),
    'Go is needed to build FerretDB: install Go 1.24+ or provide a prepared cache via INKSTREAM_STACK_CACHE_DIR',
    // Pure Go: no C toolchain needed, and the binary does not depend on the host's libc.
    { CGO_ENABLED: '0' },
  );
  renameSync(scratch, binary);
  log(`FerretDB built at ${binary} (${seconds(started)})`);
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}
