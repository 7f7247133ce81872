import { contentHash } from './content-hash';
import { normaliseText, splitParagraphs, tokenise } from './text-normalise';

describe('normaliseText', () => {
  it('unifies typography, case, punctuation and spacing', () => {
    expect(normaliseText('“Hello,”  she said —  it’s ＦＩＮＥ!')).toBe('hello she said it s fine');
    expect(normaliseText('STRASSE')).toBe(normaliseText('Straße'));
  });

  it('splits unspaced scripts into one token per character', () => {
    expect(tokenise(normaliseText('東京で地震'))).toEqual(['東', '京', 'で', '地', '震']);
    expect(tokenise(normaliseText('Один два'))).toEqual(['один', 'два']);
    expect(tokenise('')).toEqual([]);
  });

  it('splits a body into its non-blank lines', () => {
    expect(splitParagraphs('One.\r\n\n  Two.  \n')).toEqual(['One.', 'Two.']);
  });
});

describe('contentHash', () => {
  it('is the same for copies differing only in typography and paragraph breaks', () => {
    const a = contentHash('It’s a “test” — really.\nSecond paragraph.');
    const b = contentHash('it\'s a "test" - really. Second   paragraph');
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs when a word differs', () => {
    expect(contentHash('The cat sat.')).not.toBe(contentHash('The dog sat.'));
  });
});
