// Fills the deduplicator's store fast with what the deduplicator would have written for a stream of articles decided
// one after another: a fingerprint per article (posted under its lookup keys within libs/dedup's caps), a claim per
// key nobody held in the claim's generation (two generations near a generation's end), and the decision. Deciding
// through the real store costs ~20 ms of CPU per article on this machine (100,000 articles: over half an hour); here
// each article is decided by the in-memory index, which applies the same rules
// (services/deduplicator/test/mongo-fingerprint-index.int.spec.ts checks that both decide alike), and the records are
// inserted in batches.
import { ARTICLE_SCHEMA_VERSION, identityUrlOf, stableId, type ArticleCandidate } from '@inkstream/contracts';
import {
  claimKeys,
  DEFAULT_INDEX_SHAPE,
  DedupEngine,
  encodeFingerprint,
  fingerprintArticle,
  InMemoryFingerprintIndex,
  isSpentClaimGeneration,
  postingKeyIds,
  type DedupArticle,
} from '@inkstream/dedup';
import {
  claimCollectionOf,
  claimGenerationOfCollection,
  claimPlacementsAt,
  claimRecordOf,
  decisionId,
  ownStory,
  postingKeysFor,
  storedDecision,
  withoutRepeatedParagraphs,
  type ClaimRecord,
  type DecisionRecord,
  type FingerprintRecord,
  type FingerprintStamp,
} from '@inkstream/dedup-mongo';
import { foldForComparison, splitText } from '@inkstream/extraction';
import { duplicateKeyFailures } from '@inkstream/persistence';
import { mongo } from 'mongoose';
import { urlOf } from './harness';
import type { StreamArticle } from './stream-corpus';

const BATCH = 1_000;
const INSERT_BATCH = 5_000;

/**
 * A stream article as the splitter hands it on once it has learned the source's boilerplate (a line seen in three
 * of its documents): split by the splitter's own text splitter, without the source's follow and copyright lines
 * and a copy's credit line.
 */
export function candidateOf(article: StreamArticle): ArticleCandidate {
  const learned = [
    `Follow ${article.sourceId} for the latest updates.`,
    `Copyright ${article.sourceId} 2026. All rights reserved.`,
    `Distributed by ${article.sourceId}.`,
  ];
  const [split] = splitText(article.text, { dropLines: new Set(learned.map(foldForComparison)) }).articles;
  if (!split) throw new Error(`bench article ${article.key}: the splitter found no article in it`);
  const { title, blocks, paragraphs, headings, body } = split;
  const url = urlOf(article);
  const now = new Date().toISOString();
  return {
    schemaVersion: ARTICLE_SCHEMA_VERSION,
    id: stableId('art', article.sourceId, url),
    traceId: `trace-${article.key}`,
    sourceId: article.sourceId,
    source: { id: article.sourceId, name: article.sourceId, domain: `${article.sourceId}.bench.example` },
    url,
    canonicalUrl: null,
    title: title ?? article.title,
    standfirst: null,
    paragraphs,
    headings,
    blocks,
    body,
    byline: null,
    authors: [],
    publishedAt: null,
    modifiedAt: null,
    fetchedAt: now,
    dateline: null,
    language: 'en',
    leadImage: null,
    section: null,
    tags: [],
    kind: 'article',
    partial: false,
    rawDocumentId: stableId('raw', article.sourceId, url),
    position: 0,
    extractedAt: now,
  };
}

/** What the deduplicator judges of a candidate: its text without the paragraphs it repeats of itself. */
function dedupArticleOf(input: ArticleCandidate): DedupArticle {
  const { candidate } = withoutRepeatedParagraphs(input);
  return {
    id: candidate.id,
    title: candidate.title,
    body: candidate.body,
    url: identityUrlOf(candidate),
    sourceId: candidate.sourceId,
  };
}

interface Batch {
  fingerprints: FingerprintRecord[];
  /** by claim generation */
  claims: Map<number, ClaimRecord[]>;
  decisions: DecisionRecord[];
}

/** What the fill wrote, by collection. */
export interface FillCounts {
  fingerprints: number;
  claims: number;
  decisions: number;
  /** documents a retried insert found already written by its first attempt (identical, so accepted) */
  retriedDuplicates: number;
  /** candidates left out because an earlier one had the same article id (see `add`) */
  repeatedIds: number;
  /** claims not written because an article the pipeline decided holds the key in that generation (see `claim`) */
  heldByPipeline: number;
}

