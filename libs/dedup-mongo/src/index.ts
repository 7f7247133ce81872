export { withoutRepeatedParagraphs } from './clean-candidate';
export { Deduplicator, type DeduplicatorOptions } from './deduplicator';
export { decisionFrom, outcomeFor, ownStory, storedDecision, type DedupOutcome } from './dedup-outcome';
export { postingKeysFor } from './stamp-postings';
export * from './fingerprint-store';
export { MongoFingerprintIndex } from './mongo-fingerprint-index';
export { claimCollectionOf, claimGenerationOfCollection, LEGACY_CLAIMS_COLLECTION } from './claim-collections';
export type { HeldClaim } from './claim-outcome';
