import { ConfigError } from '@inkstream/config';
import { DEFAULT_SENTENCE_CACHE } from '@inkstream/nlp';
import { loadEnricherConfig } from './enricher-config';

describe('loadEnricherConfig', () => {
  it('remembers the default number of sentences unless told otherwise, 0 for none', () => {
    expect(loadEnricherConfig({}).ENRICHER_SENTENCE_CACHE).toBe(DEFAULT_SENTENCE_CACHE);
    expect(loadEnricherConfig({ ENRICHER_SENTENCE_CACHE: '0' }).ENRICHER_SENTENCE_CACHE).toBe(0);
    expect(loadEnricherConfig({ ENRICHER_SENTENCE_CACHE: '50000' }).ENRICHER_SENTENCE_CACHE).toBe(50_000);
  });

  it('names the variable when the size is not a whole number of sentences', () => {
    expect(() => loadEnricherConfig({ ENRICHER_SENTENCE_CACHE: '-1' })).toThrow(ConfigError);
    expect(() => loadEnricherConfig({ ENRICHER_SENTENCE_CACHE: 'lots' })).toThrow(/ENRICHER_SENTENCE_CACHE/);
  });
});
