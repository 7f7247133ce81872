import type { ArticleCandidate } from '@inkstream/contracts';
import { withoutRepeatedParagraphs } from './clean-candidate';

const paragraphs = [
  'Ukraine hosted talks with its security allies in Kyiv on Tuesday, officials said after the meeting ended.',
  'The talks focused on air defence, long-range weapons and the money needed to keep the front line supplied.',
  'A spokesman said further meetings would follow in the coming weeks, without giving a date for the next one.',
];

function candidate(blocks: ArticleCandidate['blocks']): ArticleCandidate {
  const texts = blocks.filter((block) => block.type === 'paragraph').map((block) => block.text);
  return {
    schemaVersion: 2,
    id: 'art_kyiv',
    traceId: 'trace',
    sourceId: 'src',
    source: { id: 'src', name: 'Source', domain: null },
    url: null,
    canonicalUrl: null,
    title: 'Ukraine hosts talks',
    standfirst: null,
    paragraphs: texts,
    headings: blocks.filter((block) => block.type === 'heading').map((block) => block.text),
    blocks,
    body: texts.join('\n'),
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
    rawDocumentId: 'raw',
    position: 0,
    extractedAt: '2026-11-28T10:00:00.000Z',
  };
}

const block = (text: string, type: 'paragraph' | 'heading' = 'paragraph') => ({ type, text });

describe('withoutRepeatedParagraphs', () => {
  it('removes a repeated block with its subhead and rebuilds paragraphs, headings and body alike', () => {
    const once = [block('Concessions', 'heading'), ...paragraphs.map((text) => block(text))];
    const { candidate: cleaned, repeatedParagraphsRemoved } = withoutRepeatedParagraphs(candidate([...once, ...once]));
    expect(repeatedParagraphsRemoved).toBe(4);
    expect(cleaned.blocks).toEqual(once);
    expect(cleaned.paragraphs).toEqual(paragraphs);
    expect(cleaned.headings).toEqual(['Concessions']);
    expect(cleaned.body).toBe(paragraphs.join('\n'));
  });

  it('leaves an article without repeats untouched (same object)', () => {
    const input = candidate(paragraphs.map((text) => block(text)));
    expect(withoutRepeatedParagraphs(input)).toEqual({ candidate: input, repeatedParagraphsRemoved: 0 });
  });

  it('works from the paragraphs when a candidate has no blocks', () => {
    const input = { ...candidate([]), paragraphs: [...paragraphs, paragraphs[0]], headings: ['Kept'] };
    const { candidate: cleaned, repeatedParagraphsRemoved } = withoutRepeatedParagraphs(input);
    expect(repeatedParagraphsRemoved).toBe(1);
    expect(cleaned).toMatchObject({ paragraphs, blocks: [], headings: ['Kept'], body: paragraphs.join('\n') });
  });
});
