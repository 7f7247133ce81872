import { createHash, randomUUID } from 'node:crypto';

/** A stable id from its parts: the same input always yields the same id, so re-processing upserts rather than adds. */
export function stableId(prefix: string, ...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return `${prefix}_${hash.digest('hex').slice(0, 32)}`;
}

/** A W3C trace id (32 lowercase hex digits from a random UUID), so the same id names the OpenTelemetry trace. */
export function newTraceId(): string {
  return randomUUID().replace(/-/g, '');
}

const W3C_TRACE_ID = /^(?!0{32})[0-9a-f]{32}$/;

/** Whether a traceId can be an OpenTelemetry trace id as it is (ids from before, or from other producers, may not). */
export function isW3cTraceId(traceId: string): boolean {
  return W3C_TRACE_ID.test(traceId);
}
