import { isGivenName } from './given-names';

describe('given names', () => {
  it('knows first names of many languages, in any case', () => {
    for (const name of ['Olaf', 'Giuseppe', 'Fatima', 'Pedro', 'INGRID']) expect(isGivenName(name)).toBe(true);
  });

  it('does not take common words or places for names', () => {
    for (const word of ['the', 'Haus', 'Berlin', 'government']) expect(isGivenName(word)).toBe(false);
  });
});
