import type { ArticleFingerprint } from './fingerprint';

const NO_KEYS = new Uint32Array(0);

class GrowableArray<T extends Uint32Array | Uint16Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (size: number) => T,
  ) {}

  append(values: ArrayLike<number>): number {
    const offset = this.length;
    if (offset + values.length > this.data.length) {
      const next = this.make(Math.max(this.data.length * 2, offset + values.length));
      next.set(this.data.subarray(0, offset));
      this.data = next;
    }
    this.data.set(values, offset);
    this.length += values.length;
    return offset;
  }
}

/**
 * Fingerprints packed back to back in a few large typed arrays, addressed by ordinal: one small typed array per
 * fingerprint would cost more in object headers than the data itself.
 */
export class FingerprintArena {
  private readonly words: GrowableArray<Uint32Array>;
  private readonly halfWords: GrowableArray<Uint16Array>;
  // per ordinal: where its words start, and counts of paragraph keys and sample values
  private offsets: Uint32Array;
  private halfOffsets: Uint32Array;
  private paragraphCounts: Uint16Array;
  private sampleCounts: Uint16Array;
  private numberCounts: Uint8Array;
  private shifts: Uint8Array;
  private shingleCounts: Uint32Array;
  private readonly urlKeys: Array<string | null> = [];
  private readonly contentHashes: string[] = [];
  private bands = -1;
  count = 0;

  constructor(expectedArticles = 1024) {
    this.words = new GrowableArray(new Uint32Array(expectedArticles * 144), (n) => new Uint32Array(n));
    this.halfWords = new GrowableArray(new Uint16Array(expectedArticles * 112), (n) => new Uint16Array(n));
    this.offsets = new Uint32Array(expectedArticles);
    this.halfOffsets = new Uint32Array(expectedArticles);
    this.paragraphCounts = new Uint16Array(expectedArticles);
    this.sampleCounts = new Uint16Array(expectedArticles);
    this.numberCounts = new Uint8Array(expectedArticles);
    this.shifts = new Uint8Array(expectedArticles);
    this.shingleCounts = new Uint32Array(expectedArticles);
  }

  get byteLength(): number {
    const perOrdinal =
      this.offsets.byteLength +
      this.halfOffsets.byteLength +
      this.paragraphCounts.byteLength +
      this.sampleCounts.byteLength +
      this.numberCounts.byteLength +
      this.shifts.byteLength +
      this.shingleCounts.byteLength;
    return this.words.data.byteLength + this.halfWords.data.byteLength + perOrdinal;
  }

  add(fingerprint: ArticleFingerprint): number {
    if (this.bands < 0) this.bands = fingerprint.bandKeys.length;
    if (fingerprint.bandKeys.length !== this.bands && fingerprint.bandKeys.length !== 0) {
      throw new Error(`every fingerprint in one index needs ${this.bands} band keys`);
    }
    const ordinal = this.count++;
    if (ordinal >= this.offsets.length) this.growOrdinals();
    const bandKeys = fingerprint.bandKeys.length === 0 ? new Uint32Array(this.bands) : fingerprint.bandKeys;
    const paragraphs = fingerprint.paragraphKeys.slice(0, 0xffff);
    const sampleValues = fingerprint.sample.values.slice(0, 0xffff);
    this.offsets[ordinal] = this.words.append(bandKeys);
    this.words.append(paragraphs);
    this.words.append(sampleValues);
    const numbers = fingerprint.numberKeys.subarray(0, 0xff);
    this.words.append(numbers);
    this.numberCounts[ordinal] = numbers.length;
    this.halfOffsets[ordinal] = this.halfWords.append(fingerprint.sample.paragraphOf.subarray(0, sampleValues.length));
    this.paragraphCounts[ordinal] = paragraphs.length;
    this.sampleCounts[ordinal] = sampleValues.length;
    this.shifts[ordinal] = fingerprint.sample.shift;
    this.shingleCounts[ordinal] = fingerprint.shingleCount;
    this.urlKeys.push(fingerprint.urlKey);
    this.contentHashes.push(fingerprint.contentHash);
    return ordinal;
  }

  /** A view of a stored fingerprint (shares memory with the arena: read it, don't keep it across inserts). */
  get(ordinal: number): ArticleFingerprint {
    const start = this.offsets[ordinal];
    const paragraphs = this.paragraphCounts[ordinal];
    const samples = this.sampleCounts[ordinal];
    const sampleStart = start + this.bands + paragraphs;
    const halfStart = this.halfOffsets[ordinal];
    return {
      urlKey: this.urlKeys[ordinal],
      contentHash: this.contentHashes[ordinal],
      bandKeys: this.words.data.subarray(start, start + this.bands),
      paragraphKeys: this.words.data.subarray(start + this.bands, sampleStart),
      // Sentence keys live in the index's postings only: a stored fingerprint is never looked up by them.
      sentenceKeys: NO_KEYS,
      numberKeys: this.words.data.subarray(sampleStart + samples, sampleStart + samples + this.numberCounts[ordinal]),
      sample: {
        values: this.words.data.subarray(sampleStart, sampleStart + samples),
        paragraphOf: this.halfWords.data.subarray(halfStart, halfStart + samples),
        shift: this.shifts[ordinal],
      },
      shingleCount: this.shingleCounts[ordinal],
    };
  }

  private growOrdinals(): void {
    const size = this.offsets.length * 2;
    const grow = <T extends Uint32Array | Uint16Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.offsets = grow(this.offsets, (n) => new Uint32Array(n));
    this.halfOffsets = grow(this.halfOffsets, (n) => new Uint32Array(n));
    this.paragraphCounts = grow(this.paragraphCounts, (n) => new Uint16Array(n));
    this.sampleCounts = grow(this.sampleCounts, (n) => new Uint16Array(n));
    this.numberCounts = grow(this.numberCounts, (n) => new Uint8Array(n));
    this.shifts = grow(this.shifts, (n) => new Uint8Array(n));
    this.shingleCounts = grow(this.shingleCounts, (n) => new Uint32Array(n));
  }
}
