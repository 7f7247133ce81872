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

/** Paths every service answers without a token: probes and Prometheus must not need the admin secret. */
export const OPEN_OPS_PATHS: ReadonlySet<string> = new Set(['/health', '/metrics']);

interface MinimalRequest {
  path?: string;
  url?: string;
  headers: { authorization?: string | string[] };
}
interface MinimalResponse {
  status(code: number): { json(body: unknown): void };
}

/**
 * Express middleware for a service's own HTTP API (the fetcher's `/sources`, …): everything but /health and
 * /metrics needs `Authorization: Bearer <GATEWAY_ADMIN_TOKEN>`, the gateway's admin token; with no token configured
 * those endpoints answer 503, never open. The gateway's API has guards of its own (read and admin tokens).
 * `openPrefixes` are paths callers reach without the token because they authenticate otherwise (the fetcher's
 * WebSub callback: hubs sign what they send).
 */
export function opsAuthMiddleware(adminToken: string | undefined, openPrefixes: readonly string[] = []) {
  return (request: MinimalRequest, response: MinimalResponse, next: () => void): void => {
    const path = request.path ?? (request.url ?? '/').split('?')[0];
    if (OPEN_OPS_PATHS.has(path) || isUnderOpenPrefix(path, openPrefixes)) return next();
    const decision = adminAccess(request.headers.authorization, adminToken);
    if (decision === 'allowed') return next();
    if (decision === 'disabled') {
      response.status(503).json({
        statusCode: 503,
        message: 'this service’s API is disabled: set GATEWAY_ADMIN_TOKEN to enable it',
      });
      return;
    }
    response.status(401).json({
      statusCode: 401,
      message: `${decision === 'missing-token' ? 'missing' : 'wrong'} token: send Authorization: Bearer <GATEWAY_ADMIN_TOKEN>`,
    });
  };
}

/** Under an open prefix, with no dot segment that could lead a router out of it. */
function isUnderOpenPrefix(path: string, prefixes: readonly string[]): boolean {
  return !/(^|\/)\.\.?(\/|$)/.test(decodeURIComponentSafe(path)) && prefixes.some((prefix) => path.startsWith(prefix));
}

function decodeURIComponentSafe(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
