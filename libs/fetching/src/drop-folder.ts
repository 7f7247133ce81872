import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FetchError } from './fetch-error';
import { gunzipCapped } from './read-body';

export interface DropFile {
  path: string;
  /** path relative to the folder, `/`-separated: the file's identity within its source */
  relativePath: string;
  size: number;
  mtimeMs: number;
}

/** Files a writer is still producing (or hides) are not picked up: write `x.tmp`/`.x` then rename. */
const IGNORED = /^\.|\.(tmp|part|partial|swp|crdownload)$|~$/i;

/**
 * Regular files under `dir`, recursively, in path order, at most `maxFiles` (a huge folder is worked through over
 * several polls rather than in one). Symbolic links are not followed: a link must not take the fetcher outside the
 * folder the operator allowed.
 */
export async function listDropFiles(dir: string, maxFiles: number): Promise<{ files: DropFile[]; truncated: boolean }> {
  const files: DropFile[] = [];
  let truncated = false;
  const walk = async (current: string): Promise<void> => {
    const entries = await readdir(current, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (files.length >= maxFiles) {
        truncated = true;
        return;
      }
      if (IGNORED.test(entry.name)) continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const info = await stat(path);
        files.push({
          path,
          relativePath: relative(dir, path).split(sep).join('/'),
          size: info.size,
          mtimeMs: info.mtimeMs,
        });
      }
    }
  };
  try {
    await walk(dir);
  } catch (error) {
    throw new FetchError('io', `cannot list drop folder ${dir}: ${(error as Error).message}`);
  }
  return { files, truncated };
}

/** A file's bytes, `.gz` decompressed, both capped like HTTP bodies. */
export async function readDropFile(
  file: Pick<DropFile, 'path' | 'size'>,
  limits: { maxBodyBytes: number; maxDecompressedBytes: number },
): Promise<Buffer> {
  if (file.size > limits.maxBodyBytes) {
    throw new FetchError('too-large', `${file.path}: ${file.size} bytes exceeds the ${limits.maxBodyBytes}-byte limit`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file.path);
  } catch (error) {
    throw new FetchError('io', `cannot read ${file.path}: ${(error as Error).message}`);
  }
  if (/\.gz$/i.test(file.path) || (bytes[0] === 0x1f && bytes[1] === 0x8b)) {
    return gunzipCapped(bytes, limits.maxDecompressedBytes, file.path);
  }
  return bytes;
}

/** The URL a dropped file is published under. */
export function fileUrl(path: string): string {
  return pathToFileURL(path).href;
}

/**
 * Drop folders are confined to configured roots: a drop source's folder (its real path, symlinks resolved) must be
 * one of `roots` or inside one. Returns null when it is, else why not (shown on the source status).
 */
export async function dropFolderOutsideRoots(dir: string, roots: readonly string[]): Promise<string | null> {
  if (roots.length === 0) {
    return 'no drop roots are configured (FETCH_DROP_ROOTS, or file: entries of FETCH_ALLOW_LIST)';
  }
  let real: string;
  try {
    real = await realpath(dir);
  } catch (error) {
    return `cannot resolve the folder ${dir}: ${(error as Error).message}`;
  }
  for (const root of roots) {
    const realRoot = await realpath(root).catch(() => null);
    if (realRoot === null) continue;
    const rel = relative(realRoot, real);
    if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) return null;
  }
  return `the folder ${real} is outside the drop roots (${roots.join(', ')})`;
}
