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
 * How long a claim is worth keeping. A claim only settles races: a holder seen longer than `RACE_WINDOW_MS` before
 * the article that loses to it was found by that article's lookup and is left out (`isSettledHolder`), so an old
 * claim changes no decision. A day covers any decision's lookup-to-insert time many times over (a stalled attempt
 * is redelivered and looks up again); keeping claims as long as fingerprints only grew the claims store, about 26
 * documents per article, for nothing.
 */
export const CLAIM_RETENTION_MS = 24 * 3_600_000;
