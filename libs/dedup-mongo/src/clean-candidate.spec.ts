import { exampleArticleCandidate, type ArticleCandidate } from '@inkstream/contracts';
import { withoutRepeatedParagraphs } from './clean-candidate';

const paragraphs = [
  'Ukraine hosted talks with its security allies in Kyiv on Tuesday, officials said after the meeting ended.',
  'The talks focused on air defence, long-range weapons and the money needed to keep the front line supplied.',
  'A spokesman said further meetings would follow in the coming weeks, without giving a date for the next one.',
];

const candidate = (blocks: ArticleCandidate['blocks']) =>
  exampleArticleCandidate(blocks, { id: 'art_kyiv', title: 'Ukraine hosts talks' });

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
