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
 * stands: an article that looked up before a rival was indexed must claim before the rival's claims expire, or it
 * wins their keys and neither sees the other. A decision over this limit is taken again (its lookup then sees what
 * was indexed meanwhile), so claims need to outlive only this, not the slowest decision imaginable.
 */
export const MAX_LOOKUP_TO_CLAIM_MS = 60_000;

/**
 * How long a claim is kept. A claim only settles races between decisions that overlap: a racing article claims
 * within `MAX_LOOKUP_TO_CLAIM_MS` of its lookup, which came before the rival's claims were written, so a claim older
 * than that settles nothing; and a holder seen longer than `RACE_WINDOW_MS` before the article that loses to it is no
 * rival anyway (`isSettledHolder`). Ten times the limit leaves room for the clocks of replicas and of the database
 * (claims are dated by the replica, expired by the server's TTL task). Kept a day, claims were about 25 documents per
 * article for some 7 million articles at 80 articles/s, and about half the articles lost a key to an old holder,
 * read back for nothing; kept ten minutes, they are about 50,000 articles' worth.
 */
export const CLAIM_RETENTION_MS = 10 * MAX_LOOKUP_TO_CLAIM_MS;
