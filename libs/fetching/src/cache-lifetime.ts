/**
 * How long the response stays fresh by its own headers, in seconds (RFC 9111 §4.2.1): `Cache-Control: max-age`,
 * else `Expires` minus `Date` (or minus `now` when the server sent no Date). null when the response says nothing,
 * forbids caching (`no-store`, `no-cache`) or is already stale: no hint then, not "poll at once".
 */
export function cacheLifetimeSeconds(
  headers: { cacheControl: string | null; expires: string | null; date: string | null },
  now: Date,
): number | null {
  const directives = (headers.cacheControl ?? '')
    .split(',')
    .map((directive) => directive.trim().toLowerCase())
    .filter((directive) => directive !== '');
  if (directives.some((directive) => directive === 'no-store' || directive === 'no-cache')) return null;
  const maxAge = directives.find((directive) => directive.startsWith('max-age='));
  if (maxAge) return positiveSeconds(Number(maxAge.slice('max-age='.length).replace(/"/g, '')));
  if (!headers.expires) return null;
  const expires = Date.parse(headers.expires);
  const served = headers.date ? Date.parse(headers.date) : Number.NaN;
  const from = Number.isFinite(served) ? served : now.getTime();
  return Number.isFinite(expires) ? positiveSeconds((expires - from) / 1000) : null;
}

function positiveSeconds(seconds: number): number | null {
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds) : null;
}
