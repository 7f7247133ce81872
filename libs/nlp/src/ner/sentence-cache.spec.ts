import { configureSentenceCache, DEFAULT_SENTENCE_CACHE, sentenceCacheStats, taggerFor } from './default-tagger';
import { SentenceTagCache, type SentenceTagger } from './sentence-cache';
import type { Tag } from './tags';

/** A tagger that counts its calls and tags capitalised words as people. */
function countingTagger(): SentenceTagger & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    tag(words: readonly string[]): Tag[] {
      calls.push(words.join(' '));
      return words.map((word) => (/^\p{Lu}/u.test(word) ? 'B-PER' : 'O'));
    },
  };
}

describe('SentenceTagCache', () => {
  it('tags a sentence seen before from memory, with the same tags', () => {
    const inner = countingTagger();
    const cache = new SentenceTagCache(inner, 10);
    const words = ['Ann', 'did', 'not', 'respond', '.'];
    const first = cache.tag(words);
    const again = cache.tag([...words]);
    expect(again).toEqual(first);
    expect(first).toEqual(['B-PER', 'O', 'O', 'O', 'O']);
    expect(inner.calls).toHaveLength(1);
    expect(cache.stats).toEqual({ hits: 1, misses: 1, size: 1 });
  });

  it('keeps words apart: a sentence is not a prefix of a longer one', () => {
    const inner = countingTagger();
    const cache = new SentenceTagCache(inner, 10);
    cache.tag(['Ann', 'left']);
    cache.tag(['Ann', 'left', 'Rome']);
    expect(inner.calls).toEqual(['Ann left', 'Ann left Rome']);
  });

  it('forgets the least recently used sentence beyond its capacity', () => {
    const inner = countingTagger();
    const cache = new SentenceTagCache(inner, 2);
    cache.tag(['a']);
    cache.tag(['b']);
    cache.tag(['a']); // a is now the most recent
    cache.tag(['c']); // evicts b
    cache.tag(['a']);
    cache.tag(['b']);
    expect(inner.calls).toEqual(['a', 'b', 'c', 'b']);
    expect(cache.stats.size).toBe(2);
  });

  it('with capacity 0 tags every sentence and remembers none', () => {
    const inner = countingTagger();
    const cache = new SentenceTagCache(inner, 0);
    cache.tag(['a']);
    cache.tag(['a']);
    expect(inner.calls).toHaveLength(2);
    expect(cache.stats.size).toBe(0);
  });

  it('refuses a capacity that is not a whole number', () => {
    expect(() => new SentenceTagCache(countingTagger(), -1)).toThrow(/capacity/);
    expect(() => new SentenceTagCache(countingTagger(), 1.5)).toThrow(/capacity/);
  });

  it('hands out tags no caller can change under the next one', () => {
    const cache = new SentenceTagCache(countingTagger(), 10);
    const tags = cache.tag(['Ann']);
    expect(Object.isFrozen(tags)).toBe(true);
  });
});

describe('the language taggers behind the cache', () => {
  afterEach(() => configureSentenceCache(DEFAULT_SENTENCE_CACHE));

  it('answers a repeated sentence from the cache with the tagger’s own tags, per language', () => {
    configureSentenceCache(100);
    const words = ['Angela', 'Merkel', 'visited', 'Paris', 'on', 'Monday', '.'];
    const english = taggerFor('en');
    const first = english?.tagger.tag(words);
    const again = taggerFor('en')?.tagger.tag(words);
    expect(again).toEqual(first);
    expect(first).toContain('B-PER');
    const before = sentenceCacheStats().en ?? { hits: 0, misses: 0 };
    taggerFor('en')?.tagger.tag(words);
    expect(sentenceCacheStats().en).toEqual({ hits: before.hits + 1, misses: before.misses, size: 1 });
  });

  it('remembers nothing once configured with 0', () => {
    configureSentenceCache(0);
    const words = ['Olaf', 'Scholz', 'sprach', 'in', 'Berlin', '.'];
    const before = sentenceCacheStats().de ?? { hits: 0, misses: 0 };
    taggerFor('de')?.tagger.tag(words);
    taggerFor('de')?.tagger.tag(words);
    expect(sentenceCacheStats().de).toEqual({ hits: before.hits, misses: before.misses + 2, size: 0 });
  });
});
