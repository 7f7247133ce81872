// What the embedded document database needs from the machine: PostgreSQL 15 and build dependencies from Debian,
// and the DocumentDB extension (+ pg_cron, pgvector) built from pinned sources into the system PostgreSQL tree.
// Both are machine-wide, so "done" is recorded on the machine (a stamp beside the installed libraries), not in the
// checkout: a second clone on the same machine does not rebuild.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, resolveVendorDir, type StackLogger } from '../config';
import { runTool, withLock } from '../processes';
import {
  EXTENSION_SOURCES,
  isDirectory,
  sha256Of,
  sourcesFingerprint,
  treeSha256,
  type ExtensionSource,
} from './sources';

export const POSTGRES_BIN_DIR = '/usr/lib/postgresql/15/bin';
const POSTGRES_LIB_DIR = '/usr/lib/postgresql/15/lib';
const EXTENSION_STAMP = join(POSTGRES_LIB_DIR, 'inkstream-documentdb.stamp');
/**
 * Its bytes are part of the installed build's fingerprint: any edit, even a comment, rebuilds the extensions on every
 * machine (which is why its header still names deploy/local/, where it lived).
 */
const BUILD_SCRIPT = join(__dirname, 'build-extensions.sh');

/** Debian 12 packages: the server, headers for PGXS builds, the extensions Debian ships, and DocumentDB's libraries. */
export const DEBIAN_PACKAGES = [
  'postgresql-15',
  'postgresql-server-dev-15',
  'postgresql-15-rum',
  'postgresql-15-postgis-3',
  'libbson-dev',
  'libpcre2-dev',
  'libintelrdfpmath-dev',
  'libkrb5-dev',
  'build-essential',
  'pkg-config',
] as const;

export function aptInstallLine(packages: readonly string[]): string {
  return `apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function missingPackages(): string[] {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Status}\n', ...DEBIAN_PACKAGES], {
    encoding: 'utf8',
  });
  if (result.error) {
    throw new Error(
      `The embedded document database needs PostgreSQL 15 and build tools from Debian packages, and dpkg-query ` +
        `is not available here (${result.error.message}). On Debian 12: ${aptInstallLine(DEBIAN_PACKAGES)}`,
    );
  }
  const installed = new Set(
    result.stdout
      .split('\n')
      .filter((line) => line.endsWith(' installed'))
      .map((line) => line.split(' ')[0]),
  );
  return DEBIAN_PACKAGES.filter((name) => !installed.has(name));
}

/** Installs missing Debian packages when we are root; otherwise fails with the exact line to run. */
export async function ensurePostgresPackages(cacheDir: string, log: StackLogger): Promise<void> {
  const missing = missingPackages();
  if (missing.length === 0) return;
  if (!isRoot()) {
    throw new Error(
      `Missing Debian packages for the embedded document database: ${missing.join(', ')}.\n` +
        `Install them as root, then run again:\n  sudo sh -c '${aptInstallLine(missing)}'`,
    );
  }
  log(`Installing Debian packages for PostgreSQL + DocumentDB (once per machine): ${missing.join(' ')}`);
  const logFile = join(cacheDir, 'logs', 'apt-get.log');
  const hint = `apt-get is needed; install by hand: ${aptInstallLine(missing)}`;
  await runTool('apt-get', ['update'], REPO_ROOT, logFile, hint);
  await runTool('apt-get', ['install', '-y', '--no-install-recommends', ...missing], REPO_ROOT, logFile, hint, {
    DEBIAN_FRONTEND: 'noninteractive',
  });
}

function extensionsInstalled(fingerprint: string): boolean {
  return (
    existsSync(EXTENSION_STAMP) &&
    readFileSync(EXTENSION_STAMP, 'utf8').trim() === fingerprint &&
    ['pg_documentdb.so', 'pg_documentdb_core.so', 'pg_cron.so', 'vector.so'].every((lib) =>
      existsSync(join(POSTGRES_LIB_DIR, lib)),
    )
  );
}

/** Builds and installs DocumentDB, pg_cron and pgvector unless this machine already has this exact build. */
export async function ensureDocumentdbExtensions(cacheDir: string, log: StackLogger): Promise<void> {
  const fingerprint = sourcesFingerprint(BUILD_SCRIPT);
  if (extensionsInstalled(fingerprint)) return;
  if (!isRoot()) {
    throw new Error(
      `The DocumentDB PostgreSQL extension is not installed (or was built from other sources). Building it writes ` +
        `into ${POSTGRES_LIB_DIR}, so run the first start once as root (sudo npm run stack:start).`,
    );
  }
  mkdirSync(cacheDir, { recursive: true });
  await withLock(join(cacheDir, 'documentdb-build.lock'), 'building the DocumentDB extension', log, async () => {
    if (extensionsInstalled(fingerprint)) return;
    const started = Date.now();
    log('Building PostgreSQL extensions DocumentDB, pg_cron and pgvector from pinned sources (once per machine)');
    const work = join(cacheDir, 'documentdb-build');
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    for (const source of EXTENSION_SOURCES) await extractChecked(source, cacheDir, join(work, source.name), log);
    await runTool(
      'bash',
      [BUILD_SCRIPT, work],
      REPO_ROOT,
      join(cacheDir, 'logs', 'documentdb-build.log'),
      'bash and make are needed to build the extensions',
    );
    writeFileSync(EXTENSION_STAMP, `${fingerprint}\n`);
    rmSync(work, { recursive: true, force: true });
    log(`PostgreSQL extensions installed (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  });
}

/** The vendored archive if present (its sha256 must match), else the upstream tag; either way the tree is checked. */
async function extractChecked(
  source: ExtensionSource,
  cacheDir: string,
  into: string,
  log: StackLogger,
): Promise<void> {
  const vendored = join(resolveVendorDir(), source.archive);
  let archive = vendored;
  if (existsSync(vendored)) {
    const actual = sha256Of(vendored);
    if (actual !== source.archiveSha256) {
      throw new Error(`${vendored} has sha256 ${actual}, expected ${source.archiveSha256}: refusing to build it`);
    }
  } else {
    archive = join(cacheDir, 'vendor', source.archive);
    if (!existsSync(archive)) {
      log(`${source.archive} is not in ${resolveVendorDir()}: downloading ${source.url}`);
      mkdirSync(join(cacheDir, 'vendor'), { recursive: true });
      await runTool(
        'curl',
        ['-fsSL', '--retry', '3', '-o', archive, source.url],
        REPO_ROOT,
        join(cacheDir, 'logs', 'vendor-download.log'),
        `curl is needed to download ${source.url} (or set INKSTREAM_VENDOR_DIR to a folder holding ${source.archive})`,
      );
    }
  }
  mkdirSync(into, { recursive: true });
  await runTool(
    'tar',
    ['-xzf', archive, '-C', into, '--strip-components=1'],
    REPO_ROOT,
    join(cacheDir, 'logs', 'vendor-extract.log'),
    'tar is needed',
  );
  if (!isDirectory(into)) throw new Error(`Extracting ${archive} produced nothing`);
  const tree = treeSha256(into, source.include);
  if (tree !== source.treeSha256) {
    throw new Error(
      `${archive} does not hold the pinned ${source.name} sources (tree ${tree}, expected ${source.treeSha256})`,
    );
  }
}
