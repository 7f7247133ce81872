import { claimKeys, type IndexedArticle } from '@inkstream/dedup';

/** A claim key an article found held by another article, in one claim generation. */
export interface HeldClaim {
  key: string;
  generation: number;
  holder: string;
  /** the other generation the holder claimed in, when it claimed in two (near a generation's end) */
  alsoIn?: number;
}

/**
 * The ids of the `rivals` (holders of keys an article lost) that lost a key to the article in turn, so that each
 * sees the other (`ClaimOutcome.beaten`). Two articles meet only in a generation both claimed in, and a generation
 * orders each key on its own: the article beat a rival when it was first, in a generation they share, to a key the
 * rival claims too. `generations`: those the article claimed `keys` in; `held`: every key it found held by another.
 */
export function beatenRivals(
  keys: readonly string[],
  generations: readonly number[],
  held: readonly HeldClaim[],
  rivals: readonly IndexedArticle[],
): string[] {
  const lost = new Map<number, Set<string>>();
  const rivalGenerations = new Map<string, Set<number>>();
  for (const claim of held) {
    lost.set(claim.generation, (lost.get(claim.generation) ?? new Set()).add(claim.key));
    const claimedIn = (rivalGenerations.get(claim.holder) ?? new Set<number>()).add(claim.generation);
    if (claim.alsoIn !== undefined) claimedIn.add(claim.alsoIn);
    rivalGenerations.set(claim.holder, claimedIn);
  }
  return rivals
    .filter((rival) => {
      const theirs = new Set(claimKeys(rival.fingerprint));
      const shared = generations.filter((generation) => rivalGenerations.get(rival.id)?.has(generation));
      return shared.some((generation) => keys.some((key) => theirs.has(key) && !lost.get(generation)?.has(key)));
    })
    .map((rival) => rival.id);
}
