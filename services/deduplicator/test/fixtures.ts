import type { ArticleCandidate } from '@inkstream/contracts';
import { splitDocument } from '@inkstream/extraction';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SAMPLE = readFileSync(join(__dirname, '..', '..', '..', 'samples', 'arabnews-nato-ukraine-page.txt'), 'utf8');

type Block = ArticleCandidate['blocks'][number];

/** The sample page's two articles as the extractor finds them (it already drops the page's repeated block). */
export function sampleArticles(): { nato: Block[]; kyiv: Block[] } {
  const [nato, kyiv] = splitDocument({
    content: SAMPLE,
    contentType: 'text/plain; charset=utf-8',
    url: 'file:///drop/arabnews.txt',
  }).articles;
  return { nato: nato.blocks, kyiv: kyiv.blocks };
}

export const paragraph = (text: string): Block => ({ type: 'paragraph', text });

/** A valid article candidate with these blocks; paragraphs, headings and body derived as the extractor does. */
export function candidate(
  id: string,
  blocks: readonly Block[],
  overrides: Partial<ArticleCandidate> = {},
): ArticleCandidate {
  const paragraphs = blocks.filter((block) => block.type === 'paragraph').map((block) => block.text);
  const sourceId = overrides.sourceId ?? 'src-arabnews';
  return {
    schemaVersion: 2,
    id,
    traceId: `trace-${id}`,
    sourceId,
    source: { id: sourceId, name: sourceId, domain: null },
    url: `https://${sourceId}.example/${id}`,
    canonicalUrl: null,
    title: `Story ${id}`,
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
    rawDocumentId: `raw-${id}`,
    position: 0,
    extractedAt: '2026-11-28T10:00:01.000Z',
    ...overrides,
  };
}

const HEADER = paragraph('Daily Ledger | News, Sport, Business, Opinion and Weather for the whole region, every day');
const FOOTER = [
  paragraph(
    'Sign up for the Daily Ledger newsletter to get the most important stories delivered straight to your inbox every morning, free of charge.',
  ),
  paragraph(
    '© 2026 Daily Ledger Media Group. All rights reserved. This material may not be published or redistributed.',
  ),
];

/**
 * A syndicated near-copy: the site's header and footer around the story, its last paragraphs cut, and a few
 * sentences edited (the way a partner site rewrites a wire story).
 */
export function syndicatedCopy(blocks: readonly Block[]): Block[] {
  const story = blocks.filter((block) => block.type === 'paragraph').slice(0, -3);
  const edited = story.map((block, index) =>
    index % 6 === 3 ? paragraph(block.text.replace(/\bsaid\b/g, 'told reporters').replace(/\bthe\b/, 'this')) : block,
  );
  return [HEADER, ...edited, ...FOOTER];
}
