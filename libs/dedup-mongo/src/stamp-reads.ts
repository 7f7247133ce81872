import type { FingerprintStamp, StampQuery } from './fingerprint-records';

/**
 * Concurrent lookups' first reads (`FingerprintStore.findStamps`) as one: the union of what each asks, and each
 * lookup's share of the answer. Pure, so the split is tested without a database.
 */

/** What one read for several lookups asks: articles posted under any key of any, or with any URL or text of any. */
export interface CombinedStampQuery {
  postingKeys: string[];
  urlKeys: string[];
  contentHashes: string[];
}

export function combineStampQueries(queries: readonly StampQuery[]): CombinedStampQuery {
  const postingKeys = new Set<string>();
  const urlKeys = new Set<string>();
  const contentHashes = new Set<string>();
  for (const query of queries) {
    for (const key of query.postingKeys) postingKeys.add(key);
    if (query.urlKey) urlKeys.add(query.urlKey);
    if (query.contentHash !== undefined) contentHashes.add(query.contentHash);
  }
  return { postingKeys: [...postingKeys], urlKeys: [...urlKeys], contentHashes: [...contentHashes] };
}

/**
 * One lookup's share of a combined read: the articles its own query finds, each with only its own asked keys among
 * `postingKeys` (the combined read returned those of every lookup), exactly what a read of its own would return.
 */
export function stampsFor(query: StampQuery, stamps: readonly FingerprintStamp[]): FingerprintStamp[] {
  const asked = new Set(query.postingKeys);
  const found: FingerprintStamp[] = [];
  for (const stamp of stamps) {
    const postingKeys = stamp.postingKeys.filter((key) => asked.has(key));
    const matches =
      postingKeys.length > 0 ||
      (Boolean(query.urlKey) && stamp.urlKey === query.urlKey) ||
      (query.contentHash !== undefined && stamp.contentHash === query.contentHash);
    if (matches) found.push({ ...stamp, postingKeys });
  }
  return found;
}
