/** An index as `listIndexes` describes it (the fields retention looks at). */
export interface IndexDescription {
  name?: string;
  key: Record<string, unknown>;
  expireAfterSeconds?: number;
}

/** What to do so that `field` carries a TTL index expiring documents `expireAfterSeconds` after its date. */
export type RetentionIndexStep =
  | { kind: 'keep' }
  | { kind: 'create' }
  /** an index on the field exists with another expiry, or none (a store written before TTL retention) */
  | { kind: 'replace'; drop: string };

/** The largest expiry a TTL index takes (a signed 32-bit count of seconds). */
export const MAX_EXPIRE_AFTER_SECONDS = 2 ** 31 - 1;

/** A retention period as a TTL index's whole seconds, never less than the period. */
export function expireAfterSecondsOf(retentionMs: number): number {
  const seconds = Math.ceil(retentionMs / 1_000);
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > MAX_EXPIRE_AFTER_SECONDS) {
    throw new RangeError(`retention of ${retentionMs} ms: a TTL index takes 1 to ${MAX_EXPIRE_AFTER_SECONDS} seconds`);
  }
  return seconds;
}

/**
 * Decides how to bring the ascending index on `field` to the wanted expiry. FerretDB 2 cannot change an index's
 * expiry in place (`collMod` fails there), so a different one is dropped and created again: the same path on both
 * servers, taken only when DEDUP_RETENTION_HOURS changed or the store predates TTL retention.
 */
export function retentionIndexStep(
  existing: readonly IndexDescription[],
  field: string,
  expireAfterSeconds: number,
): RetentionIndexStep {
  const current = existing.find((index) => {
    const keys = Object.entries(index.key);
    return keys.length === 1 && keys[0][0] === field && Number(keys[0][1]) === 1;
  });
  if (!current) return { kind: 'create' };
  if (current.expireAfterSeconds === expireAfterSeconds) return { kind: 'keep' };
  return { kind: 'replace', drop: current.name ?? `${field}_1` };
}
