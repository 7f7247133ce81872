import { isIndexedParagraph, type ArticleFingerprint } from './fingerprint';
import { FingerprintArena } from './fingerprint-arena';
import {
  bandClaimKey,
  contentClaimKey,
  paragraphClaimKey,
  urlClaimKey,
  type ClaimOutcome,
  type FingerprintIndex,
  type FingerprintLookup,
  type IndexedArticle,
} from './fingerprint-index';
import { KeyPostings } from './key-postings';

export interface InMemoryIndexOptions {
  /** pre-sizes the arrays, so filling a large index does not keep regrowing them */
  expectedArticles?: number;
  /** a band or sentence key shared by more articles stops taking new ones: past this it is noise, not a signal */
  maxPostingsPerBandKey?: number;
  /** a paragraph held by this many story clusters is boilerplate: it stops taking new ones and finds no candidates */
  maxStoriesPerParagraph?: number;
  /** candidates sharing the most keys come first; the rest are not returned */
  maxCandidates?: number;
  /** fewer shared keys, none of them a sentence or paragraph, is a chance collision (`MIN_SHARED_KEYS`) */
  minSharedKeys?: number;
}

/**
 * Keys an article must share with another to be a candidate, unless one of them is a sentence or a paragraph (an
 * exact text match). One shared band is what unrelated articles with a few common phrases produce by chance, ever
 * more often as the index grows (with 20 bands of 2 rows, a pair at Jaccard 0.05 shares one with probability
 * ~5 %); a real copy shares many bands (at 0.6, seven on average) or some of its text. Two keys keeps the copies
 * and makes the candidates, and what they cost to read and verify, stop growing with the index.
 */
export const MIN_SHARED_KEYS = 2;

/**
 * The fingerprint index in process memory, for the CLI, the evaluation, the benchmark and tests. Single-threaded,
 * so its claims never race; it still reports them as the port requires. Nothing is evicted: articles older than
 * the policy window are ignored by the engine, and a long-running store drops them (MongoDB: a TTL index).
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
  private readonly maxPostingsPerBandKey: number;
  private readonly maxStoriesPerParagraph: number;
  private readonly maxCandidates: number;
  private readonly minSharedKeys: number;

  constructor(options: InMemoryIndexOptions = {}) {
    const expected = options.expectedArticles ?? 1024;
    this.arena = new FingerprintArena(expected);
    this.clusterOf = new Uint32Array(expected);
    this.seenAt = new Float64Array(expected);
    this.bandPostings = new KeyPostings(expected * 20);
    this.paragraphPostings = new KeyPostings(expected * 12);
    this.sentencePostings = new KeyPostings(expected * 20);
    this.maxPostingsPerBandKey = options.maxPostingsPerBandKey ?? 32;
    this.maxStoriesPerParagraph = options.maxStoriesPerParagraph ?? 8;
    this.maxCandidates = options.maxCandidates ?? 48;
    this.minSharedKeys = options.minSharedKeys ?? MIN_SHARED_KEYS;
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
    const sharedKeys = new Map<number, number>();
    // Sharing a sentence or a paragraph is an exact text match, never a chance collision: a candidate whatever
    // the count (see MIN_SHARED_KEYS).
    const sharedText = new Set<number>();
    const count = (ordinal: number) => sharedKeys.set(ordinal, (sharedKeys.get(ordinal) ?? 0) + 1);
    const countText = (ordinal: number) => {
      count(ordinal);
      sharedText.add(ordinal);
    };
    for (const key of fingerprint.bandKeys) for (const ordinal of this.bandPostings.get(key)) count(ordinal);
    for (const key of fingerprint.sentenceKeys)
      for (const ordinal of this.sentencePostings.get(key)) countText(ordinal);
    const paragraphStories = new Map<number, number>();
    for (const key of new Set(fingerprint.paragraphKeys)) {
      if (!isIndexedParagraph(key)) continue;
      const holders = this.paragraphPostings.get(key);
      paragraphStories.set(key, holders.length);
      if (holders.length < this.maxStoriesPerParagraph) for (const ordinal of holders) countText(ordinal);
    }
    const candidateOrdinals = [...sharedKeys.entries()]
      .filter(([ordinal, shared]) => shared >= this.minSharedKeys || sharedText.has(ordinal))
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, this.maxCandidates)
      .map(([ordinal]) => ordinal);
    const candidates = candidateOrdinals.map((ordinal) => this.article(ordinal));
    for (const candidate of candidates) {
      for (const key of candidate.fingerprint.paragraphKeys) {
        if (isIndexedParagraph(key) && !paragraphStories.has(key))
          paragraphStories.set(key, this.paragraphPostings.get(key).length);
      }
    }
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
      if (this.bandPostings.count(key, this.maxPostingsPerBandKey) < this.maxPostingsPerBandKey) {
        this.bandPostings.add(key, ordinal);
      }
    }
    for (const key of fingerprint.sentenceKeys) {
      if (this.sentencePostings.count(key, this.maxPostingsPerBandKey) < this.maxPostingsPerBandKey) {
        this.sentencePostings.add(key, ordinal);
      }
    }
    const cluster = this.clusterOf[ordinal];
    for (const key of new Set(fingerprint.paragraphKeys)) {
      if (!isIndexedParagraph(key)) continue;
      const postings = this.paragraphPostings.get(key);
      if (claim(postings[0])) wonParagraphs.push(key);
      const storyKnown = postings.some((holder) => this.clusterOf[holder] === cluster);
      if (!storyKnown && postings.length < this.maxStoriesPerParagraph) this.paragraphPostings.add(key, ordinal);
    }
    const holderArticle = (holder: number) => this.article(holder);
    let lostTo: IndexedArticle[] | null = null;
    // Built only when asked: the engine reads them for unique articles, and the claim keys only to settle a race.
    return {
      get lostTo() {
        lostTo ??= [...holders].map(holderArticle);
        return lostTo;
      },
      get won() {
        return [...wonNamed, ...wonBands.map(bandClaimKey), ...wonParagraphs.map(paragraphClaimKey)];
      },
    };
  }

  moveToCluster(id: string, clusterId: string): void {
    const ordinal = this.latestById.get(id);
    const cluster = this.latestById.get(clusterId);
    if (ordinal !== undefined && cluster !== undefined) this.clusterOf[ordinal] = this.clusterOf[cluster];
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
