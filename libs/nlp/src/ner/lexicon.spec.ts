import { buildLexicon, decodeLexicon } from './lexicon';

describe('buildLexicon', () => {
  const lexicon = decodeLexicon(
    buildLexicon([
      ['The', 'cabinet', 'met', 'in', 'Paris', '.'],
      ['A', 'cabinet', 'in', 'Paris', 'met', '.'],
      ['Cabinet', 'members', 'left', 'Paris', '.'],
      ['Once', 'the', 'unique', 'Zelensky', 'spoke'],
    ]),
  );

  it('counts words seen at least twice, case-folded', () => {
    expect(lexicon.counts.get('cabinet')).toBe(3);
    expect(lexicon.counts.get('paris')).toBe(3);
    expect(lexicon.counts.has('zelensky')).toBe(false);
    expect(lexicon.totalTokens).toBe(22);
  });

  it('marks words usually lower case mid-sentence as common, ignoring sentence-initial capitals', () => {
    expect(lexicon.commonWords.has('cabinet')).toBe(true);
    expect(lexicon.commonWords.has('paris')).toBe(false);
  });
});
