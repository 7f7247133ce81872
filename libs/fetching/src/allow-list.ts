// Allow-list entries for the SSRF guard. The guard itself (libs/feeds checkFetchTarget) matches host names, IPs,
// CIDRs and `file:` prefixes, whatever the port. Origin entries (`http://127.0.0.1:4011`: scheme, host and port)
// are narrower: an allow-listed source may be reached, but a redirect from it to another port of the same host (a
// service's own API on 127.0.0.1:3001) is not. The HTTP client resolves the entries for every hop's URL.

const ORIGIN_ENTRY = /^https?:\/\//i;

/** True when the entry names an origin (`scheme://host[:port]`), not a host, CIDR or `file:` prefix. */
export function isOriginEntry(entry: string): boolean {
  return ORIGIN_ENTRY.test(entry.trim());
}

/**
 * The entries that apply to one request URL: host, CIDR and `file:` entries as they are; an origin entry becomes
 * its host name when (and only when) it is the URL's origin, and is dropped otherwise.
 */
export function allowListFor(url: URL, entries: readonly string[]): string[] {
  const applicable: string[] = [];
  for (const entry of entries) {
    if (!isOriginEntry(entry)) {
      applicable.push(entry);
      continue;
    }
    let origin: URL;
    try {
      origin = new URL(entry.trim());
    } catch {
      continue;
    }
    if (origin.origin === url.origin) applicable.push(origin.hostname.replace(/^\[(.*)\]$/, '$1'));
  }
  return applicable;
}
