import { env, loadConfig, type Env } from '@inkstream/config';
import { DEFAULT_SENTENCE_CACHE } from '@inkstream/nlp';

/** Enricher-only variables; the common ones (ports, Kafka) come from the runtime's config. */
export const enricherShape = {
  /**
   * Recent sentences whose entity tags are remembered per language (0: none). News repeats stock sentences and
   * background paragraphs; a repeat costs a lookup instead of a tagging. About 1 KB per sentence.
   */
  ENRICHER_SENTENCE_CACHE: env.nonNegativeInt(DEFAULT_SENTENCE_CACHE),
};

export type EnricherConfig = ReturnType<typeof loadEnricherConfig>;

export function loadEnricherConfig(source: Env = process.env) {
  return loadConfig(enricherShape, source);
}
