import { summarise } from './summary';
import { analyseText } from './text/analysed-text';

describe('summarise', () => {
  const text = [
    'WASHINGTON: The U.S. President signed the budget bill on Friday after weeks of talks with Congress.',
    'Mr. Smith, a senator, said the bill would fund schools and roads for another two years.',
    'Critics said the budget bill ignored the deficit.',
    'It rained.',
    'The weather in the capital was mild all week and nobody minded the clouds.',
  ].join('\n');

  it('extracts 2–3 whole sentences in text order, without the dateline, never split at "U.S." or "Mr."', () => {
    const doc = analyseText(text, 10_000);
    const result = summarise(doc, [{ value: 'budget bill', score: 1 }], []);
    expect(result.startsWith('The U.S. President signed the budget bill')).toBe(true);
    expect(result).toContain('Critics said the budget bill ignored the deficit.');
    expect(result).not.toContain('It rained.');
    const sentences = result.split(/(?<=\.)\s(?=[A-Z])/u).filter((s) => !/^(?:U\.S\.|Mr\.)$/u.test(s));
    expect(sentences.length).toBeGreaterThanOrEqual(2);
  });

  it('uses the standfirst when one is given, bullets turned into sentences', () => {
    const doc = analyseText(text, 10_000);
    expect(summarise(doc, [], [], '- Budget signed\n- Schools funded')).toBe('Budget signed. Schools funded.');
  });

  it('returns an empty summary for empty text', () => {
    expect(summarise(analyseText('', 100), [], [])).toBe('');
  });
});
