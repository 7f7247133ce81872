import { claimKeys, fingerprintArticle, type IndexedArticle } from '@inkstream/dedup';
import { beatenRivals, type HeldClaim } from './claim-outcome';

const article = (id: string, body: string): IndexedArticle => ({
  id,
  clusterId: id,
  sourceId: null,
  seenAt: 0,
  fingerprint: fingerprintArticle({ body }),
});

const Y = article('y', 'Ministers met in Brussels on Tuesday to agree the budget.\n\nTalks ran late into the night.');
const [k1, k2, k3] = claimKeys(Y.fingerprint);
/** X claims three of Y's keys and one of its own. */
const X_KEYS = [k1, k2, k3, 'c:x-only'];
const G = 2_949_000;

describe('beatenRivals', () => {
  it('one generation: X beat Y when it was first to a key Y claims too', () => {
    const held: HeldClaim[] = [{ key: k1, generation: G, holder: 'y' }];
    expect(beatenRivals(X_KEYS, [G], held, [Y])).toEqual(['y']);
  });

  it('one generation: Y was first to every key they share, so Y does not see X', () => {
    const held: HeldClaim[] = [k1, k2, k3].map((key) => ({ key, generation: G, holder: 'y' }));
    expect(beatenRivals(X_KEYS, [G], held, [Y])).toEqual([]);
  });

  it('a key X won only in a generation Y never claimed in beats nobody', () => {
    // X claimed near the end of G, in G and G+1; Y claimed early in G+1 only and was first there to every shared
    // key. X's wins in G are over keys Y never claimed in G: Y lost nothing to X and does not see it.
    const held: HeldClaim[] = [k1, k2, k3].map((key) => ({ key, generation: G + 1, holder: 'y' }));
    expect(beatenRivals(X_KEYS, [G, G + 1], held, [Y])).toEqual([]);
  });

  it('both claimed in two generations and each was first in one: X beat Y', () => {
    // Y's record in G+1 says it claimed in G too; X was first to the keys there.
    const held: HeldClaim[] = [k1, k2, k3].map((key) => ({ key, generation: G + 1, holder: 'y', alsoIn: G }));
    expect(beatenRivals(X_KEYS, [G, G + 1], held, [Y])).toEqual(['y']);
  });

  it('a key lost to an older holder in one generation and won over Y in the shared one beats Y', () => {
    const held: HeldClaim[] = [
      { key: k1, generation: G, holder: 'old' },
      { key: k2, generation: G + 1, holder: 'y' },
    ];
    expect(beatenRivals(X_KEYS, [G, G + 1], held, [Y])).toEqual(['y']);
    // Had X lost k1 in G+1 too (to the same older holder, claiming there as well), it beat Y only to k3.
    const alsoLost: HeldClaim[] = [...held, { key: k1, generation: G + 1, holder: 'old', alsoIn: G }];
    expect(beatenRivals(X_KEYS, [G, G + 1], alsoLost, [Y])).toEqual(['y']);
    const lostAll: HeldClaim[] = [...alsoLost, { key: k3, generation: G + 1, holder: 'y' }];
    expect(beatenRivals(X_KEYS, [G, G + 1], lostAll, [Y])).toEqual([]);
  });
});
