import type { CleanArticle, DuplicateRef, EnrichedArticle, UniqueArticle } from '@inkstream/contracts';
import { createHash } from 'node:crypto';

/** A clean article as stored, plus the bookkeeping that makes writes idempotent and publishing exactly tracked. */
export interface ArticleRecord extends Omit<CleanArticle, 'id'> {
  _id: string;
  /** Hash of everything a consumer would see change; equal hash = same article, nothing to write or publish. */
  contentHash: string;
  /** When the content was last revised at the source; an older revision never overwrites a newer one. */
  revisedAt: string;
  /** Highest version already on the clean topic; lower than `version` means a publish is still owed. */
  publishedVersion: number;
}

/** The fields whose change is a change of the article; timestamps and trace ids of a redelivery are not. */
/** Duplicates are not part of it: they change through duplicate notices, tracked by `version` on their own. */
export function articleContentHash(article: EnrichedArticle): string {
  const { enrichedAt: _enrichedAt, ...enrichment } = article.enrichment;
  const content = {
    url: article.url,
    canonicalUrl: article.canonicalUrl,
    source: article.source,
    title: article.title,
    standfirst: article.standfirst,
    blocks: article.blocks,
    byline: article.byline,
    publishedAt: article.publishedAt,
    modifiedAt: article.modifiedAt,
    dateline: article.dateline,
    language: article.language,
    leadImage: article.leadImage,
    section: article.section,
    tags: article.tags,
    kind: article.kind,
    partial: article.partial,
    clusterId: article.clusterId,
    enrichment,
  };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

export function revisedAtOf(article: EnrichedArticle): string {
  return article.modifiedAt ?? article.publishedAt ?? article.fetchedAt;
}

/** Builds the stored record for a new or changed article. */
export function articleRecordFrom(
  article: EnrichedArticle,
  state: { version: number; storedAt: string; now: string; duplicates: DuplicateRef[]; publishedVersion: number },
): ArticleRecord {
  const { enrichment } = article;
  return {
    _id: article.id,
    schemaVersion: 1,
    traceId: article.traceId,
    sourceId: article.sourceId,
    url: article.url,
    canonicalUrl: article.canonicalUrl,
    source: article.source,
    title: article.title,
    standfirst: article.standfirst,
    body: article.body,
    paragraphs: article.paragraphs,
    headings: article.headings,
    blocks: article.blocks,
    byline: article.byline,
    publishedAt: article.publishedAt,
    modifiedAt: article.modifiedAt,
    fetchedAt: article.fetchedAt,
    language: enrichment.language,
    languageConfidence: enrichment.languageConfidence,
    dateline: article.dateline,
    entities: enrichment.entities,
    places: enrichment.places,
    keywords: enrichment.keywords,
    topics: enrichment.topics,
    summary: enrichment.summary,
    quotes: enrichment.quotes,
    figures: enrichment.figures,
    wordCount: enrichment.wordCount,
    readingTimeMinutes: enrichment.readingTimeMinutes,
    leadImage: article.leadImage,
    section: article.section,
    tags: article.tags,
    kind: article.kind,
    partial: article.partial,
    clusterId: article.clusterId,
    duplicates: state.duplicates,
    repeatedParagraphsRemoved: article.dedup.repeatedParagraphsRemoved,
    enrichmentVersion: enrichment.enrichmentVersion,
    provenance: { rawDocumentId: article.rawDocumentId, traceId: article.traceId },
    version: state.version,
    storedAt: state.storedAt,
    updatedAt: state.now,
    contentHash: articleContentHash(article),
    revisedAt: revisedAtOf(article),
    publishedVersion: state.publishedVersion,
  };
}

/** What consumers receive: the record without its bookkeeping. */
export function cleanArticleFrom(record: ArticleRecord): CleanArticle {
  const { _id, contentHash: _hash, revisedAt: _revisedAt, publishedVersion: _published, ...rest } = record;
  return { ...rest, id: _id } as CleanArticle;
}

/**
 * Turns a stored article back into the unique-article message the enricher consumes, for re-enrichment with a newer
 * enricher: the text and the dedup outcome are kept, only the enrichment will change.
 */
export function uniqueArticleFromRecord(record: ArticleRecord, traceId: string): UniqueArticle {
  return {
    schemaVersion: 1,
    id: record._id,
    traceId,
    sourceId: record.sourceId,
    url: record.url,
    canonicalUrl: record.canonicalUrl,
    source: record.source,
    title: record.title,
    standfirst: record.standfirst,
    paragraphs: record.paragraphs,
    headings: record.headings,
    blocks: record.blocks,
    body: record.body,
    byline: record.byline,
    publishedAt: record.publishedAt,
    modifiedAt: record.modifiedAt,
    fetchedAt: record.fetchedAt,
    dateline: record.dateline,
    language: record.language,
    leadImage: record.leadImage,
    section: record.section,
    tags: record.tags,
    kind: record.kind,
    partial: record.partial,
    rawDocumentId: record.provenance.rawDocumentId,
    position: 0,
    extractedAt: record.storedAt,
    clusterId: record.clusterId,
    dedup: {
      verdict: 'unique',
      checkedAt: record.storedAt,
      repeatedParagraphsRemoved: record.repeatedParagraphsRemoved,
    },
  };
}
