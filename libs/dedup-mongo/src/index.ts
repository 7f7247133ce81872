export { withoutRepeatedParagraphs } from './clean-candidate';
export { Deduplicator, type DeduplicatorOptions } from './deduplicator';
export { decisionFrom, outcomeFor, ownStory, storedDecision, type DedupOutcome } from './dedup-outcome';
export { postingKeysFor } from './stamp-postings';
export * from './fingerprint-store';
export { MongoFingerprintIndex } from './mongo-fingerprint-index';
