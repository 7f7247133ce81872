import { refusedDocument, sourceSites, stableId, type RawDocument, type SourceKind } from '@inkstream/contracts';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { FetchError } from './fetch-error';

/** What a document was sniffed as (libs/feeds detectDocumentKind; same values, no import of a domain lib). */
export type SniffedKind = 'feed' | 'sitemap' | 'html' | 'text';

export interface RawDocumentLimits {
  /** bodies above this many UTF-8 bytes travel gzip+base64 */
  gzipThresholdBytes: number;
  /** the encoded content may not exceed this (Kafka's message limit, with room for the envelope) */
  maxContentBytes: number;
}

export const DEFAULT_RAW_DOCUMENT_LIMITS: RawDocumentLimits = {
  gzipThresholdBytes: 256 * 1024,
  maxContentBytes: 900 * 1024,
};

export interface RawDocumentInput {
  /** `sites`: the source's configured extra domains (its own URL's domain is always one of its sites) */
  source: { id: string; name: string; kind: SourceKind; url: string; sites?: readonly string[] };
  /** where the document was found (a page, a feed item's link, a dropped file) */
  url: string | null;
  /** the URL `content` was fetched from, after redirects; absent when it came inside the source's own document */
  fetchedFrom?: string | null;
  /** identity within the source (item key, URL or file path): with the content hash it makes the id */
  itemKey: string;
  content: string;
  contentType: string | null;
  fetchedAt: Date;
  traceId: string;
  httpStatus?: number | null;
  etag?: string | null;
  lastModified?: string | null;
  feedItem?: RawDocument['feedItem'];
  isUpdate?: boolean;
}

/** `sha256:<hex>` of the text: what decides "changed" and part of the document id. */
export function textContentHash(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/**
 * A raw document, ready to publish. The id is deterministic (source + item + content), so a refetch of unchanged
 * content republished after a crash is the same message to every later stage. Large bodies are gzipped; one that
 * still does not fit is a FetchError the source status shows, never a truncated document.
 */
export function buildRawDocument(input: RawDocumentInput, limits: RawDocumentLimits): RawDocument {
  // The limits the splitter applies, applied before publishing: what it would always dead-letter is refused here,
  // on the source status (fetcher) or as an error of `inkstream ingest`, never reported as published.
  const refusal = refusedDocument({ content: input.content, contentType: input.contentType });
  if (refusal) {
    throw new FetchError(
      refusal.reason === 'too-large' ? 'too-large' : 'unsupported',
      `${input.url ?? input.itemKey}: ${refusal.message}`,
    );
  }
  const contentHash = textContentHash(input.content);
  const bytes = Buffer.byteLength(input.content, 'utf8');
  let encoding: RawDocument['encoding'] = 'utf8';
  let content = input.content;
  if (bytes > limits.gzipThresholdBytes) {
    encoding = 'gzip-base64';
    content = gzipSync(Buffer.from(input.content, 'utf8')).toString('base64');
  }
  if (Buffer.byteLength(content, 'utf8') > limits.maxContentBytes) {
    throw new FetchError(
      'too-large-message',
      `${input.url ?? input.itemKey}: document of ${bytes} bytes is ${Buffer.byteLength(content)} bytes ` +
        `${encoding === 'gzip-base64' ? 'gzipped' : ''} and exceeds the ${limits.maxContentBytes}-byte message limit`,
    );
  }
  return {
    schemaVersion: 1,
    id: stableId('raw', input.source.id, input.itemKey, contentHash),
    traceId: input.traceId,
    sourceId: input.source.id,
    source: {
      id: input.source.id,
      name: input.source.name,
      domain: domainOf(input.source.url),
      kind: input.source.kind,
      sites: sourceSites(input.source.url, input.source.sites ?? []),
    },
    url: input.url,
    fetchedFrom: input.fetchedFrom ?? null,
    fetchedAt: input.fetchedAt.toISOString(),
    contentType: input.contentType,
    encoding,
    content,
    contentHash,
    contentLength: bytes,
    httpStatus: input.httpStatus ?? null,
    etag: input.etag ?? null,
    lastModified: input.lastModified ?? null,
    feedItem: input.feedItem ?? null,
    isUpdate: input.isUpdate ?? false,
  };
}

/** The source's host without `www.`; null for drop folders. */
export function domainOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return parsed.hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/** Content-Type for text whose kind was sniffed (drops, CLI ingest): the text is UTF-8 once decoded. */
export function contentTypeForKind(kind: SniffedKind, text: string): string {
  switch (kind) {
    case 'feed':
      return text.trimStart().startsWith('{')
        ? 'application/feed+json; charset=utf-8'
        : 'application/xml; charset=utf-8';
    case 'sitemap':
      return 'application/xml; charset=utf-8';
    case 'html':
      return 'text/html; charset=utf-8';
    default:
      return 'text/plain; charset=utf-8';
  }
}

/**
 * The Content-Type to publish with text we decoded: the server's media type with the charset now UTF-8 (a
 * downstream stage must not decode our UTF-8 text as the server's legacy charset).
 */
export function utf8ContentType(contentType: string | null): string | null {
  if (!contentType) return null;
  const mediaType = contentType.split(';')[0].trim();
  return mediaType ? `${mediaType}; charset=utf-8` : null;
}
