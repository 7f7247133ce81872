import { extractKeywords } from './keywords';
import { defaultLexicon } from './ner/default-tagger';
import { analyseText } from './text/analysed-text';

describe('extractKeywords', () => {
  const text = [
    'The air defense systems arrived in Kyiv. Officials said the air defense systems would protect the power grid.',
    'Power grid operators welcomed the air defense systems, and the grid held overnight.',
  ].join('\n');
  const keywords = extractKeywords(analyseText(text, 10_000), defaultLexicon());

  it('ranks repeated, distinctive phrases first with scores relative to the best', () => {
    expect(keywords[0]).toEqual({ value: 'air defense systems', score: 1 });
    expect(keywords.map((keyword) => keyword.value)).toContain('power grid');
    expect(keywords.every((keyword) => keyword.score > 0 && keyword.score <= 1)).toBe(true);
  });

  it('never returns stopwords, reporting verbs or more than the limit', () => {
    const values = keywords.map((keyword) => keyword.value.toLowerCase());
    expect(values).not.toContain('said');
    expect(values).not.toContain('the');
    expect(extractKeywords(analyseText(text, 10_000), defaultLexicon(), 2)).toHaveLength(2);
  });

  it('keeps the capitals of names and drops those of sentence starts', () => {
    const values = keywords.map((keyword) => keyword.value);
    expect(values).toContain('Kyiv');
    expect(values).not.toContain('Officials');
  });
});
