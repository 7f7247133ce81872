import { CLAIM_GENERATION_MS, claimGenerationStart } from '@inkstream/dedup';

/** Where claims lived before they moved into generations: one collection, each claim dated and expired by a TTL index. */
export const LEGACY_CLAIMS_COLLECTION = 'dedup_claims';

const PREFIX = `${LEGACY_CLAIMS_COLLECTION}_`;
const NAME = /^dedup_claims_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z$/;

/**
 * The collection of a claim generation (libs/dedup's claim-generations.ts), named by when it begins in UTC
 * (`dedup_claims_20261207T0910Z`), so an operator reads its age from the name.
 */
export function claimCollectionOf(generation: number): string {
  const start = new Date(claimGenerationStart(generation)).toISOString();
  return `${PREFIX}${start.slice(0, 16).replace(/[-:]/g, '')}Z`;
}

/** The generation a collection holds the claims of, or null when it is no claim generation's collection. */
export function claimGenerationOfCollection(name: string): number | null {
  const match = NAME.exec(name);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const start = Date.UTC(year, month - 1, day, hour, minute);
  return start % CLAIM_GENERATION_MS === 0 ? start / CLAIM_GENERATION_MS : null;
}
