import { getDomain } from 'tldts';

// The sites a source is registered for, and the site a URL belongs to: the terms of the ownership rule
// (./ownership.ts, docs/reliability.md "Who owns an article"). Computed where the raw document is built (fetcher,
// `inkstream ingest`) and checked where the article id is derived (splitter) and by the audit.

/**
 * `bbc.co.uk` for `feeds.bbc.co.uk` (public suffix list, private suffixes included: `a.github.io` and `b.github.io`
 * are two owners); an IP address, `localhost` or a single-label host stays itself.
 */
export function registrableDomain(host: string): string | null {
  const bare = host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (!bare) return null;
  return getDomain(bare, { allowPrivateDomains: true }) ?? bare;
}

/** An http(s) URL parsed by WHATWG rules (surrounding space ignored); null for anything else or no URL at all. */
export function parseHttpUrl(text: string): URL | null {
  let parsed: URL;
  try {
    parsed = new URL(text.trim());
  } catch {
    return null;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
}

/**
 * The site an http(s) URL belongs to: its registrable domain, plus its port when that is not the scheme's default
 * (`127.0.0.1:8002`). Another port of one host is another server, so another owner: two allow-listed test outlets on
 * one loopback address must not own each other's URLs. Null for anything but http(s).
 */
export function siteOf(url: string): string | null {
  const parsed = parseHttpUrl(url);
  if (!parsed) return null;
  const domain = registrableDomain(parsed.hostname);
  if (!domain) return null;
  // WHATWG URL leaves `port` empty for the scheme's default port.
  return parsed.port ? `${domain}:${parsed.port}` : domain;
}

/**
 * The sites a source is registered for: its own URL's site plus the configured extra domains (default ports),
 * lower-cased and sorted. A drop folder or `inkstream ingest` (file: URL) is registered for none.
 */
export function sourceSites(sourceUrl: string | null | undefined, extraDomains: readonly string[] = []): string[] {
  const sites = new Set<string>();
  const own = sourceUrl ? siteOf(sourceUrl) : null;
  if (own) sites.add(own);
  for (const domain of extraDomains) {
    const site = registrableDomain(domain.trim());
    if (site) sites.add(site);
  }
  return [...sites].sort();
}
