import {
  ARTICLE_SCHEMA_VERSION,
  type CleanArticle,
  type DuplicateRef,
  type EnrichedArticle,
  type UniqueArticle,
} from '@inkstream/contracts';
import { createHash } from 'node:crypto';
import { articleFilterKeys } from './filter-keys';
import { articleSearchText } from './search-text';

/** A clean article as stored, plus the bookkeeping that makes writes idempotent and publishing exactly tracked. */
export interface ArticleRecord extends Omit<CleanArticle, 'id' | 'schemaVersion' | 'authors'> {
  _id: string;
  /** The schema version the record was written under: 1 before `authors`, read as the current one (cleanArticleFrom). */
  schemaVersion: number;
  /** Absent on records written under schema version 1. */
  authors?: string[];
  /** Hash of everything a consumer would see change; equal hash = same article, nothing to write or publish. */
  contentHash: string;
  /** When the content was last revised at the source; an older revision never overwrites a newer one. */
  revisedAt: string;
  /** Normalised entity, place, country and topic keys the API filters on (filter-keys.ts); absent before 0.2. */
  filterKeys?: string[];
  /** What a story-scope search reads besides the title (search-text.ts); absent on records stored before it existed. */
  searchText?: string;
}

/**
 * `article_publications`: the version of an article last published on the clean topic, kept beside the article
 * rather than in it. Recording a publish in the article rewrote the whole document and every one of its indexes
 * (on DocumentDB the costliest write per article: more than inserting it); this record is a few bytes on one index.
 * `storedAt` names the article's incarnation: an entry left by an article that was deleted and stored anew does not
 * count for the new one.
 */
export interface PublicationRecord {
  _id: string;
  version: number;
  storedAt: string;
}

/** The version of an article's current incarnation (stored at `storedAt`) last published, per its ledger entry. */
export function publishedVersionFrom(entry: PublicationRecord | null | undefined, storedAt: string): number {
  return entry && entry.storedAt === storedAt ? entry.version : 0;
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
    authors: article.authors,
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
  state: { version: number; storedAt: string; now: string; duplicates: DuplicateRef[] },
): ArticleRecord {
  const { enrichment } = article;
  return {
    _id: article.id,
    schemaVersion: ARTICLE_SCHEMA_VERSION,
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
    authors: article.authors,
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
    ...(article.contentOrigin ? { contentOrigin: article.contentOrigin } : {}),
    version: state.version,
    storedAt: state.storedAt,
    updatedAt: state.now,
    contentHash: articleContentHash(article),
    revisedAt: revisedAtOf(article),
    filterKeys: articleFilterKeys(enrichment),
    searchText: articleSearchText(article),
  };
}

/** What consumers receive: the record without its bookkeeping. */
export function cleanArticleFrom(record: ArticleRecord): CleanArticle {
  // Records stored before the publication ledger still carry `publishedVersion`: never shown to consumers.
  const legacy = record as ArticleRecord & { publishedVersion?: number };
  const {
    _id,
    contentHash: _hash,
    revisedAt: _revisedAt,
    publishedVersion: _published,
    filterKeys: _keys,
    searchText: _searchText,
    ...rest
  } = legacy;
  // A record stored under schema version 1 has no authors: it reads as version 2 with none, as the topic upgrades it.
  return { ...rest, schemaVersion: ARTICLE_SCHEMA_VERSION, authors: rest.authors ?? [], id: _id } as CleanArticle;
}

/**
 * Turns a stored article back into the unique-article message the enricher consumes, for re-enrichment with a newer
 * enricher: the text and the dedup outcome are kept, only the enrichment will change.
 */
export function uniqueArticleFromRecord(record: ArticleRecord, traceId: string): UniqueArticle {
  return {
    schemaVersion: ARTICLE_SCHEMA_VERSION,
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
    authors: record.authors ?? [],
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
    ...(record.contentOrigin ? { contentOrigin: record.contentOrigin } : {}),
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
