/** Bumped whenever enrichment output can change (model retrained, rules changed), so stores can re-enrich. */
export const ENRICHMENT_VERSION = 'nlp-1.0.0';
