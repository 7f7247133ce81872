import type { Env } from '@inkstream/config';
import { configureSentenceCache, sentenceCacheStats } from '@inkstream/nlp';
import { Counter, type Registry } from 'prom-client';
import { loadEnricherConfig } from './enricher-config';

/** At startup: the cache sized by ENRICHER_SENTENCE_CACHE (a bad value stops the service, naming it), counted. */
export function setUpSentenceCache(env: Env, registry: Registry): void {
  configureSentenceCache(loadEnricherConfig(env).ENRICHER_SENTENCE_CACHE);
  registerSentenceCacheMetrics(registry);
}

/**
 * `inkstream_enrich_sentence_cache_total{language,outcome}`: sentences answered from the tag cache (`hit`) or tagged
 * (`miss`). Read from the library's own counts (which only grow) when scraped, so tagging pays nothing for it.
 */
export function registerSentenceCacheMetrics(registry: Registry): void {
  const reported = new Map<string, number>();
  new Counter({
    name: 'inkstream_enrich_sentence_cache_total',
    help: 'Sentences whose entity tags came from the cache of recent sentences (hit) or were tagged (miss), per language',
    labelNames: ['language', 'outcome'],
    registers: [registry],
    collect() {
      for (const [language, { hits, misses }] of Object.entries(sentenceCacheStats())) {
        for (const [outcome, count] of [
          ['hit', hits],
          ['miss', misses],
        ] as const) {
          const key = `${language}/${outcome}`;
          const delta = count - (reported.get(key) ?? 0);
          if (delta > 0) this.inc({ language, outcome }, delta);
          reported.set(key, count);
        }
      }
    },
  });
}
