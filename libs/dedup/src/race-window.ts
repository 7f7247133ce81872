/**
 * Articles recorded this close together may have been decided without seeing each other settled. A holder the
 * lookup returned that was seen longer ago than this is never a rival: `DedupEngine.commit` ignores it.
 */
export const RACE_WINDOW_MS = 30_000;

/**
 * The rule both indexes apply to `ClaimOutcome.lostTo`: the holder of a lost claim that the article's lookup could
 * already see, and that was seen longer than the race window before the article, is no rival. The lookup judged
 * it (or passed it over as no candidate, as it would have serially), so it is left out rather than read again.
 * Every other holder may have been recorded, or moved, while the article was decided: it is returned.
 */
export function isSettledHolder(foundByLookup: boolean, holderSeenAt: number, articleSeenAt: number): boolean {
  return foundByLookup && articleSeenAt - holderSeenAt > RACE_WINDOW_MS;
}

/**
 * The longest an article's decision may take from its lookup to its claims. A claim settles a race only while it
 * stands: an article that looked up before a rival was indexed must claim while the rival's claims are kept
 * (`claim-generations.ts`), or it wins their keys and neither sees the other. A decision over this limit is taken again (its lookup then sees what
 * was indexed meanwhile), so claims need to outlive only this, not the slowest decision imaginable.
 */
export const MAX_LOOKUP_TO_CLAIM_MS = 60_000;
