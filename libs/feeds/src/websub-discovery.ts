import { resolveHttpUrl } from './feed-urls';

/** What a document (or a response's Link headers) advertises for WebSub: its hubs and its own URL. */
export interface WebSubLinks {
  /** absolute http(s) hub URLs, in the order given */
  hubs: string[];
  /** the topic URL the publisher names (`rel="self"`), absolute; null when not given */
  self: string | null;
}

/** The hub to subscribe to and the topic to subscribe to, as discovered for one fetched feed. */
export interface WebSubDiscovery {
  hub: string;
  topic: string;
}

export const NO_WEBSUB_LINKS: WebSubLinks = { hubs: [], self: null };

interface LinkLike {
  href?: string;
  rel?: string;
}

/** `<link rel="hub">` / `<link rel="self">` of an Atom feed, or `<atom:link>` in an RSS channel. */
export function webSubLinksOfAtomLinks(links: readonly LinkLike[] | undefined, base: string | null): WebSubLinks {
  const hubs: string[] = [];
  let self: string | null = null;
  for (const link of links ?? []) {
    const rels = relsOf(link.rel);
    const href = resolveHttpUrl(link.href, base);
    if (!href) continue;
    if (rels.includes('hub') && !hubs.includes(href)) hubs.push(href);
    if (rels.includes('self')) self ??= href;
  }
  return { hubs, self };
}

/** JSON Feed: `hubs` of type WebSub (or its old name, PubSubHubbub); `feed_url` is the topic. */
export function webSubLinksOfJsonFeed(
  feed: { hubs?: ReadonlyArray<{ type?: string; url?: string }>; feed_url?: string },
  base: string | null,
): WebSubLinks {
  const hubs: string[] = [];
  for (const hub of feed.hubs ?? []) {
    if (!/^(websub|pubsubhubbub)$/i.test(hub.type?.trim() ?? '')) continue;
    const url = resolveHttpUrl(hub.url, base);
    if (url && !hubs.includes(url)) hubs.push(url);
  }
  return { hubs, self: resolveHttpUrl(feed.feed_url, base) };
}

/**
 * RFC 8288 `Link` header values (several headers joined with commas) → rel=hub and rel=self links, resolved against
 * the response URL. Quoted parameters may hold commas and semicolons; a malformed link is skipped, never fatal.
 */
export function webSubLinksOfLinkHeader(header: string | null | undefined, base: string | null): WebSubLinks {
  if (!header) return NO_WEBSUB_LINKS;
  return webSubLinksOfAtomLinks(
    parseLinkHeader(header).flatMap((link) => link.rels.map((rel) => ({ href: link.href, rel }))),
    base,
  );
}

/** One link of a Link header: its target as written and its relation types (lower-cased). */
export interface HeaderLink {
  href: string;
  rels: string[];
}

export function parseLinkHeader(header: string): HeaderLink[] {
  const links: HeaderLink[] = [];
  let at = 0;
  while (at < header.length) {
    const open = header.indexOf('<', at);
    if (open < 0) break;
    const close = header.indexOf('>', open + 1);
    if (close < 0) break;
    const href = header.slice(open + 1, close).trim();
    const { params, end } = readParams(header, close + 1);
    links.push({ href, rels: relsOf(params.get('rel')) });
    at = end + 1;
  }
  return links;
}

/** Parameters after a link target, up to the comma that ends the link (or the end of the header). */
function readParams(header: string, from: number): { params: Map<string, string>; end: number } {
  const params = new Map<string, string>();
  let at = from;
  while (at < header.length) {
    while (at < header.length && /\s/.test(header[at])) at += 1;
    if (header[at] === ',') return { params, end: at };
    if (header[at] !== ';') {
      // Junk between links: skip to the next comma outside quotes.
      const next = header.indexOf(',', at);
      return { params, end: next < 0 ? header.length : next };
    }
    at += 1;
    const name = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*/.exec(header.slice(at));
    if (!name) continue;
    at += name[0].length;
    let value = '';
    if (header[at] === '=') {
      at += 1;
      while (at < header.length && /\s/.test(header[at])) at += 1;
      if (header[at] === '"') {
        at += 1;
        while (at < header.length && header[at] !== '"') {
          if (header[at] === '\\' && at + 1 < header.length) at += 1;
          value += header[at];
          at += 1;
        }
        at += 1;
      } else {
        const token = /^[^;,\s]*/.exec(header.slice(at))?.[0] ?? '';
        value = token;
        at += token.length;
      }
    }
    const key = name[1].toLowerCase();
    // RFC 8288: only the first occurrence of a parameter counts.
    if (!params.has(key)) params.set(key, value);
  }
  return { params, end: header.length };
}

function relsOf(rel: string | undefined): string[] {
  return (rel ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((value) => value.length > 0);
}

/**
 * The hub and topic for a fetched feed. The spec has Link headers win over the document; the topic is the
 * publisher's `rel="self"` (it must match what the hub knows), else the URL the feed was fetched from. Null when no
 * hub is advertised.
 */
export function discoverWebSub(input: {
  header: WebSubLinks;
  document: WebSubLinks | null;
  fetchedUrl: string;
}): WebSubDiscovery | null {
  const { header, document } = input;
  const links = header.hubs.length > 0 ? header : document;
  if (!links || links.hubs.length === 0) return null;
  const topic = header.self ?? document?.self ?? input.fetchedUrl;
  return { hub: links.hubs[0], topic };
}
