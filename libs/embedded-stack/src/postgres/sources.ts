// The pinned PostgreSQL extension sources FerretDB 2 needs. Each archive is checked twice over: by the sha256 of
// the archive we vendor, and by a hash of the extracted tree (paths below the top folder + file contents), which is
// what lets a machine without the vendored copies download the upstream tag instead: GitHub's archives differ
// byte-wise from ours (another top folder name) but hold the same files.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface ExtensionSource {
  /** Folder name the build script expects under its work dir. */
  name: string;
  /** File name in the vendor folder. */
  archive: string;
  archiveSha256: string;
  /** Upstream tag archive, for machines without the vendor folder. */
  url: string;
  /** Top-level entries of the tree that are hashed (the vendored DocumentDB archive is a subset of its tag). */
  include: string[] | 'all';
  treeSha256: string;
}

export const EXTENSION_SOURCES: readonly ExtensionSource[] = [
  {
    name: 'pgvector',
    archive: 'pgvector-0.8.1.tar.gz',
    archiveSha256: '5254da7ab5ec6192ac5bc37569294f504ad82ae7a111513ab8a8da8479963bee',
    url: 'https://github.com/pgvector/pgvector/archive/refs/tags/v0.8.1.tar.gz',
    include: 'all',
    treeSha256: '61fdca4756ab4736def5313195dda07aa9e3e5cd269853ca8eff052b60951083',
  },
  {
    name: 'pg_cron',
    archive: 'pg_cron-1.6.7.tar.gz',
    archiveSha256: '82d95e28de4f3e594b0507e0416e21a5379053addc0b46dd170a25acc12f59a3',
    url: 'https://github.com/citusdata/pg_cron/archive/refs/tags/v1.6.7.tar.gz',
    include: 'all',
    treeSha256: 'e2546402d0d61260e9188165a66ee8111a15309b6a7b5d0ce91da457524fff10',
  },
  {
    name: 'documentdb',
    archive: 'documentdb-0.106.0-ferretdb-2.5.0.tar.gz',
    archiveSha256: '43705d70688341c4b7c10c76c7d7bede28d9e36b55ca9c32685079f23c200626',
    url: 'https://github.com/FerretDB/documentdb/archive/refs/tags/v0.106.0-ferretdb-2.5.0.tar.gz',
    include: [
      'LICENSE',
      'Makefile',
      'Makefile.cflags',
      'Makefile.global',
      'Makefile.inc',
      'Makefile.versions',
      'common_header.sql',
      'documentdb_errors.csv',
      'error_mappings.csv',
      'pg_documentdb',
      'pg_documentdb_core',
      'scripts',
    ],
    treeSha256: 'ae094c274c6c90f4b2ef9d59ae858084e413e798ad5f27f6c3db9d868ed1a9fa',
  },
];

export function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesBelow(path);
    return entry.isFile() ? [path] : [];
  });
}

/** sha256 over `path\0sha256(content)\n` of every included file, sorted by path (separators normalised to `/`). */
export function treeSha256(root: string, include: ExtensionSource['include']): string {
  const included = (path: string): boolean => include === 'all' || include.includes(path.split('/')[0] ?? '');
  const lines = filesBelow(root)
    .map((file) => ({ file, path: relative(root, file).split(sep).join('/') }))
    .filter(({ path }) => included(path))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map(({ file, path }) => `${path}\0${sha256Of(file)}\n`);
  return createHash('sha256').update(lines.join('')).digest('hex');
}

/** Same inputs, same hash: what the "already built and installed" stamp is keyed by. */
export function sourcesFingerprint(buildScript: string): string {
  const hash = createHash('sha256');
  for (const source of EXTENSION_SOURCES) hash.update(`${source.name}:${source.treeSha256}\n`);
  hash.update(readFileSync(buildScript));
  return hash.digest('hex');
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
