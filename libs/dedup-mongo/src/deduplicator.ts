import { identityUrlOf, type ArticleCandidate } from '@inkstream/contracts';
import {
  DedupEngine,
  fingerprintArticle,
  KeyLocks,
  MAX_LOOKUP_TO_CLAIM_MS,
  type ArticleFingerprint,
  type DedupArticle,
  type DedupDecision,
  type DedupPolicy,
} from '@inkstream/dedup';
import { setTimeout as sleep } from 'node:timers/promises';
import { withoutRepeatedParagraphs } from './clean-candidate';
import { decisionKeyOf, planDelivery } from './delivery';
import { decisionFrom, joinStory, outcomeFor, ownStory, storedDecision, type DedupOutcome } from './dedup-outcome';
import type { IndexedRecord, StoredDecision } from './fingerprint-records';
import type { FingerprintStore } from './fingerprint-store';
import type { MongoFingerprintIndex } from './mongo-fingerprint-index';
import { turnKeys } from './turn-keys';

export interface DeduplicatorOptions {
  /**
   * An article found indexed with this text but no decision, first seen less than this ago, is probably being
   * decided by another replica right now (a partition handed over mid-message): wait for that decision rather than
   * decide twice. Older, it is a crash's leftover and is decided again.
   */
  decisionWaitMs: number;
  clock: () => number;
}

/** What `decide` is told of a delivery besides the article. */
interface DecisionInput {
  articleId: string;
  /** the raw document the decision is recorded for */
  rawDocumentId: string;
  /** this document's fingerprint, indexed by an attempt that never recorded its decision */
  leftover: IndexedRecord | null;
  /** when the lookup was read ahead (`MongoFingerprintIndex.readAhead`), or null when it reads anew */
  lookedUpAt: number | null;
}

const POLL_MS = 100;
/** founders followed at most when settling a story (a chain longer than one needs two races in a row) */
const MAX_HOPS = 3;
/** attempts at a decision that keeps outlasting `MAX_LOOKUP_TO_CLAIM_MS` before the message is failed */
const MAX_ATTEMPTS = 3;

/**
 * One article candidate in, its outcome out: repeats removed, decided against the fingerprint index (races with
 * other replicas settled by the index's claims), decision recorded per (id, raw document), the first one standing.
 * Idempotent: a document is decided once (`planDelivery`): a redelivery, or the same raw document split again
 * with another text, reuses the recorded decision and time, so it publishes the same verdict; an article that
 * crashed before its decision was recorded is decided again at its first time, never against itself. The same id
 * in another document with another text (the article id follows the canonical URL) is an edit: decided anew,
 * against its previous version.
 */
export class Deduplicator {
  private readonly options: DeduplicatorOptions;
  /** Decisions that could find each other take turns: see `lockKeys`. */
  private readonly locks = new KeyLocks();

  constructor(
    private readonly store: FingerprintStore,
    private readonly index: MongoFingerprintIndex,
    private readonly policy: DedupPolicy,
    options: Partial<DeduplicatorOptions> = {},
  ) {
    this.options = { decisionWaitMs: 5_000, clock: Date.now, ...options };
  }

  async process(input: ArticleCandidate): Promise<DedupOutcome> {
    const { candidate, repeatedParagraphsRemoved } = withoutRepeatedParagraphs(input);
    const article = dedupArticleOf(candidate);
    const fingerprint = fingerprintArticle(article);
    // The turn is taken before the first await, so candidates of one partition are decided in offset order.
    const turn = this.locks.take(turnKeys(fingerprint, (key) => this.index.isSaturated(key)));
    let final: StoredDecision;
    try {
      await turn.ready;
      // A decision is recorded only after the article's fingerprint is indexed. Whether it is, is read with the
      // lookup's reads: a new article (most of them) or an edit costs no read of its own, a redelivery one or two.
      const lookedUpAt = this.options.clock();
      const prior = await this.index.readAhead(fingerprint, candidate.id);
      const plan = planDelivery(prior, {
        rawDocumentId: candidate.rawDocumentId,
        contentHash: fingerprint.contentHash,
      });
      const recorded = prior ? await this.store.findDecision(candidate.id, plan.decisionKey) : null;
      const standing =
        recorded ?? (prior && plan.repeatsPrior ? await this.awaitDecision(prior, plan.decisionKey) : null);
      if (standing) {
        final = standing;
      } else {
        const pending = await this.decide(article, fingerprint, {
          articleId: candidate.id,
          rawDocumentId: plan.document,
          leftover: plan.repeatsPrior ? prior : null,
          // what was read ahead serves the first lookup when it leaves no crashed attempt out
          lookedUpAt: plan.repeatsPrior ? null : lookedUpAt,
        });
        // Indexed: a later decision can find this article now. Settling and recording need no turn.
        turn.release();
        final = await this.record(article.id, plan.document, pending);
      }
    } finally {
      turn.release();
    }
    const { decision, checkedAt } = decisionFrom(candidate.id, final);
    // Repeats the splitter already dropped (a text dump printing a body twice) count as removed here too.
    const removed = repeatedParagraphsRemoved + (input.repeatedBlocksRemoved ?? 0);
    return outcomeFor(candidate, decision, checkedAt, removed);
  }

