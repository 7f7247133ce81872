import type { OriginLimits } from './origin-limiter';

export type OriginLimitsParse = { ok: true; limits: Map<string, OriginLimits> } | { ok: false; error: string };

/**
 * Reads per-origin and per-host politeness overrides: comma-separated `key=concurrency/intervalMs` entries, where
 * the key is an origin (`https://news.example:8443`, scheme and host, the port when not the default) or a bare host
 * (`news.example`, every origin of that host). Keys are normalised the way `URL` spells them, so they match
 * `url.origin` and `url.hostname` at lookup.
 */
export function parseOriginLimits(text: string): OriginLimitsParse {
  const limits = new Map<string, OriginLimits>();
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const match = /^(.+)=(\d+)\/(\d+)$/.exec(entry);
    if (!match) return { ok: false, error: `${JSON.stringify(entry)} is not key=concurrency/intervalMs` };
    const key = normaliseKey(match[1].trim());
    if (key === null) {
      return { ok: false, error: `${JSON.stringify(match[1])} is neither an http(s) origin nor a host name` };
    }
    const maxConcurrent = Number(match[2]);
    if (maxConcurrent < 1) return { ok: false, error: `${JSON.stringify(entry)}: concurrency must be at least 1` };
    if (limits.has(key)) return { ok: false, error: `${JSON.stringify(key)} is listed twice` };
    limits.set(key, { maxConcurrent, minIntervalMs: Number(match[3]) });
  }
  return { ok: true, limits };
}

function normaliseKey(key: string): string | null {
  if (key.includes('://')) {
    try {
      const url = new URL(key);
      const bare = url.pathname === '/' && !url.search && !url.hash && !url.username;
      return bare && (url.protocol === 'http:' || url.protocol === 'https:') ? url.origin : null;
    } catch {
      return null;
    }
  }
  try {
    const url = new URL(`http://${key}`);
    return url.host === key.toLowerCase() && !url.port ? url.hostname : null;
  } catch {
    return null;
  }
}
