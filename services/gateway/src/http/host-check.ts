import { isIP } from 'node:net';
import type { NextFunction, Request, Response } from 'express';

/**
 * One GATEWAY_ALLOWED_HOSTS entry: a host name (`news.example.org`), a suffix for its subdomains (`.example.org`),
 * or `*` (any Host: for a gateway behind a proxy that already checks it).
 */
export const ALLOWED_HOST_ENTRY =
  /^(\*|\.?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*)$/i;

/** The host name of a Host header, lower-cased, without its port; IPv6 literals keep no brackets. */
export function hostNameOf(header: string): string {
  const value = header.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(1, value.indexOf(']') > 0 ? value.indexOf(']') : undefined);
  return value.replace(/:\d*$/, '').replace(/\.$/, '');
}

/**
 * Whether a request's Host header names this gateway. A page on another site can make a browser talk to a gateway
 * on loopback or a private network through a host name its attacker controls (DNS rebinding); checking the name
 * defeats that. IP literals are always accepted: a rebinding attack needs a name, and probes and scrapers (kubelet,
 * Prometheus) call by address.
 */
export function hostAllowed(header: string | undefined, allowed: readonly string[]): boolean {
  if (allowed.includes('*')) return true;
  if (!header) return false;
  const name = hostNameOf(header);
  if (isIP(name) !== 0) return true;
  return allowed.some((entry) => {
    const expected = entry.toLowerCase();
    return expected.startsWith('.') ? name.endsWith(expected) && name.length > expected.length : name === expected;
  });
}

/** Answers 421 to a request whose Host is not one the gateway is reached by, before anything else reads it. */
export function hostCheckMiddleware(allowed: readonly string[]) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (hostAllowed(request.headers.host, allowed)) return next();
    response.status(421).json({
      statusCode: 421,
      error: 'Misdirected Request',
      message:
        `Host ${JSON.stringify(request.headers.host ?? '')} is not a name this gateway answers to ` +
        '(GATEWAY_ALLOWED_HOSTS)',
    });
  };
}
