import { decodeBody, detectDocumentKind, itemsPerRun } from '@inkstream/feeds';
import {
  contentTypeForKind,
  dropFolderOutsideRoots,
  FetchError,
  fileUrl,
  listDropFiles,
  readDropFile,
  textContentHash,
} from '@inkstream/fetching';
import { sourceLimitsOf } from '@inkstream/persistence';
import { fileURLToPath } from 'node:url';
import { RunBatch } from './publishing';
import { type RunContext, type RunnerDeps, type SuccessOutcome } from './run-context';

/**
 * Drop source: each new or changed file of the folder (recursively), its kind sniffed from the content, `.gz`
 * decompressed. Size and mtime are checked first so unchanged files are not re-read on every poll; a touched file
 * whose text did not change publishes nothing.
 */
export async function runDrop(
  deps: RunnerDeps,
  context: RunContext,
): Promise<SuccessOutcome & { failure: string | null }> {
  const { source } = context;
  if (new URL(source.url).protocol !== 'file:') {
    throw new FetchError('refused', `refused to read ${source.url}: a drop source needs a file: URL`);
  }
  const dir = fileURLToPath(source.url);
  // Confined to the configured roots whatever the source says (allow-listing a source does not widen them).
  const outside = await dropFolderOutsideRoots(dir, deps.dropRoots);
  if (outside) throw new FetchError('refused', `refused to read ${source.url}: ${outside}`);
  const bound = itemsPerRun(sourceLimitsOf(source), { limit: deps.dropMaxFiles, setting: 'FETCH_DROP_MAX_FILES' });
  const { files, truncated } = await listDropFiles(dir, bound.limit);
  if (truncated) {
    context.logger.info(
      { dir, max: bound.limit, setting: bound.setting },
      'drop folder has more files than one poll takes',
    );
  }
  const keys = files.map((file) => `file:${file.relativePath}`);
  const seen = await deps.sources.seenItems(source._id, keys);
  const batch = new RunBatch(deps, context);
  let newItems = 0;
  for (const [index, file] of files.entries()) {
    const itemKey = keys[index];
    const stamp = `${file.size}:${Math.trunc(file.mtimeMs)}`;
    const previous = seen.get(itemKey);
    if (previous?.stamp === stamp) continue;
    let text: string;
    try {
      text = decodeBody(await readDropFile(file, deps.bodyLimits)).text;
    } catch (error) {
      if (!(error instanceof FetchError)) throw error;
      batch.markSeen({ itemKey, contentHash: `error:${error.kind}`, stamp }, error.message);
      continue;
    }
    const contentHash = textContentHash(text);
    if (previous?.contentHash === contentHash) {
      batch.markSeen({ itemKey, contentHash, stamp });
      continue;
    }
    if (!previous) newItems += 1;
    batch.add(
      {
        url: fileUrl(file.path),
        itemKey,
        content: text,
        contentType: contentTypeForKind(detectDocumentKind(text), text),
        lastModified: new Date(file.mtimeMs).toUTCString(),
        isUpdate: previous !== undefined,
      },
      { itemKey, contentHash, stamp },
    );
    // Large folders are published as they are read: bounded memory, and progress survives a crash.
    await batch.flushWhenFull();
  }
  await batch.flush();
  return {
    ok: true,
    httpStatus: null,
    notModified: false,
    etag: null,
    lastModified: null,
    crawlDelaySeconds: null,
    newItemsSeen: newItems,
    published: batch.published,
    failure: batch.failureMessage(),
  };
}
