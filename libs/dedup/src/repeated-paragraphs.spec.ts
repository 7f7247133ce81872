import { kyivParagraphs, samplePageLines } from './__fixtures__/articles';
import { removeRepeatedParagraphs } from './repeated-paragraphs';

describe('removeRepeatedParagraphs', () => {
  it('removes the sample page’s repeated block, subheads included, and keeps the first occurrence', () => {
    // Lines 34-94: the Kyiv article's body, then the same body again without its dateline paragraph.
    const body = samplePageLines.slice(33, 94);
    const result = removeRepeatedParagraphs(body);
    expect(result.paragraphs).toEqual(kyivParagraphs);
    expect(result.paragraphs).toHaveLength(31);
    expect(result.removed).toEqual(Array.from({ length: 30 }, (_, i) => 31 + i));
    expect(result.paragraphs.filter((p) => p === '- Concessions -')).toHaveLength(1);
  });

  it('removes a near-exact repeat (a changed word, other punctuation)', () => {
    const first = 'The council approved the new budget on Tuesday after a long debate over school funding and roads.';
    const repeat =
      'The council approved the new budget on Tuesday, after a long debate over school funding and streets';
    expect(removeRepeatedParagraphs([first, 'Something else entirely happened later that week.', repeat])).toEqual({
      paragraphs: [first, 'Something else entirely happened later that week.'],
      removed: [2],
    });
  });

  it('keeps a short paragraph repeated outside any repeated block', () => {
    const paragraphs = [
      'Background',
      'The first section tells how the dispute between the two companies began last year.',
      'Background',
      'A second section, with different words, explains what the court decided on Monday.',
    ];
    expect(removeRepeatedParagraphs(paragraphs)).toEqual({ paragraphs, removed: [] });
  });

  it('keeps paragraphs that merely resemble each other', () => {
    const paragraphs = [
      'Shares of Acme rose 3 percent on Monday after the company reported strong quarterly earnings.',
      'Shares of Globex fell 5 percent on Tuesday after the company reported weak quarterly revenue.',
    ];
    expect(removeRepeatedParagraphs(paragraphs).removed).toEqual([]);
  });
});
