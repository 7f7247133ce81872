/**
 * Fingerprint of the committed NER models (English with the word clusters it reads, then beyond English) and the
 * organisation and given-name gazetteers (FNV-1a of each model's buckets and weights, of the clusters, and of each
 * gazetteer's names; version.spec.ts recomputes
 * them): retraining changes it, and the spec fails until it is updated here, so a new model never ships under the
 * old version.
 */
export const NER_MODEL_VERSION = 'ner-7260fdda-clusters-518f7dfa-org-6aa3d425-multi-ac5b8e91-names-1fa64daa';

/**
 * Bumped whenever enrichment output can change (model retrained, rules changed), so stores can re-enrich
 * (`inkstream reenrich` selects articles whose enrichmentVersion differs). Carries the model fingerprint so each
 * article says which model tagged it.
 */
export const ENRICHMENT_VERSION = `nlp-1.5.0+${NER_MODEL_VERSION}`;
