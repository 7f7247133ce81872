import { ARTICLE_SCHEMA_VERSION, textSourceOf, type ArticleCandidate, type RawDocument } from '@inkstream/contracts';
import { ownedArticleId, type ExtractedArticle, type Publisher } from '@inkstream/extraction';

/**
 * Maps what the extractor found to the article-candidate message. The publisher a document names (short-link domain,
 * copyright footer, og:site_name) is recorded as the source's name and domain: a drop folder or an aggregator feed
 * is where we found the article, the publisher is whose article it is.
 */
export function toArticleCandidate(
  raw: RawDocument,
  article: ExtractedArticle,
  publisher: Publisher | null,
  position: number,
  extractedAt: string,
): ArticleCandidate {
  // Text that is not its URL's owner's never takes that URL's identity (see article-ownership).
  const { id, contentOrigin } = ownedArticleId(article.id, article, raw.sourceId, textSourceOf(raw));
  return {
    schemaVersion: ARTICLE_SCHEMA_VERSION,
    id,
    traceId: raw.traceId,
    sourceId: raw.sourceId,
    source: {
      id: raw.source.id,
      name: publisher?.name ?? raw.source.name,
      domain: publisher?.domain ?? raw.source.domain,
    },
    url: article.url ?? raw.url,
    canonicalUrl: article.canonicalUrl,
    title: article.title ?? raw.feedItem?.title ?? '',
    standfirst: article.standfirst,
    paragraphs: article.paragraphs,
    headings: article.headings,
    blocks: article.blocks,
    body: article.body,
    byline: article.byline ?? raw.feedItem?.author ?? null,
    authors: article.authors,
    publishedAt: isoOrNull(article.publishedAt) ?? raw.feedItem?.publishedAt ?? null,
    modifiedAt: isoOrNull(article.modifiedAt),
    fetchedAt: raw.fetchedAt,
    dateline: article.dateline,
    language: article.language,
    leadImage: article.leadImage,
    section: article.section,
    tags: article.tags.length > 0 ? article.tags : (raw.feedItem?.categories ?? []),
    kind: article.kind,
    partial: article.partial,
    rawDocumentId: raw.id,
    position,
    repeatedBlocksRemoved: article.repeatedBlocksRemoved,
    contentOrigin,
    extractedAt,
  };
}

/** Pages state dates in many shapes ("2024-07-06", "July 6, 2024 10:00 GMT"); the contract carries ISO-8601 UTC. */
export function isoOrNull(value: string | null): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
