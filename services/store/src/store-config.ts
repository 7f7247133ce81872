import { loadConfig, type Env } from '@inkstream/config';
import { DEFAULT_SEARCH_SCOPE, SEARCH_SCOPES } from '@inkstream/persistence';
import { z } from 'zod';

/** Store-only variables; the common ones (ports, Kafka, MongoDB) come from the runtime's config. */
export const storeShape = {
  /**
   * What full-text search covers besides the title: `story` (standfirst, lede, summary, and the entities, places and
   * keywords of the whole text) or `body` (every word). The store owns the text index and rebuilds it when this
   * changes (docs: README, "Search scope").
   */
  ARTICLE_SEARCH_SCOPE: z
    .enum(SEARCH_SCOPES, { message: `must be one of ${SEARCH_SCOPES.join(', ')}` })
    .default(DEFAULT_SEARCH_SCOPE),
};

export type StoreConfig = ReturnType<typeof loadStoreConfig>;

export function loadStoreConfig(source: Env = process.env) {
  return loadConfig(storeShape, source);
}
