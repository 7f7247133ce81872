import { isOwnersText, scopedArticleId, type ContentOrigin, type TextSource } from '@inkstream/contracts';
import { normaliseUrl, type ArticleIdentity } from './article-id';

// The ownership rule applied to an extracted article (libs/contracts ownership.ts; docs/reliability.md, "Who owns
// an article"): an article whose text is its URL's owner's keeps the plain id every source derives from that URL;
// any other article (a foreign URL, a file: URL, no URL at all) gets its plain id scoped to the source that
// delivered it. Its URL and text are kept, so the deduplicator still records a copy of a stored article as a
// duplicate of it, by its text; only the owner's text is matched by URL.

/** The URL an article id is derived from (canonical URL, else article URL), normalised; null: a content id. */
export function identityUrl(identity: ArticleIdentity): string | null {
  return (
    (identity.canonicalUrl && normaliseUrl(identity.canonicalUrl)) ||
    (identity.url && normaliseUrl(identity.url)) ||
    null
  );
}

/**
 * The id an article gets when `sourceId` delivers it with text from `origin`: the plain id (`plainId`) when the
 * text is its URL's owner's, else `plainId` scoped to the source; and the origin as the article records it.
 */
export function ownedArticleId(
  plainId: string,
  identity: ArticleIdentity,
  sourceId: string,
  origin: TextSource,
): { id: string; contentOrigin: ContentOrigin } {
  const urlIdentity = isOwnersText(identityUrl(identity), origin);
  return {
    id: urlIdentity ? plainId : scopedArticleId(sourceId, plainId),
    contentOrigin: { fetchedFrom: origin.fetchedFrom, sourceSites: [...origin.sourceSites], urlIdentity },
  };
}
