import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time token comparison. Both sides are hashed first so the comparison runs over equal lengths and the
 * time taken reveals neither the token's content nor its length.
 */
export function tokensMatch(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer\s+(\S+)\s*$/i.exec(value) : null;
  return match ? match[1] : null;
}

export type AccessDecision = 'allowed' | 'missing-token' | 'wrong-token' | 'disabled';

/** Admin endpoints: only the admin token, and nothing at all when no admin token is configured. */
export function adminAccess(header: string | string[] | undefined, adminToken: string | undefined): AccessDecision {
  if (!adminToken) return 'disabled';
  const token = bearerToken(header);
  if (token === null) return 'missing-token';
  return tokensMatch(token, adminToken) ? 'allowed' : 'wrong-token';
}

/** Read endpoints: open unless a read token is configured; then the read or the admin token. */
export function readAccess(
  header: string | string[] | undefined,
  readToken: string | undefined,
  adminToken: string | undefined,
): AccessDecision {
  if (!readToken) return 'allowed';
  const token = bearerToken(header);
  if (token === null) return 'missing-token';
  // Both comparisons always run: which token matched must not show in the timing either.
  const read = tokensMatch(token, readToken);
  const admin = adminToken ? tokensMatch(token, adminToken) : false;
  return read || admin ? 'allowed' : 'wrong-token';
}
