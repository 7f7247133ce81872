import { exampleArticleCandidate, type ArticleCandidate } from '@inkstream/contracts';
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
  const sourceId = overrides.sourceId ?? 'src-arabnews';
  return exampleArticleCandidate([...blocks], {
    id,
    traceId: `trace-${id}`,
    url: `https://${sourceId}.example/${id}`,
    title: `Story ${id}`,
    rawDocumentId: `raw-${id}`,
    ...overrides,
  });
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
