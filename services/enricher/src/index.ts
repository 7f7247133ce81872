export { enricherService, enricherServiceFor } from './enricher.definition';
export { toEnrichedArticle } from './to-enriched';