export class DedupFill {
  private readonly engine = new DedupEngine(new InMemoryFingerprintIndex({ expectedArticles: 1 << 17 }));
  /** who is posted under each lookup key, as the store would hold it (for the caps) */
  private readonly posted = new Map<string, FingerprintStamp[]>();
  /** the keys claimed in each claim generation not yet spent */
  private readonly claimed = new Map<number, Set<string>>();
  readonly written: FillCounts = {
    fingerprints: 0,
    claims: 0,
    decisions: 0,
    retriedDuplicates: 0,
    repeatedIds: 0,
    heldByPipeline: 0,
  };
  /** every article id decided here or learned from the pipeline */
  private readonly decidedIds = new Set<string>();
  /** the articles the real deduplicator decided (learned without writing): their claims are in the store already */
  private readonly decidedByPipeline = new Set<string>();
  /**
   * Whether each article decided here was stored as its own (not a duplicate), by candidate id: the rules alone, in
   * order, with no concurrency, which the bench sets beside what the pipeline did.
   */
  readonly storedAlone = new Map<string, boolean>();

  /**
   * `clock`: the time the store is read at next (epoch ms); claims of generations spent by then
   * (`isSpentClaimGeneration`) are not written, as the deduplicator's sweep would have dropped them.
   */
  constructor(
    private readonly db: mongo.Db,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Decides `candidates` in order at `seenAt(i)` (epoch ms) and, with `write`, inserts what the deduplicator would
   * have written. Without it only this fill's memory learns them: articles the real deduplicator just decided.
   * Returns the candidates decided: one whose article id was decided before is left out. Two documents can hold an
   * article with one id (a text split in two whose first part is the same, ids coming from the text): the
   * deduplicator decides that article once and the store keeps one record of it, and a second insert of its
   * fingerprint would be a key written twice.
   */
  async add(
    candidates: readonly ArticleCandidate[],
    seenAt: (index: number) => number,
    write = true,
  ): Promise<ArticleCandidate[]> {
    const decided: ArticleCandidate[] = [];
    // One batch is inserted while the next is decided: the two use different cores.
    let inserting: Promise<void> = Promise.resolve();
    for (let start = 0; start < candidates.length; start += BATCH) {
      const batch: Batch = { fingerprints: [], claims: new Map(), decisions: [] };
      for (const [offset, candidate] of candidates.slice(start, start + BATCH).entries()) {
        if (this.decidedIds.has(candidate.id)) {
          this.written.repeatedIds += 1;
          continue;
        }
        this.decidedIds.add(candidate.id);
        if (!write) this.decidedByPipeline.add(candidate.id);
        decided.push(candidate);
        batch.fingerprints.push(await this.decide(candidate, seenAt(start + offset), batch));
      }
      await inserting;
      if (write) inserting = this.write(batch);
    }
    await inserting;
    return decided;
  }

  private async write(batch: Batch): Promise<void> {
    const now = this.clock();
    const claims = [...batch.claims].filter(([generation]) => !isSpentClaimGeneration(generation, now));
    const heldBefore = this.written.heldByPipeline;
    await Promise.all([
      this.insert('dedup_fingerprints', batch.fingerprints),
      ...claims.map(([generation, records]) => this.insert(claimCollectionOf(generation), records)),
      this.insert('dedup_decisions', batch.decisions),
    ]);
    this.written.fingerprints += batch.fingerprints.length;
    // Claims found held by the pipeline's articles were not written.
    this.written.claims +=
      claims.reduce((sum, [, records]) => sum + records.length, 0) - (this.written.heldByPipeline - heldBefore);
    this.written.decisions += batch.decisions.length;
  }

  private async decide(
    candidate: ArticleCandidate,
    at: number,
    { claims, decisions }: Batch,
  ): Promise<FingerprintRecord> {
    const article = dedupArticleOf(candidate);
    const fingerprint = fingerprintArticle(article);
    const decision = ownStory(await this.engine.process(article, at, fingerprint));
    this.storedAlone.set(article.id, decision.verdict !== 'duplicate');
    const seenAt = new Date(at);
    const keys = postingKeyIds(fingerprint);
    const postedHere = new Map(keys.map((key) => [key, this.posted.get(key) ?? []]));
    const stamp: FingerprintStamp = {
      _id: article.id,
      clusterId: decision.clusterId,
      seenAt,
      urlKey: fingerprint.urlKey,
      contentHash: fingerprint.contentHash,
      postingKeys: postingKeysFor(fingerprint, decision.clusterId, postedHere, DEFAULT_INDEX_SHAPE),
    };
    for (const key of stamp.postingKeys) {
      const holders = this.posted.get(key);
      if (holders) holders.push(stamp);
      else this.posted.set(key, [stamp]);
    }
    this.claim(article.id, claimKeys(fingerprint), at, claims);
    decisions.push({
      _id: decisionId(article.id, candidate.rawDocumentId),
      ...storedDecision(decision, seenAt.toISOString()),
      createdAt: seenAt,
    });
    return {
      ...stamp,
      sourceId: article.sourceId ?? null,
      rawDocumentId: candidate.rawDocumentId,
      fingerprint: encodeFingerprint(fingerprint),
    };
  }

  /**
   * The claims `FingerprintStore.claim` makes at `at`: each key nobody held yet, in each generation it claims in.
   * Articles learned from the pipeline are remembered at the time they are learned, not at the instants the real
   * deduplicator claimed (which may fall in the generation before): a key one of them holds in a generation this
   * memory did not place it in is found at insert (`acceptRetried`) and left as it is, as a claim would have found it.
   */
  private claim(holder: string, keys: readonly string[], at: number, claims: Map<number, ClaimRecord[]>): void {
    for (const { generation, alsoIn } of claimPlacementsAt(at)) {
      let held = this.claimed.get(generation);
      if (!held) {
        held = new Set();
        this.claimed.set(generation, held);
        for (const old of this.claimed.keys()) if (isSpentClaimGeneration(old, at)) this.claimed.delete(old);
      }
      const records = claims.get(generation) ?? [];
      for (const key of keys) {
        if (held.has(key)) continue;
        held.add(key);
        records.push(claimRecordOf(holder, key, alsoIn));
      }
      claims.set(generation, records);
    }
  }

  private async insert<T extends { _id: string }>(collection: string, documents: T[]): Promise<void> {
    // FerretDB takes at most 25,000 writes per command; a thousand articles' claims are about that many.
    for (let start = 0; start < documents.length; start += INSERT_BATCH) {
      const batch = documents.slice(start, start + INSERT_BATCH);
      try {
        await this.db
          .collection<T>(collection)
          .insertMany(batch as unknown as mongo.OptionalUnlessRequiredId<T>[], { ordered: false });
      } catch (error) {
        await this.acceptRetried(collection, batch, error);
      }
    }
  }

  /**
   * The driver retries a write that timed out or lost its connection; a server that wrote the batch but does not
   * recognise the retry (whether FerretDB 2 does was not checked) makes it meet its own documents. Those are what
   * this fill meant to write, and claims held by an article the pipeline decided are what a claim finds (`claim`);
   * anything else (a key written twice with other content, another error) is the fill's fault.
   */
  private async acceptRetried<T extends { _id: string }>(
    collection: string,
    batch: readonly T[],
    error: unknown,
  ): Promise<void> {
    const failures = duplicateKeyFailures(error);
    if (!failures) throw error;
    const meant = failures.map((failure) => batch[failure.index]);
    const ids = meant.map((document) => document._id);
    const stored = new Map(
      (
        await this.db
          .collection<{ _id: string; holder?: unknown }>(collection)
          .find({ _id: { $in: ids } })
          .toArray()
      ).map((document) => [document._id, document]),
    );
    const heldByPipeline = meant.filter((document) => this.heldByPipeline(collection, stored.get(document._id)));
    const differing = meant.filter(
      (document) => !heldByPipeline.includes(document) && !sameDocument(stored.get(document._id), document),
    );
    if (differing.length > 0) {
      throw new Error(
        `dedup fill: ${differing.length} of ${batch.length} ${collection} documents are already stored with other ` +
          `content (first: ${differing
            .slice(0, 3)
            .map((document) => document._id)
            .join(', ')}); the fill wrote a key twice`,
        { cause: error },
      );
    }
    this.written.heldByPipeline += heldByPipeline.length;
    this.written.retriedDuplicates += meant.length - heldByPipeline.length;
  }

  /** A claim the real deduplicator made: a key held before the fill's article came (`claim`). */
  private heldByPipeline(collection: string, stored: { holder?: unknown } | undefined): boolean {
    return (
      claimGenerationOfCollection(collection) !== null &&
      typeof stored?.holder === 'string' &&
      this.decidedByPipeline.has(stored.holder)
    );
  }
}

function sameDocument(stored: object | undefined, meant: object): boolean {
  return (
    stored !== undefined && Buffer.from(mongo.BSON.serialize(stored)).equals(Buffer.from(mongo.BSON.serialize(meant)))
  );
}
