import { configureSentenceCache, DEFAULT_SENTENCE_CACHE, sentenceCacheStats, taggerFor } from '@inkstream/nlp';
import { Registry } from 'prom-client';
import { registerSentenceCacheMetrics, setUpSentenceCache } from './sentence-cache-metrics';

describe('registerSentenceCacheMetrics', () => {
  afterEach(() => configureSentenceCache(DEFAULT_SENTENCE_CACHE));

  it('counts sentences answered from the cache and sentences tagged, per language, across a new cache', async () => {
    configureSentenceCache(100);
    const registry = new Registry();
    registerSentenceCacheMetrics(registry);
    const words = ['Rishi', 'Sunak', 'spoke', 'in', 'London', '.'];
    for (let i = 0; i < 3; i++) taggerFor('en')?.tagger.tag(words);
    const scraped = await registry.metrics();
    expect(scraped).toContain('inkstream_enrich_sentence_cache_total{language="en",outcome="hit"} 2');
    expect(scraped).toContain('inkstream_enrich_sentence_cache_total{language="en",outcome="miss"} 1');
    // A new cache starts empty; the counts go on from where they were.
    configureSentenceCache(100);
    taggerFor('en')?.tagger.tag(words);
    const later = await registry.metrics();
    expect(later).toContain('inkstream_enrich_sentence_cache_total{language="en",outcome="hit"} 2');
    expect(later).toContain('inkstream_enrich_sentence_cache_total{language="en",outcome="miss"} 2');
  });

  it('sizes the cache from ENRICHER_SENTENCE_CACHE at startup', async () => {
    const registry = new Registry();
    setUpSentenceCache({ ENRICHER_SENTENCE_CACHE: '2' }, registry);
    const before = sentenceCacheStats().en ?? { hits: 0, misses: 0 };
    const tagger = taggerFor('en')?.tagger;
    for (const name of ['Ann', 'Bob', 'Cyd', 'Ann']) tagger?.tag([name, 'spoke', '.']);
    // Two sentences fit: Ann was forgotten when Cyd came, so all four were tagged.
    expect(sentenceCacheStats().en).toEqual({ hits: before.hits, misses: before.misses + 4, size: 2 });
    expect(await registry.metrics()).toContain(
      `inkstream_enrich_sentence_cache_total{language="en",outcome="miss"} ${before.misses + 4}`,
    );
    expect(() => setUpSentenceCache({ ENRICHER_SENTENCE_CACHE: 'many' }, new Registry())).toThrow(
      /ENRICHER_SENTENCE_CACHE/,
    );
  });
});
