import type { ArticleFingerprint } from './fingerprint';
import { FingerprintArena } from './fingerprint-arena';
import {
  bandClaimKey,
  claimKeys,
  contentClaimKey,
  paragraphClaimKey,
  urlClaimKey,
  type ClaimOutcome,
  type FingerprintIndex,
  type FingerprintLookup,
  type IndexedArticle,
} from './fingerprint-index';
import {
  DEFAULT_INDEX_SHAPE,
  indexedParagraphKeys,
  rankCandidates,
  takesPosting,
  takesStory,
  unknownParagraphKeys,
  type IndexShape,
  type PostingsView,
} from './index-rules';
import { KeyPostings } from './key-postings';
import { isSettledHolder } from './race-window';

/** The caps (`IndexShape`, defaults `DEFAULT_INDEX_SHAPE`), and how many articles to size the arrays for. */
export interface InMemoryIndexOptions extends Partial<IndexShape> {
  /** pre-sizes the arrays, so filling a large index does not keep regrowing them */
  expectedArticles?: number;
}

/**
 * The fingerprint index in process memory, for the CLI, the evaluation, the benchmark and tests, with the rules of
 * index-rules.ts. Single-threaded, so its claims never race; it still reports them as the port requires. Nothing
 * is evicted: articles older than the policy window are ignored by the engine (the MongoDB index expires them with
 * TTL indexes after DEDUP_RETENTION_HOURS).
 */
export class InMemoryFingerprintIndex implements FingerprintIndex {
  private readonly arena: FingerprintArena;
  private readonly ids: string[] = [];
  private readonly sourceIds: Array<string | null> = [];
  private clusterOf: Uint32Array;
  private seenAt: Float64Array;
  private readonly latestById = new Map<string, number>();
  private readonly latestByUrl = new Map<string, number>();
  private readonly firstByUrl = new Map<string, number>();
  private readonly firstByContent = new Map<string, number>();
  private readonly bandPostings: KeyPostings;
  // one posting per (paragraph key, story cluster): its length is the number of stories holding the paragraph
  private readonly paragraphPostings: KeyPostings;
  private readonly sentencePostings: KeyPostings;
  private readonly shape: IndexShape;
  private readonly postings: PostingsView<number>;
  /** the index size when each fingerprint was looked up: holders below it were there for the lookup to find */
  private readonly sizeAtLookup = new WeakMap<ArticleFingerprint, number>();

  constructor(options: InMemoryIndexOptions = {}) {
    const expected = options.expectedArticles ?? 1024;
    this.arena = new FingerprintArena(expected);
    this.clusterOf = new Uint32Array(expected);
    this.seenAt = new Float64Array(expected);
    this.bandPostings = new KeyPostings(expected * 20);
    this.paragraphPostings = new KeyPostings(expected * 12);
    this.sentencePostings = new KeyPostings(expected * 20);
    const { expectedArticles: _sizing, ...shape } = options;
    this.shape = { ...DEFAULT_INDEX_SHAPE, ...shape };
    this.postings = {
      band: (key) => this.bandPostings.get(key),
      sentence: (key) => {
        const holders = this.sentencePostings.get(key);
        return { holders, stories: this.storiesOf(holders) };
      },
      // one posting per (paragraph, story): the holders are the stories
      paragraph: (key) => {
        const holders = this.paragraphPostings.get(key);
        return { holders, stories: holders.length };
      },
    };
  }

  get size(): number {
    return this.ids.length;
  }

  /** Bytes held in typed arrays (fingerprints and key tables); strings and maps come on top. */
  get typedArrayBytes(): number {
    return (
      this.arena.byteLength +
      this.clusterOf.byteLength +
      this.seenAt.byteLength +
      this.bandPostings.byteLength +
      this.paragraphPostings.byteLength +
      this.sentencePostings.byteLength
    );
  }

  lookup(fingerprint: ArticleFingerprint): FingerprintLookup {
    this.sizeAtLookup.set(fingerprint, this.ids.length);
    const ranked = rankCandidates(fingerprint, this.postings, this.shape, (a, b) => a - b);
    const { paragraphStories } = ranked;
    const candidates = ranked.candidates.map((ordinal) => this.article(ordinal));
    const unknown = unknownParagraphKeys(
      candidates.map((candidate) => candidate.fingerprint),
      paragraphStories,
    );
    for (const key of unknown) paragraphStories.set(key, this.paragraphPostings.get(key).length);
    const sameUrl = fingerprint.urlKey ? this.latestByUrl.get(fingerprint.urlKey) : undefined;
    const sameContent = this.firstByContent.get(fingerprint.contentHash);
    return {
      sameUrl: sameUrl === undefined ? null : this.article(sameUrl),
      sameContent: sameContent === undefined ? null : this.article(sameContent),
      candidates,
      paragraphStories,
    };
  }

