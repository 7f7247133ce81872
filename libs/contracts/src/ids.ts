import { createHash, randomUUID } from 'node:crypto';

/** A stable id from its parts: the same input always yields the same id, so re-processing upserts rather than adds. */
export function stableId(prefix: string, ...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return `${prefix}_${hash.digest('hex').slice(0, 32)}`;
}

export function newTraceId(): string {
  return randomUUID().replace(/-/g, '');
}
