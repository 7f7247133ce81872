import {
  classifyItems,
  itemKey,
  itemsPerRun,
  parseFeed,
  pollCutNotice,
  type ClassifiedItem,
  type ParsedFeed,
} from '@inkstream/feeds';
import { FetchError } from '@inkstream/fetching';
import { sourceLimitsOf, type NewPageJob, type SeenItem } from '@inkstream/persistence';
import { FEED_ACCEPT, fetchText, responseOutcome } from './fetch-page';
import { RunBatch } from './publishing';
import type { DocumentDraft, RunContext, RunnerDeps, SuccessOutcome } from './run-context';

/**
 * Feed source: one raw document per new or changed item, with the feed's content; in full-text mode each such item
 * is queued as a page job instead (the page queue fetches and publishes it, see PageQueue).
 */
export async function runFeed(
  deps: RunnerDeps,
  context: RunContext,
): Promise<SuccessOutcome & { failure: string | null }> {
  const { source } = context;
  const fetched = await fetchText(deps, context, source.url, { conditional: true, accept: FEED_ACCEPT });
  const { response } = fetched;
  const base = responseOutcome(response);
  const advertised = { linkHeader: response.link ?? null, fetchedUrl: response.finalUrl };
  if (response.notModified) {
    const pollNotBefore = (await deps.websub?.afterPoll(context, { ...advertised, document: null })) ?? null;
    return { ...base, newItemsSeen: 0, published: 0, failure: null, pollNotBefore };
  }
  const { feed, ...published } = await publishFeedItems(deps, context, {
    text: fetched.text,
    url: response.finalUrl,
    httpStatus: response.status,
  });
  const pollNotBefore = (await deps.websub?.afterPoll(context, { ...advertised, document: feed.websub })) ?? null;
  return { ...base, ...published, pollNotBefore };
}

/** A feed document in hand: fetched by a poll, or pushed by a WebSub hub. */
export interface FeedDocument {
  text: string;
  /** where it came from (relative links resolve against it) */
  url: string;
  /** the HTTP status it was fetched with; null when pushed */
  httpStatus: number | null;
}

/**
 * Parses a feed document and publishes its new and changed items: the one path for polls and pushes alike. Throws
 * FetchError('unparseable') for a document that is not a feed.
 */
export async function publishFeedItems(deps: RunnerDeps, context: RunContext, document: FeedDocument) {
  const { source } = context;
  // A bounded poll: items past the source's maxItemsPerRun (else FETCH_FEED_MAX_ITEMS) are never mapped, and the
  // cut is noted on the status.
  const bound = itemsPerRun(sourceLimitsOf(source), { limit: deps.feed.maxItems, setting: 'FETCH_FEED_MAX_ITEMS' });
  let feed: ParsedFeed;
  try {
    feed = parseFeed(document.text, { baseUrl: document.url, maxItems: bound.limit });
  } catch (error) {
    throw new FetchError('unparseable', `${document.url} is not a readable feed: ${(error as Error).message}`, {
      status: document.httpStatus,
    });
  }
  const seen = await deps.sources.seenItems(source._id, feed.items.map(itemKey));
  const classified = classifyItems(feed.items, new Map([...seen].map(([key, item]) => [key, item.contentHash])));
  // An item listed twice in one document counts once: its first copy, compared with what earlier polls saw.
  const firstCopies = new Map<string, ClassifiedItem>();
  for (const item of classified) if (!firstCopies.has(item.key)) firstCopies.set(item.key, item);

  const batch = new RunBatch(deps, context);
  const pageJobs: NewPageJob[] = [];
  const queuedItems: SeenItem[] = [];
  let newItems = 0;
  for (const entry of firstCopies.values()) {
    if (entry.change === 'unchanged') continue;
    if (!seen.has(entry.key)) newItems += 1;
    const draft = itemDraft(feed, entry);
    const seenItem = { itemKey: entry.key, contentHash: entry.contentHash };
    if (source.fullText && entry.item.url) {
      pageJobs.push(pageJob(context, entry.item.url, draft, seenItem));
      queuedItems.push(seenItem);
      continue;
    }
    batch.add(draft, seenItem);
    await batch.flushWhenFull();
  }
  // Queued before they are recorded as seen: a crash in between queues the same jobs again (same ids), never skips.
  const queued = await deps.pages.enqueue(pageJobs, context.now);
  for (const item of queuedItems) batch.markSeen(item);
  await batch.flush();
  if (pageJobs.length > 0) {
    deps.pagesQueued();
    context.logger.info({ pages: pageJobs.length, new: queued }, 'full-text pages queued');
  }
  const notice = pollCutNotice({
    document: 'feed',
    listed: feed.itemsListed,
    read: feed.items.length,
    setting: bound.setting,
  });
  if (notice) context.logger.warn({ url: source.url, notice }, 'feed cut at the per-poll bound');
  return {
    feed,
    newItemsSeen: newItems,
    published: batch.published,
    failure: batch.failureMessage(),
    notice,
    feedPace: { hints: feed.pollHints, itemDates: feed.items.map((item) => item.publishedAt ?? item.updatedAt) },
  };
}

function itemDraft(feed: ParsedFeed, { item, key, change }: ClassifiedItem): FeedItemDraft {
  return {
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
}

/** A feed item's document from the feed's own text: every field a page job's fallback needs, set. */
interface FeedItemDraft extends DocumentDraft {
  url: string | null;
  contentType: string;
  feedItem: NonNullable<DocumentDraft['feedItem']>;
  isUpdate: boolean;
}

/** The page job of a full-text item; the feed's own text goes with it, published if the page cannot be had. */
function pageJob(context: RunContext, url: string, draft: FeedItemDraft, seen: SeenItem): NewPageJob {
  const { source } = context;
  return {
    source: {
      id: source._id,
      name: source.name,
      kind: source.kind,
      url: source.url,
      sites: source.sites ?? [],
      allowListed: source.allowListed,
    },
    traceId: context.traceId,
    url,
    itemKey: seen.itemKey,
    contentHash: seen.contentHash,
    fallback: {
      url: draft.url,
      content: draft.content,
      contentType: draft.contentType,
      feedItem: draft.feedItem,
      isUpdate: draft.isUpdate,
    },
  };
}
