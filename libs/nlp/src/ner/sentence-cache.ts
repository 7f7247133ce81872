import type { Tag } from './tags';

/** Anything that tags one sentence's words (the perceptron tagger, or a cache in front of it). */
export interface SentenceTagger {
  tag(words: readonly string[]): readonly Tag[];
}

/** Sentences answered from a cache, sentences tagged, and sentences held now. */
export interface SentenceCacheCounts {
  readonly hits: number;
  readonly misses: number;
  readonly size: number;
}

/**
 * Remembers the tags of recent sentences, least recently used first out. News repeats itself: stock sentences ("did
 * not respond to a request for comment"), the background paragraphs of follow-ups, agency boilerplate, the edited
 * version of a story fetched again. Tagging is a pure function of a sentence's words for one tagger, so a repeat is
 * a lookup instead of a decoding (about a tenth of a millisecond per sentence). Bounded by `capacity` sentences, so a
 * long-running enricher's memory does not grow with what it has seen.
 */
export class SentenceTagCache implements SentenceTagger {
  private readonly entries = new Map<string, readonly Tag[]>();
  private hitCount = 0;
  private missCount = 0;

  constructor(
    private readonly tagger: SentenceTagger,
    private readonly capacity: number,
  ) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new Error(`cache capacity must be a whole number ≥ 0`);
  }

  tag(words: readonly string[]): readonly Tag[] {
    if (this.capacity === 0) {
      this.missCount++;
      return this.tagger.tag(words);
    }
    // Unambiguous because the tokenizer never yields a token holding whitespace.
    const key = words.join(' ');
    const known = this.entries.get(key);
    if (known) {
      this.hitCount++;
      // Refreshed: a Map iterates in insertion order, so the first key is always the least recently used.
      this.entries.delete(key);
      this.entries.set(key, known);
      return known;
    }
    this.missCount++;
    const tags = Object.freeze([...this.tagger.tag(words)]);
    this.entries.set(key, tags);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return tags;
  }

  /** Sentences answered from the cache and sentences tagged, since the cache was made. */
  get stats(): SentenceCacheCounts {
    return { hits: this.hitCount, misses: this.missCount, size: this.entries.size };
  }
}
