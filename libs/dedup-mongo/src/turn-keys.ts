import { postingKeyIds, type ArticleFingerprint } from '@inkstream/dedup';

/**
 * The keys through which two decisions could find each other: an article finds a candidate only through a lookup
 * key (band, sentence and paragraph keys, its URL, its content hash). Decisions in one process holding any of them
 * in common take turns (`KeyLocks`), so a near-copy and its original on two partitions never each look the other up
 * before either is indexed (between replicas the index's claims settle that race: README, Known limits); the others
 * overlap. A posting key a lookup lately found full (`isSaturated`: stock text, boilerplate, a band at its cap)
 * takes no article any more, so no two decisions meet through it: it is left out, or every article holding a stock
 * sentence would wait for every other.
 */
export function turnKeys(fingerprint: ArticleFingerprint, isSaturated: (key: string) => boolean): string[] {
  const keys = postingKeyIds(fingerprint).filter((key) => !isSaturated(key));
  keys.push(`c:${fingerprint.contentHash}`);
  if (fingerprint.urlKey) keys.push(`u:${fingerprint.urlKey}`);
  return keys;
}
