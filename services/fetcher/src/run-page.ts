import { sitemapItemKey } from '@inkstream/feeds';
import { textContentHash } from '@inkstream/fetching';
import { fetchText, PAGE_ACCEPT, responseOutcome } from './fetch-page';
import { RunBatch } from './publishing';
import type { RunContext, RunnerDeps, SuccessOutcome } from './run-context';

/** Page source: the page, when it is new or its text changed (a 200 with the same text publishes nothing). */
export async function runPage(
  deps: RunnerDeps,
  context: RunContext,
): Promise<SuccessOutcome & { failure: string | null }> {
  const { source } = context;
  const fetched = await fetchText(deps, context, source.url, { conditional: true, accept: PAGE_ACCEPT });
  const { response } = fetched;
  const base = responseOutcome(response);
  if (response.notModified) return { ...base, newItemsSeen: 0, published: 0, failure: null };
  const itemKey = sitemapItemKey(source.url);
  const contentHash = textContentHash(fetched.text);
  const previous = (await deps.sources.seenItems(source._id, [itemKey])).get(itemKey);
  if (previous?.contentHash === contentHash) return { ...base, newItemsSeen: 0, published: 0, failure: null };
  const batch = new RunBatch(deps, context);
  batch.add(
    {
      url: response.finalUrl,
      fetchedFrom: response.finalUrl,
      itemKey,
      content: fetched.text,
      contentType: fetched.contentType,
      httpStatus: response.status,
      etag: response.etag,
      lastModified: response.lastModified,
      isUpdate: previous !== undefined,
    },
    { itemKey, contentHash },
  );
  await batch.flush();
  return { ...base, newItemsSeen: previous ? 0 : 1, published: batch.published, failure: batch.failureMessage() };
}
