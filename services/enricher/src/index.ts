export { enricherService } from './enricher.definition';
export { toEnrichedArticle } from './to-enriched';
