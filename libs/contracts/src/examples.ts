import type { ArticleCandidate } from './article';
import { ARTICLE_SCHEMA_VERSION } from './common';
import type { EnrichedArticle } from './enriched-article';
import type { RawDocument } from './raw-document';

/**
 * Example messages: documentation for consumers (README, API explorer) and valid starting points for tests.
 * They pass their topic's schema; a test guards that.
 */
export function exampleRawDocument(overrides: Partial<RawDocument> = {}): RawDocument {
  return {
    schemaVersion: 1,
    id: 'raw_0f2b6c1e9a4d4e57b7b1c2d3e4f5a6b7',
    traceId: '7d3c1f0a2b9e4c6d8e0f1a2b3c4d5e6f',
    sourceId: 'src-arabnews',
    source: { id: 'src-arabnews', name: 'Arab News', domain: 'arab.news', kind: 'drop' },
    url: 'file:///samples/arabnews-nato-ukraine-page.txt',
    fetchedAt: '2026-11-28T10:00:00.000Z',
    contentType: 'text/plain; charset=utf-8',
    encoding: 'utf8',
    content: 'BRUSSELS: NATO leaders plan to pledge next week…',
    contentHash: 'sha256:1f6a',
    contentLength: 49,
    httpStatus: null,
    etag: null,
    lastModified: null,
    feedItem: null,
    isUpdate: false,
    ...overrides,
  };
}

/**
 * An article candidate with these blocks, its paragraphs, headings and body derived from them as the splitter
 * derives them; `overrides` wins over every field (derived ones included).
 */
export function exampleArticleCandidate(
  blocks: ArticleCandidate['blocks'],
  overrides: Partial<ArticleCandidate> = {},
): ArticleCandidate {
  const paragraphs = blocks.filter((block) => block.type === 'paragraph').map((block) => block.text);
  const sourceId = overrides.sourceId ?? 'src-arabnews';
  return {
    schemaVersion: ARTICLE_SCHEMA_VERSION,
    id: 'art_5b1d0e8c7a6f4e3d2c1b0a9f8e7d6c5b',
    traceId: '7d3c1f0a2b9e4c6d8e0f1a2b3c4d5e6f',
    sourceId,
    source: { id: sourceId, name: sourceId, domain: null },
    url: null,
    canonicalUrl: null,
    title: 'NATO leaders will vow to pour weapons into Ukraine for another year',
    standfirst: null,
    paragraphs,
    headings: blocks.filter((block) => block.type === 'heading').map((block) => block.text),
    blocks: [...blocks],
    body: paragraphs.join('\n'),
    byline: null,
    authors: [],
    publishedAt: null,
    modifiedAt: null,
    fetchedAt: '2026-11-28T10:00:00.000Z',
    dateline: null,
    language: 'en',
    leadImage: null,
    section: null,
    tags: [],
    kind: 'article',
    partial: false,
    rawDocumentId: 'raw_0f2b6c1e9a4d4e57b7b1c2d3e4f5a6b7',
    position: 0,
    extractedAt: '2026-11-28T10:00:01.000Z',
    ...overrides,
  };
}

export function exampleEnrichedArticle(overrides: Partial<EnrichedArticle> = {}): EnrichedArticle {
  const paragraphs = [
    'NATO leaders plan to pledge next week to keep pouring arms and ammunition into Ukraine.',
    '“I expect allies will decide at the summit to sustain this level within the next year,” Stoltenberg said.',
  ];
  return {
    schemaVersion: ARTICLE_SCHEMA_VERSION,
    id: 'art_5b1d0e8c7a6f4e3d2c1b0a9f8e7d6c5b',
    traceId: '7d3c1f0a2b9e4c6d8e0f1a2b3c4d5e6f',
    sourceId: 'src-arabnews',
    source: { id: 'src-arabnews', name: 'Arab News', domain: 'arab.news' },
    url: 'https://arab.news/wdxkx',
    canonicalUrl: 'https://arab.news/wdxkx',
    title: 'NATO leaders will vow to pour weapons into Ukraine for another year, but membership is off the table',
    standfirst:
      'Leaders hope to reassure Ukraine of their ongoing support and show Russia that they will not walk away',
    paragraphs,
    headings: [],
    blocks: paragraphs.map((text) => ({ type: 'paragraph' as const, text })),
    body: paragraphs.join('\n'),
    byline: 'By Lee Keath and Aamer Madhani, Associated Press',
    authors: ['Lee Keath', 'Aamer Madhani'],
    publishedAt: '2024-07-06T09:00:00.000Z',
    modifiedAt: null,
    fetchedAt: '2026-11-28T10:00:00.000Z',
    dateline: 'Brussels',
    language: 'en',
    leadImage: null,
    section: null,
    tags: [],
    kind: 'article',
    partial: false,
    rawDocumentId: 'raw_0f2b6c1e9a4d4e57b7b1c2d3e4f5a6b7',
    position: 0,
    extractedAt: '2026-11-28T10:00:01.000Z',
    clusterId: 'cl_5b1d0e8c7a6f4e3d2c1b0a9f8e7d6c5b',
    dedup: { verdict: 'unique', checkedAt: '2026-11-28T10:00:02.000Z', repeatedParagraphsRemoved: 0 },
    enrichment: {
      language: 'en',
      languageConfidence: 0.99,
      entities: [
        {
          name: 'Jens Stoltenberg',
          type: 'PERSON',
          title: null,
          mentions: [{ start: 181, end: 192, text: 'Stoltenberg' }],
          count: 1,
          salience: 1,
        },
      ],
      places: [{ name: 'Brussels', country: 'BE' }],
      keywords: [{ value: 'nato leaders', score: 1 }],
      topics: [{ value: 'politics', score: 0.8 }],
      summary: paragraphs[0],
      quotes: [
        {
          text: 'I expect allies will decide at the summit to sustain this level within the next year',
          speaker: 'Jens Stoltenberg',
        },
      ],
      figures: [],
      wordCount: 33,
      readingTimeMinutes: 0.2,
      enrichmentVersion: 'nlp-1',
      enrichedAt: '2026-11-28T10:00:03.000Z',
    },
    ...overrides,
  };
}
