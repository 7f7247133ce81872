import type { NextFunction, Request, Response } from 'express';

/** CORS response headers for one request, or null when the origin is not allowed (the browser then blocks it). */
export function corsHeaders(origin: string | undefined, allowed: string[]): Record<string, string> | null {
  if (!origin || allowed.length === 0) return null;
  const any = allowed.includes('*');
  if (!any && !allowed.includes(origin)) return null;
  return {
    // A listed origin is echoed (with Vary) so caches never serve one origin's answer to another.
    'Access-Control-Allow-Origin': any ? '*' : origin,
    ...(any ? {} : { Vary: 'Origin' }),
    'Access-Control-Allow-Methods': 'GET,POST,PATCH,DELETE,OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization,Content-Type,Last-Event-ID',
    'Access-Control-Max-Age': '600',
  };
}

export function corsMiddleware(allowed: string[]) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const headers = corsHeaders(request.headers.origin, allowed);
    if (headers) response.set(headers);
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      response.status(headers ? 204 : 403).end();
      return;
    }
    next();
  };
}

/** A larger body limit for some paths (bulk adds and imports), named by its variable in the refusal. */
export interface BodyLimitException {
  paths: readonly string[];
  maxBytes: number;
  variable: string;
}

/**
 * Refuses bodies over the limit from their declared length, before anything reads them; chunked bodies without a
 * length are still capped by the JSON parser's own limit.
 */
export function bodyLimitMiddleware(maxBytes: number, larger?: BodyLimitException) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const length = Number(request.headers['content-length'] ?? 0);
    const path = request.path.replace(/\/+$/, '');
    const [limit, variable] =
      larger && larger.paths.includes(path) ? [larger.maxBytes, larger.variable] : [maxBytes, 'GATEWAY_MAX_BODY_BYTES'];
    if (length > limit) {
      response.status(413).json({
        statusCode: 413,
        error: 'Payload Too Large',
        message: `request body of ${length} bytes is over the limit of ${limit} (${variable})`,
      });
      return;
    }
    next();
  };
}

/** Headers every answer carries: no MIME sniffing of JSON as HTML, no referrer leaking ids to other sites. */
export function securityHeadersMiddleware() {
  return (_request: Request, response: Response, next: NextFunction): void => {
    response.set({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
    response.removeHeader('X-Powered-By');
    next();
  };
}
