export { canonicalizeUrl, urlKey } from './canonical-url';
export { contentHash } from './content-hash';
export { normaliseText, splitParagraphs, tokenise } from './text-normalise';
export { lshBandKeys, lshCollisionProbability, minHashSignature, type LshShape } from './minhash';
export {
  DEFAULT_FINGERPRINT_SETTINGS,
  fingerprintArticle,
  isIndexedParagraph,
  type ArticleFingerprint,
  type DedupArticle,
  type FingerprintSettings,
} from './fingerprint';
export type { ShingleSample } from './shingle-sample';
export { measureOverlap, type BoilerplateTest, type Overlap } from './overlap';
export {
  removeRepeatedParagraphs,
  type RepeatedParagraphsOptions,
  type RepeatedParagraphsResult,
} from './repeated-paragraphs';
export {
  bandClaimKey,
  claimKeys,
  contentClaimKey,
  paragraphClaimKey,
  urlClaimKey,
  type ClaimOutcome,
  type FingerprintIndex,
  type FingerprintLookup,
  type IndexedArticle,
  type MaybePromise,
} from './fingerprint-index';
export { InMemoryFingerprintIndex, type InMemoryIndexOptions } from './in-memory-fingerprint-index';
export {
  bandKeyId,
  DEFAULT_INDEX_SHAPE,
  indexedParagraphKeys,
  MIN_SHARED_KEYS,
  paragraphKeyId,
  postingKeyIds,
  rankCandidates,
  sentenceKeyId,
  STOCK_SENTENCE_STORIES,
  takesPosting,
  takesStory,
  unknownParagraphKeys,
  type IndexShape,
  type PostedStories,
  type PostingsView,
  type RankedCandidates,
} from './index-rules';
export { isSettledHolder, MAX_LOOKUP_TO_CLAIM_MS, RACE_WINDOW_MS } from './race-window';
export {
  CLAIM_CLOCK_SKEW_MS,
  CLAIM_GENERATION_MS,
  CLAIM_OVERLAP_MS,
  claimGenerationOf,
  claimGenerationsAt,
  claimGenerationStart,
  isSpentClaimGeneration,
} from './claim-generations';
export { decodeFingerprint, encodeFingerprint, type StoredFingerprint } from './fingerprint-codec';
export { KeyLocks, type KeyTurn } from './key-locks';
export { DEFAULT_SATURATED_KEYS_LIMITS, SaturatedKeys, type SaturatedKeysLimits } from './saturated-keys';
export { DEFAULT_DEDUP_POLICY, rulesFor, type DedupPolicy, type DedupRules } from './dedup-policy';
export type { DedupDecision, DedupMethod, DedupVerdict } from './dedup-decision';
export { judge, verifyCopy, type JudgedArticle } from './judge';
export { DedupEngine, decide, type PendingDecision } from './dedup-engine';
