import { parseAtomFeed, parseJsonFeed, parseRdfFeed, parseRssFeed } from 'feedsmith';
import { FeedParseError } from './feed-parse-error';
import { feedFormatOfRoot, type XmlFeedFormat } from './feed-format';
import type { ParsedFeed, ParseFeedOptions } from './feed-types';
import { mapAtom } from './map-atom';
import { mapJsonFeed } from './map-json-feed';
import { mapRdf, mapRss } from './map-rss';
import { MAX_XML_CHARS, readProlog, type RootElement } from './xml-prolog';
import { webSubLinksOfAtomLinks, webSubLinksOfJsonFeed } from './websub-discovery';

export { looksLikeFeed } from './feed-format';

/**
 * Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed 1.x, detected from content. feedsmith reads the
 * format-faithful structure (namespaces included); we normalise it: plain-text titles, UTC ISO dates, absolute
 * URLs, one enclosure list. Throws FeedParseError, never anything else.
 */
export function parseFeed(text: string, options: ParseFeedOptions = {}): ParsedFeed {
  if (text.length > MAX_XML_CHARS) {
    throw new FeedParseError(`feed too large: ${text.length} characters, the limit is ${MAX_XML_CHARS}`);
  }
  const baseUrl = options.baseUrl ?? null;
  const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{')) return parseJson(trimmed, baseUrl, maxItems);
  return parseXml(trimmed, baseUrl, maxItems);
}

/** The first `max` entries of a list feedsmith parsed, and how many it had. */
function firstEntries<T>(entries: T[] | undefined, max: number): { kept: T[] | undefined; listed: number } {
  const listed = entries?.length ?? 0;
  return { kept: listed > max ? entries?.slice(0, max) : entries, listed };
}

function parseJson(text: string, baseUrl: string | null, maxItems: number): ParsedFeed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FeedParseError(`not a feed: invalid JSON (${errorMessage(error)})`);
  }
  const version = typeof value === 'object' && value !== null ? (value as { version?: unknown }).version : undefined;
  if (typeof version !== 'string' || !/jsonfeed\.org\/version\/1/.test(version)) {
    throw new FeedParseError('not a feed: JSON document without a JSON Feed 1.x "version" key');
  }
  try {
    const feed = parseJsonFeed(value);
    const { kept, listed } = firstEntries(feed.items, maxItems);
    return {
      format: 'jsonfeed',
      ...mapJsonFeed({ ...feed, items: kept }, baseUrl),
      itemsListed: listed,
      websub: webSubLinksOfJsonFeed(feed, baseUrl),
    };
  } catch (error) {
    throw new FeedParseError(`cannot parse JSON Feed (${version}): ${errorMessage(error)}`);
  }
}

function parseXml(text: string, baseUrl: string | null, maxItems: number): ParsedFeed {
  const prolog = readProlog(text);
  const { root } = prolog;
  if (!root) {
    const why = text.startsWith('<') ? 'no well-formed root element start tag' : 'the text does not start with markup';
    throw new FeedParseError(`not a feed: ${why} (first characters: ${JSON.stringify(text.slice(0, 40))})`);
  }
  const format = feedFormatOfRoot(root);
  if (!format) {
    throw new FeedParseError(
      `not a feed: root element <${root.name}> at line ${root.line} is not <rss>, <rdf:RDF> or <feed>`,
    );
  }
  try {
    return { format, ...mapXmlFeed(format, root, prolog.text, baseUrl, maxItems) };
  } catch (error) {
    throw new FeedParseError(
      `cannot parse ${format} feed (root <${root.name}> at line ${root.line}): ${errorMessage(error)}`,
    );
  }
}

function mapXmlFeed(format: XmlFeedFormat, root: RootElement, xml: string, baseUrl: string | null, maxItems: number) {
  // RSS 0.90 is RDF-based; 0.91–0.94 are <rss> documents.
  const rdf = format === 'rss1' || (format === 'rss09' && root.localName.toLowerCase() === 'rdf');
  if (format === 'atom1' || format === 'atom03') {
    const feed = parseAtomFeed(xml);
    const { kept, listed } = firstEntries(feed.entries, maxItems);
    return {
      ...mapAtom({ ...feed, entries: kept }, baseUrl),
      itemsListed: listed,
      websub: webSubLinksOfAtomLinks(feed.links, baseUrl),
    };
  }
  if (rdf) {
    const feed = parseRdfFeed(xml);
    const { kept, listed } = firstEntries(feed.items, maxItems);
    return {
      ...mapRdf({ ...feed, items: kept }, baseUrl),
      itemsListed: listed,
      websub: webSubLinksOfAtomLinks(feed.atom?.links, baseUrl),
    };
  }
  const feed = parseRssFeed(xml);
  const { kept, listed } = firstEntries(feed.items, maxItems);
  return {
    ...mapRss({ ...feed, items: kept }, baseUrl),
    itemsListed: listed,
    websub: webSubLinksOfAtomLinks(feed.atom?.links, baseUrl),
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