  /**
   * Decides and indexes the article, in its turn. `leftover`: this document's fingerprint, indexed by an attempt
   * that never recorded its decision (decided again at its first time, never against itself). A decision slower
   * than `MAX_LOOKUP_TO_CLAIM_MS` from its lookup to its claims may have outlived a rival's claims (their generation dropped):
   * it is taken again in the same way, its lookup now seeing what was indexed meanwhile.
   */
  private async decide(
    article: DedupArticle,
    fingerprint: ArticleFingerprint,
    { articleId, rawDocumentId, leftover, lookedUpAt }: DecisionInput,
  ): Promise<{ decision: DedupDecision; now: number }> {
    const { clock } = this.options;
    const now = leftover ? new Date(leftover.seenAt).getTime() : clock();
    for (let attempt = 1; ; attempt += 1) {
      const index = this.index.forDelivery({
        articleId,
        rawDocumentId,
        repeatsPrior: leftover !== null || attempt > 1,
      });
      // The first lookup may have been read ahead (`readAhead`): its time runs from then.
      const startedAt = attempt === 1 && lookedUpAt !== null ? lookedUpAt : clock();
      const decision = await new DedupEngine(index, this.policy).process(article, now, fingerprint);
      const took = clock() - startedAt;
      if (took <= MAX_LOOKUP_TO_CLAIM_MS) return { decision, now };
      if (attempt === MAX_ATTEMPTS) {
        throw new Error(
          `article ${articleId}: each of ${attempt} attempts took over ${MAX_LOOKUP_TO_CLAIM_MS} ms from lookup to ` +
            `claims (the last ${took} ms); a decision that slow cannot rely on its rivals' claims: retried later`,
        );
      }
    }
  }

  private async record(
    id: string,
    document: string,
    { decision, now }: { decision: DedupDecision; now: number },
  ): Promise<StoredDecision> {
    const settled = ownStory(await this.settleStory(decision));
    return this.store.recordDecision(id, document, storedDecision(settled, new Date(now).toISOString()));
  }

  /**
   * A copy may have been judged against an article that was still being decided (its founder, looking unique, in
   * a race with another copy). Wait for the founder's final decision and follow it to the story's original, so
   * `duplicateOf` never names a copy; the index records the corrected placement.
   */
  private async settleStory(decision: DedupDecision): Promise<DedupDecision> {
    let settled = decision;
    for (let hop = 0; hop < MAX_HOPS && settled.clusterId !== settled.articleId; hop++) {
      const [founder] = await this.store.findFingerprints([settled.clusterId]);
      const final = founder ? await this.awaitDecision(founder, decisionKeyOf(founder), true) : null;
      if (!final || final.clusterId === settled.clusterId) break;
      settled = joinStory(settled, final.clusterId);
    }
    if (settled.clusterId !== decision.clusterId) await this.index.moveToCluster(settled.articleId, settled.clusterId);
    return settled;
  }

  /**
   * Polls for the decision of an article being decided (here or by another replica); null once it looks abandoned.
   * `checkFirst` for an article that is usually decided already.
   */
  private async awaitDecision(
    prior: IndexedRecord,
    decisionKey: string,
    checkFirst = false,
  ): Promise<StoredDecision | null> {
    const deadline = new Date(prior.seenAt).getTime() + this.options.decisionWaitMs;
    if (checkFirst) {
      const recorded = await this.store.findDecision(prior._id, decisionKey);
      if (recorded) return recorded;
    }
    while (this.options.clock() < deadline) {
      await sleep(POLL_MS);
      const recorded = await this.store.findDecision(prior._id, decisionKey);
      if (recorded) return recorded;
    }
    return null;
  }
}

/** What the dedup engine looks at: the URL only when the article holds its identity (the owner's text). */
function dedupArticleOf(candidate: ArticleCandidate): DedupArticle {
  return {
    id: candidate.id,
    title: candidate.title,
    body: candidate.body,
    url: identityUrlOf(candidate),
    sourceId: candidate.sourceId,
  };
}