  insert(article: IndexedArticle): ClaimOutcome {
    const { fingerprint } = article;
    const ordinal = this.arena.add(fingerprint);
    if (ordinal >= this.clusterOf.length) this.growOrdinals();
    this.ids.push(article.id);
    this.sourceIds.push(article.sourceId);
    this.seenAt[ordinal] = article.seenAt;
    const founder = this.latestById.get(article.clusterId);
    this.clusterOf[ordinal] = founder === undefined ? ordinal : this.clusterOf[founder];
    this.latestById.set(article.id, ordinal);

    const holders = new Set<number>();
    const wonNamed: string[] = [];
    const wonBands: number[] = [];
    const wonParagraphs: number[] = [];
    const claim = (firstHolder: number | undefined): boolean => {
      if (firstHolder === undefined || this.ids[firstHolder] === article.id) return true;
      holders.add(firstHolder);
      return false;
    };
    if (fingerprint.urlKey) {
      if (claim(this.firstByUrl.get(fingerprint.urlKey))) wonNamed.push(urlClaimKey(fingerprint.urlKey));
      if (!this.firstByUrl.has(fingerprint.urlKey)) this.firstByUrl.set(fingerprint.urlKey, ordinal);
      this.latestByUrl.set(fingerprint.urlKey, ordinal);
    }
    if (claim(this.firstByContent.get(fingerprint.contentHash)))
      wonNamed.push(contentClaimKey(fingerprint.contentHash));
    if (!this.firstByContent.has(fingerprint.contentHash)) this.firstByContent.set(fingerprint.contentHash, ordinal);

    for (const key of fingerprint.bandKeys) {
      if (claim(this.bandPostings.first(key))) wonBands.push(key);
      const posted = this.bandPostings.count(key, this.shape.maxPostingsPerBandKey);
      if (takesPosting(posted, this.shape)) this.bandPostings.add(key, ordinal);
    }
    const cluster = this.clusterOf[ordinal];
    const heldBy = (postings: readonly number[]) => postings.some((holder) => this.clusterOf[holder] === cluster);
    for (const key of new Set(fingerprint.sentenceKeys)) {
      const postings = this.sentencePostings.get(key);
      if (takesStory(this.storiesOf(postings), heldBy(postings), this.shape.maxStoriesPerSentence)) {
        this.sentencePostings.add(key, ordinal);
      }
    }
    for (const key of indexedParagraphKeys(fingerprint)) {
      const postings = this.paragraphPostings.get(key);
      if (claim(postings[0])) wonParagraphs.push(key);
      if (takesStory(postings.length, heldBy(postings), this.shape.maxStoriesPerParagraph)) {
        this.paragraphPostings.add(key, ordinal);
      }
    }
    // Holders below the size at lookup were there for the lookup to find; without a lookup, none was.
    const found = this.sizeAtLookup.get(fingerprint) ?? 0;
    const seenAt = this.seenAt;
    const rival = (holder: number) => !isSettledHolder(holder < found, seenAt[holder], article.seenAt);
    const holderArticle = (holder: number) => this.article(holder);
    let lostTo: IndexedArticle[] | null = null;
    const lost = () => (lostTo ??= [...holders].filter(rival).map(holderArticle));
    // Built only when asked: the engine reads them for unique articles, and the claim keys only to settle a race.
    return {
      get lostTo() {
        return lost();
      },
      get beaten() {
        const won = new Set([...wonNamed, ...wonBands.map(bandClaimKey), ...wonParagraphs.map(paragraphClaimKey)]);
        return lost()
          .filter((holder) => claimKeys(holder.fingerprint).some((key) => won.has(key)))
          .map((holder) => holder.id);
      },
    };
  }

  moveToCluster(id: string, clusterId: string): void {
    const ordinal = this.latestById.get(id);
    const cluster = this.latestById.get(clusterId);
    if (ordinal !== undefined && cluster !== undefined) this.clusterOf[ordinal] = this.clusterOf[cluster];
  }

  /** Distinct story clusters among `holders` (at most a key's cap of them). */
  private storiesOf(holders: readonly number[]): number {
    if (holders.length < 2) return holders.length;
    return new Set(holders.map((holder) => this.clusterOf[holder])).size;
  }

  private article(ordinal: number): IndexedArticle {
    return {
      id: this.ids[ordinal],
      clusterId: this.ids[this.clusterOf[ordinal]],
      sourceId: this.sourceIds[ordinal],
      seenAt: this.seenAt[ordinal],
      fingerprint: this.arena.get(ordinal),
    };
  }

  private growOrdinals(): void {
    const clusterOf = new Uint32Array(this.clusterOf.length * 2);
    clusterOf.set(this.clusterOf);
    this.clusterOf = clusterOf;
    const seenAt = new Float64Array(this.seenAt.length * 2);
    seenAt.set(this.seenAt);
    this.seenAt = seenAt;
  }
}
