import { getDomain } from 'tldts';

// The sites a source owns (see libs/extraction/src/article-ownership.ts for the rule they serve): computed where the
// raw document is built (fetcher, `inkstream ingest`) and checked where the article id is derived (splitter).

/** `bbc.co.uk` for `https://feeds.bbc.co.uk/…` (public suffix list); an IP address or `localhost` stays itself. */
export function registrableDomain(host: string): string | null {
  const bare = host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (!bare) return null;
  return getDomain(bare, { allowPrivateDomains: false }) ?? bare;
}

/** The sites a source owns: its own URL's registrable domain plus the configured extra domains, lower-cased. */
export function sourceSites(sourceUrl: string | null | undefined, extraDomains: readonly string[] = []): string[] {
  const sites = new Set<string>();
  const own = sourceUrl ? httpHost(sourceUrl) : null;
  const ownSite = own ? registrableDomain(own) : null;
  if (ownSite) sites.add(ownSite);
  for (const domain of extraDomains) {
    const site = registrableDomain(domain.trim());
    if (site) sites.add(site);
  }
  return [...sites].sort();
}

/** True when `url` is an http(s) URL whose registrable domain is one of `sites`. */
export function isOwnUrl(url: string, sites: readonly string[]): boolean {
  const host = httpHost(url);
  if (!host) return false;
  const site = registrableDomain(host);
  return site !== null && sites.includes(site);
}

export function httpHost(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return parsed.hostname || null;
  } catch {
    return null;
  }
}
