import { createHash } from 'node:crypto';
import { isOwnUrl } from '@inkstream/contracts';
import { normaliseUrl, type ArticleIdentity } from './article-id';

// Who may write an article. An article id comes from its canonical URL, so without a rule any source could publish
// another outlet's URL and replace that outlet's stored article. The rule: a source owns the URLs under its own
// sites — the registrable domain of its feed/page URL plus the domains configured on the source (`sites`). An
// article whose URL is foreign to the source that published it (a syndicated copy, an aggregator link, a page whose
// canonical points elsewhere, a file:// URL from a drop folder or `inkstream ingest`) gets an id scoped to that
// source: it can never update another source's article. The deduplicator still sees its URL and text, so a copy
// of an article already stored is recorded as a duplicate of it.

/** The URL an article id is derived from (canonical URL, else article URL), normalised; null: a content id. */
export function identityUrl(identity: ArticleIdentity): string | null {
  return (
    (identity.canonicalUrl && normaliseUrl(identity.canonicalUrl)) ||
    (identity.url && normaliseUrl(identity.url)) ||
    null
  );
}

/**
 * The id an article gets when `sourceId` publishes it: the plain id (`articleId`) when it comes from content or
 * from a URL under the source's own sites; else an id scoped to the source, so a foreign URL never names another
 * source's article.
 */
export function ownedArticleId(
  plainId: string,
  identity: ArticleIdentity,
  source: { id: string; sites: readonly string[] },
): { id: string; foreignUrl: string | null } {
  const url = identityUrl(identity);
  if (!url || isOwnUrl(url, source.sites)) return { id: plainId, foreignUrl: null };
  const scoped = createHash('sha256').update(`source:${source.id}\nurl:${url}`, 'utf8').digest('hex').slice(0, 32);
  return { id: scoped, foreignUrl: url };
}
