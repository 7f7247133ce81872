import {
  itemsPerRun,
  parseSitemap,
  pollCutNotice,
  pollPagingNotice,
  selectChildSitemaps,
  selectSitemapUrls,
  sitemapItemKey,
  type SitemapUrl,
} from '@inkstream/feeds';
import { FetchError, findFetchError } from '@inkstream/fetching';
import { sourceLimitsOf } from '@inkstream/persistence';
import { fetchText, PAGE_ACCEPT, responseOutcome } from './fetch-page';
import { RunBatch } from './publishing';
import type { RunContext, RunnerDeps, SuccessOutcome } from './run-context';

const SITEMAP_ACCEPT = 'application/xml, text/xml;q=0.9, text/plain;q=0.5, */*;q=0.1';

/**
 * Sitemap source: the pages it lists that are new or whose lastmod moved (news entries while recent), newest first
 * and bounded per poll. A sitemap index is followed one level, its most recently modified children first.
 */
export async function runSitemap(
  deps: RunnerDeps,
  context: RunContext,
): Promise<SuccessOutcome & { failure: string | null }> {
  const { source } = context;
  const fetched = await fetchText(deps, context, source.url, { conditional: true, accept: SITEMAP_ACCEPT });
  const { response } = fetched;
  const base = responseOutcome(response);
  if (response.notModified) return { ...base, newItemsSeen: 0, published: 0, failure: null };

  const batch = new RunBatch(deps, context);
  // Entries held per poll are bounded across the sitemap and its children (FETCH_SITEMAP_MAX_LISTED): the rest are
  // counted, never held, and the cut is noted on the status.
  const { maxListed } = deps.sitemap;
  const root = parse(fetched.text, response.finalUrl, maxListed);
  let urls: SitemapUrl[] = root.kind === 'urlset' ? root.urls : [];
  let listed = root.kind === 'urlset' ? root.urlsListed : 0;
  if (root.kind === 'index') {
    for (const child of selectChildSitemaps(root.sitemaps, deps.sitemap.maxChildren)) {
      try {
        const page = await fetchText(deps, context, child.url, { accept: SITEMAP_ACCEPT });
        const parsed = parse(page.text, page.response.finalUrl, Math.max(0, maxListed - urls.length));
        if (parsed.kind === 'urlset') {
          urls = urls.concat(parsed.urls);
          listed += parsed.urlsListed;
        }
      } catch (error) {
        batch.fail(findFetchError(error)?.message ?? (error as Error).message);
      }
    }
  }
  const seen = await deps.sources.seenItems(
    source._id,
    urls.map((entry) => sitemapItemKey(entry.url)),
  );
  // Everything due, then this poll's page of it (the source's maxItemsPerRun, else FETCH_SITEMAP_MAX_URLS): the rest
  // stays unseen and is fetched by the next polls.
  const due = selectSitemapUrls(urls, seen, context.now, { ...deps.sitemap, maxUrls: Number.POSITIVE_INFINITY });
  const bound = itemsPerRun(sourceLimitsOf(source), {
    limit: deps.sitemap.maxUrls,
    setting: 'FETCH_SITEMAP_MAX_URLS',
  });
  const selected = due.slice(0, bound.limit);
  for (const entry of selected) {
    const seenItem = { itemKey: entry.itemKey, contentHash: entry.versionMark };
    try {
      const page = await fetchText(deps, context, entry.url, { accept: PAGE_ACCEPT });
      batch.add(
        {
          url: page.response.finalUrl,
          fetchedFrom: page.response.finalUrl,
          itemKey: entry.itemKey,
          content: page.text,
          contentType: page.contentType,
          httpStatus: page.response.status,
          etag: page.response.etag,
          lastModified: page.response.lastModified,
          isUpdate: entry.isUpdate,
        },
        seenItem,
      );
    } catch (error) {
      const failure = findFetchError(error);
      if (!failure) throw error;
      // A page that failed for good (robots, 404, too large) is not asked again until its lastmod moves;
      // a transient failure stays unseen and is retried next poll.
      if (failure.transient) batch.fail(failure.message);
      else batch.markSeen(seenItem, failure.message);
    }
    await batch.flushWhenFull();
  }
  await batch.flush();
  const notices = [
    pollCutNotice({ document: 'sitemap', listed, read: urls.length, setting: 'FETCH_SITEMAP_MAX_LISTED' }),
    pollPagingNotice({ due: due.length, taken: selected.length, setting: bound.setting }),
  ].filter((text): text is string => text !== null);
  const notice = notices.length > 0 ? notices.join('; ') : null;
  if (notice) context.logger.warn({ url: source.url, notice }, 'sitemap cut at the per-poll bound');
  return {
    ...base,
    newItemsSeen: selected.filter((entry) => !entry.isUpdate).length,
    published: batch.published,
    failure: batch.failureMessage(),
    notice,
  };
}

function parse(text: string, url: string, maxUrls: number) {
  try {
    return parseSitemap(text, { baseUrl: url, maxUrls });
  } catch (error) {
    throw new FetchError('unparseable', `${url} is not a readable sitemap: ${(error as Error).message}`);
  }
}
