export { Deduplicator, type DeduplicatorOptions } from './deduplicator';
export type { DedupOutcome } from './dedup-outcome';
export * from './fingerprint-store';
export { MongoFingerprintIndex } from './mongo-fingerprint-index';
