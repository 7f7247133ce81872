import {
  classifyItems,
  itemKey,
  parseFeed,
  pollCutNotice,
  type ClassifiedItem,
  type ParsedFeed,
} from '@inkstream/feeds';
import { FetchError, findFetchError } from '@inkstream/fetching';
import { FEED_ACCEPT, fetchText, PAGE_ACCEPT, responseOutcome } from './fetch-page';
import { RunBatch } from './publishing';
import type { DocumentDraft, RunContext, RunnerDeps, SuccessOutcome } from './run-context';

/** Feed source: one raw document per new or changed item, its content or (full-text mode) its page. */
export async function runFeed(
  deps: RunnerDeps,
  context: RunContext,
): Promise<SuccessOutcome & { failure: string | null }> {
  const { source } = context;
  const fetched = await fetchText(deps, context, source.url, { conditional: true, accept: FEED_ACCEPT });
  const { response } = fetched;
  const base = responseOutcome(response);
  if (response.notModified) return { ...base, newItemsSeen: 0, published: 0, failure: null };

  let feed: ParsedFeed;
  try {
    // A bounded poll: items past FETCH_FEED_MAX_ITEMS are never mapped, and the cut is noted on the status.
    feed = parseFeed(fetched.text, { baseUrl: response.finalUrl, maxItems: deps.feed.maxItems });
  } catch (error) {
    throw new FetchError('unparseable', `${response.finalUrl} is not a readable feed: ${(error as Error).message}`, {
      status: response.status,
    });
  }
  const seen = await deps.sources.seenItems(source._id, feed.items.map(itemKey));
  const classified = classifyItems(feed.items, new Map([...seen].map(([key, item]) => [key, item.contentHash])));
  // An item listed twice in one document counts once: its first copy, compared with what earlier polls saw.
  const firstCopies = new Map<string, ClassifiedItem>();
  for (const item of classified) if (!firstCopies.has(item.key)) firstCopies.set(item.key, item);

  const batch = new RunBatch(deps, context);
  let newItems = 0;
  for (const entry of firstCopies.values()) {
    if (entry.change === 'unchanged') continue;
    if (!seen.has(entry.key)) newItems += 1;
    batch.add(await itemDraft(deps, context, feed, entry), { itemKey: entry.key, contentHash: entry.contentHash });
    await batch.flushWhenFull();
  }
  await batch.flush();
  const notice = pollCutNotice({
    document: 'feed',
    listed: feed.itemsListed,
    read: feed.items.length,
    setting: 'FETCH_FEED_MAX_ITEMS',
  });
  if (notice) context.logger.warn({ url: source.url, notice }, 'feed cut at the per-poll bound');
  return {
    ...base,
    newItemsSeen: newItems,
    published: batch.published,
    failure: batch.failureMessage(),
    notice,
    feedPace: { hints: feed.pollHints, itemDates: feed.items.map((item) => item.publishedAt ?? item.updatedAt) },
  };
}

async function itemDraft(
  deps: RunnerDeps,
  context: RunContext,
  feed: ParsedFeed,
  { item, key, change }: ClassifiedItem,
): Promise<DocumentDraft> {
  const draft: DocumentDraft = {
    url: item.url,
    itemKey: key,
    content: item.content ?? item.summary ?? '',
    contentType: 'text/html; charset=utf-8',
    feedItem: {
      guid: item.guid,
      title: item.title,
      author: item.author,
      publishedAt: item.publishedAt,
      categories: item.categories,
      feedTitle: feed.feed.title,
    },
    isUpdate: change === 'updated',
  };
  if (!context.source.fullText || !item.url) return draft;
  try {
    const page = await fetchText(deps, context, item.url, { accept: PAGE_ACCEPT });
    return {
      ...draft,
      url: page.response.finalUrl,
      // The page's own site now vouches for the text (docs/reliability.md, "Who owns an article").
      fetchedFrom: page.response.finalUrl,
      content: page.text,
      contentType: page.contentType,
      httpStatus: page.response.status,
      etag: page.response.etag,
      lastModified: page.response.lastModified,
    };
  } catch (error) {
    // The feed's own content still carries the item: publish that rather than lose the item over its page.
    const reason = findFetchError(error)?.message ?? (error as Error).message;
    context.logger.warn({ url: item.url, err: reason }, 'full-text page failed, publishing the feed content');
    return draft;
  }
}
