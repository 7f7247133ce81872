import type { DedupDecision } from './dedup-decision';
import { DEFAULT_DEDUP_POLICY, rulesFor, type DedupPolicy, type DedupRules } from './dedup-policy';
import {
  DEFAULT_FINGERPRINT_SETTINGS,
  fingerprintArticle,
  isIndexedParagraph,
  type ArticleFingerprint,
  type DedupArticle,
  type FingerprintSettings,
} from './fingerprint';
import { type FingerprintIndex, type FingerprintLookup, type IndexedArticle } from './fingerprint-index';
import { boilerplateTest, closestCopy, judge, type JudgedArticle } from './judge';
import type { BoilerplateTest } from './overlap';
import { RACE_WINDOW_MS } from './race-window';

/** A decision taken against the index as it was, not yet recorded in it. */
export interface PendingDecision {
  article: JudgedArticle;
  lookup: FingerprintLookup;
  decision: DedupDecision;
  now: number;
}

/** Looks an article up and judges it, without recording it: the index is left as it was. */
export async function decide(
  article: DedupArticle,
  index: FingerprintIndex,
  policy: DedupPolicy,
  now: number,
  settings: FingerprintSettings = DEFAULT_FINGERPRINT_SETTINGS,
  /** The article's fingerprint when the caller already computed it (with the same settings). */
  fingerprint: ArticleFingerprint = fingerprintArticle(article, settings),
): Promise<PendingDecision> {
  const judged: JudgedArticle = { id: article.id, sourceId: article.sourceId ?? null, fingerprint };
  const lookup = await index.lookup(judged.fingerprint);
  return { article: judged, lookup, decision: judge(judged, lookup, policy, now), now };
}

/**
 * Deduplicates a stream of article candidates against a fingerprint index: decide, record, and settle races with
 * concurrent deciders through the index's claims (see `FingerprintIndex`). Time is passed in, never read.
 */
export class DedupEngine {
  constructor(
    private readonly index: FingerprintIndex,
    private readonly policy: DedupPolicy = DEFAULT_DEDUP_POLICY,
    private readonly settings: FingerprintSettings = DEFAULT_FINGERPRINT_SETTINGS,
  ) {}

  async process(article: DedupArticle, now: number, fingerprint?: ArticleFingerprint): Promise<DedupDecision> {
    return this.commit(await this.decide(article, now, fingerprint));
  }

  decide(article: DedupArticle, now: number, fingerprint?: ArticleFingerprint): Promise<PendingDecision> {
    return decide(article, this.index, this.policy, now, this.settings, fingerprint);
  }

  /** Records the decision; a unique article that lost claims to a copy recorded meanwhile becomes its duplicate. */
  async commit(pending: PendingDecision): Promise<DedupDecision> {
    const { article, decision, now } = pending;
    // Only a unique article can lose a race: it may become a duplicate of a copy recorded meanwhile.
    const settles = decision.verdict === 'unique' && decision.method !== 'disabled';
    const indexed: IndexedArticle = {
      id: article.id,
      clusterId: decision.clusterId,
      sourceId: article.sourceId,
      seenAt: now,
      fingerprint: article.fingerprint,
    };
    const outcome = await this.index.insert(indexed, settles);
    if (!settles) return decision;

    const seen = new Set(pending.lookup.candidates.map((candidate) => candidate.id));
    const rules = rulesFor(this.policy, article.sourceId);
    const beaten = new Set(outcome.beaten);
    // Unseen holders were recorded while we decided. Seen ones recorded moments before us were judged while they
    // were still founding clusters of their own, which makes their shared paragraphs look like boilerplate.
    const racing = (holder: IndexedArticle) => !seen.has(holder.id) || Math.abs(now - holder.seenAt) <= RACE_WINDOW_MS;
    const rivals = outcome.lostTo.filter(
      (holder) =>
        racing(holder) &&
        holder.id !== article.id &&
        // A holder that already joined this article's story is a copy of it, not its original.
        holder.clusterId !== article.id &&
        now - holder.seenAt <= rules.windowMs &&
        precedes(holder, article.id, now, beaten),
    );
    if (rivals.length === 0) return decision;
    const exact = rivals.find((rival) => rival.fingerprint.contentHash === article.fingerprint.contentHash);
    const racingHolders = [...outcome.lostTo, ...pending.lookup.candidates].filter(
      (holder) => holder.id !== article.id && Math.abs(now - holder.seenAt) <= RACE_WINDOW_MS,
    );
    const boilerplate = racingBoilerplateTest(pending.lookup, racingHolders, rules);
    const { best } = closestCopy(article.fingerprint, rivals, boilerplate, rules);
    const original = exact ?? best?.article;
    if (!original) return decision;
    await this.index.moveToCluster(article.id, original.clusterId);
    return {
      ...decision,
      verdict: 'duplicate',
      duplicateOf: original.clusterId,
      similarity: exact ? 1 : (best?.overlap.containment ?? 1),
      method: exact ? 'content-hash' : 'near-duplicate',
      clusterId: original.clusterId,
    };
  }
}

/**
 * Whether a rival that holds some of our keys stays the original. If we beat it to no key, it was recorded first
 * and does not see us. If each of us won some, both see each other and must agree: the earlier `seenAt`, then the
 * smaller id.
 */
function precedes(rival: IndexedArticle, ourId: string, ourSeenAt: number, beaten: ReadonlySet<string>): boolean {
  if (!beaten.has(rival.id)) return true;
  return rival.seenAt < ourSeenAt || (rival.seenAt === ourSeenAt && rival.id < ourId);
}

/**
 * The boilerplate test for settling a race: paragraphs are counted without the story clusters of the racing
 * holders. Racing copies of one story each found a cluster of their own for an instant, so their shared paragraphs
 * look held by several stories, the signature of site boilerplate; discounting them decides as if the racing
 * articles had come one after the other. Boilerplate seen in other stories before still counts.
 */
function racingBoilerplateTest(
  lookup: FingerprintLookup,
  racing: readonly IndexedArticle[],
  rules: DedupRules,
): BoilerplateTest {
  const racingStories = new Map<number, Set<string>>();
  for (const holder of racing) {
    for (const key of new Set(holder.fingerprint.paragraphKeys)) {
      if (!isIndexedParagraph(key)) continue;
      const clusters = racingStories.get(key) ?? new Set<string>();
      clusters.add(holder.clusterId);
      racingStories.set(key, clusters);
    }
  }
  const base = boilerplateTest(lookup, rules);
  return (key) =>
    base(key) &&
    (lookup.paragraphStories.get(key) ?? 0) - (racingStories.get(key)?.size ?? 0) >= rules.boilerplateStories;
}
