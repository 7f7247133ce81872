import { tokenize } from './tokenize';

const texts = (text: string): string[] => tokenize(text).map((token) => token.text);

describe('tokenize', () => {
  it('gives offsets into the text as given, UTF-16 code units included', () => {
    const text = '😀 Zelensky’s “plan” — 40%';
    for (const token of tokenize(text)) expect(text.slice(token.start, token.end)).toBe(token.text);
    expect(texts(text)).toEqual(['😀', 'Zelensky', '’s', '“', 'plan', '”', '—', '40', '%']);
  });

  it('keeps acronyms, title abbreviations, numbers and hyphenated words whole', () => {
    expect(texts('U.S. envoy Mr. Witkoff paid $43.5 billion, or 3,000 euros, to al-Qaida.')).toEqual([
      'U.S.',
      'envoy',
      'Mr.',
      'Witkoff',
      'paid',
      '$',
      '43.5',
      'billion',
      ',',
      'or',
      '3,000',
      'euros',
      ',',
      'to',
      'al-Qaida',
      '.',
    ]);
  });

  it('splits possessives and contractions off as the training corpora did', () => {
    expect(texts("NATO's plan, allies' aims; we’ve won")).toEqual([
      'NATO',
      "'s",
      'plan',
      ',',
      'allies',
      "'",
      'aims',
      ';',
      'we',
      '’ve',
      'won',
    ]);
  });

  it('keeps a detached clitic in pre-tokenised copy whole', () => {
    expect(texts("Germany 's envoy")).toEqual(['Germany', "'s", 'envoy']);
  });

  it('caps word pieces and token count so hostile input stays bounded', () => {
    const tokens = tokenize('x'.repeat(1000));
    expect(Math.max(...tokens.map((token) => token.text.length))).toBeLessThanOrEqual(64);
    expect(tokenize('a b c d e f', 0, 3)).toHaveLength(3);
  });
});
