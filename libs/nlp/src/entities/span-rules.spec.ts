import { decodeLexicon } from '../ner/lexicon';
import { analyseText } from '../text/analysed-text';
import { applySpanRules } from './span-rules';
import { spanKey } from './tag-spans';
import type { TokenSpan } from './types';

const lexicon = decodeLexicon({ totalTokens: 0, counts: {}, commonWords: [] });

/** The rules on hand-placed tagger spans (word ranges of `text`), read back as "CLS:words". */
function rule(text: string, spans: [first: number, last: number, cls: TokenSpan['cls']][]): string[] {
  const doc = analyseText(text, 10_000);
  return applySpanRules(
    doc,
    spans.map(([first, last, cls]) => ({ first, last, cls })),
    lexicon,
  ).map((span) => `${span.cls}:${spanKey(doc, span)}`);
}

describe('applySpanRules: a place opening an organisation name', () => {
  it('joins a city and the capitalised words after it that end on an organisation head', () => {
    // Researchers(0) at(1) the(2) Athens(3) Geodynamic(4) Institute(5) said(6) .(7)
    expect(rule('Researchers at the Athens Geodynamic Institute said.', [[3, 4, 'LOC']])).toEqual([
      'ORG:Athens Geodynamic Institute',
    ]);
    expect(
      rule('Researchers at the Athens Geodynamic Institute said.', [
        [3, 4, 'LOC'],
        [4, 6, 'ORG'],
      ]),
    ).toEqual(['ORG:Athens Geodynamic Institute']);
  });

  it('leaves a country beside an organisation, a place without an organisation head, and shouted headlines', () => {
    expect(
      rule('Officials at the US State Department said.', [
        [3, 4, 'LOC'],
        [4, 6, 'ORG'],
      ]),
    ).toEqual(['LOC:US', 'ORG:State Department']);
    expect(rule('Crowds in Athens Greeted him.', [[2, 3, 'LOC']])).toEqual(['LOC:Athens']);
    expect(rule('ATHENS POLICE SAY NOTHING', [[0, 1, 'LOC']])).toEqual(['LOC:ATHENS']);
  });
});
