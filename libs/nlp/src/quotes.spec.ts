import type { Entity } from './entities/types';
import { findQuotes } from './quotes';

function person(name: string, text: string, surfaces: string[]): Entity {
  const mentions = surfaces.flatMap((surface) => {
    const found = [];
    for (let at = text.indexOf(surface); at >= 0; at = text.indexOf(surface, at + 1)) {
      found.push({ start: at, end: at + surface.length, text: surface });
    }
    return found;
  });
  return { name, type: 'PERSON', title: null, mentions, count: mentions.length, salience: 1 };
}

describe('findQuotes', () => {
  it('attributes "…," X said and "…," said X with curly or straight quotes to the canonical name', () => {
    const text =
      '“I expect allies will decide at the summit,” Stoltenberg said. "We will not walk away now," said Biden.';
    const quotes = findQuotes(text, [
      person('Jens Stoltenberg', text, ['Stoltenberg']),
      person('Joe Biden', text, ['Biden']),
    ]);
    expect(quotes.map(({ text: quote, speaker }) => ({ quote, speaker }))).toEqual([
      { quote: 'I expect allies will decide at the summit', speaker: 'Jens Stoltenberg' },
      { quote: 'We will not walk away now', speaker: 'Joe Biden' },
    ]);
  });

  it('handles "according to X", "X said … “…”" and he/she after a named person', () => {
    const text =
      'Zelensky said the deal would “constitute a bridge to membership for us.” He complained that “vague wording is added again.” ' +
      '“The front is holding for now,” according to Budanov.';
    const quotes = findQuotes(text, [
      person('Volodymyr Zelensky', text, ['Zelensky']),
      person('Kyrylo Budanov', text, ['Budanov']),
    ]);
    expect(quotes.map((quote) => quote.speaker)).toEqual([
      'Volodymyr Zelensky',
      'Volodymyr Zelensky',
      'Kyrylo Budanov',
    ]);
  });

  it('leaves scare quotes out and unattributed quotes without a speaker', () => {
    const text = 'They spoke of “irreversible” steps. A note read: “nothing more will be said on this.”';
    const quotes = findQuotes(text, []);
    expect(quotes).toEqual([expect.objectContaining({ text: 'nothing more will be said on this.', speaker: null })]);
  });

  it('gives a follow-on quote paragraph the previous speaker', () => {
    const text = '“We need focus on security,” Zelensky said.\n“Kyrylo has the experience to deliver results.”';
    const quotes = findQuotes(text, [person('Volodymyr Zelensky', text, ['Zelensky'])]);
    expect(quotes.map((quote) => quote.speaker)).toEqual(['Volodymyr Zelensky', 'Volodymyr Zelensky']);
  });
});
