import type { FeedFormat } from './feed-types';
import { readProlog, type RootElement } from './xml-prolog';

const RSS1_NAMESPACE = 'http://purl.org/rss/1.0/';
const RSS090_NAMESPACE = 'http://my.netscape.com/rdf/simple/0.9/';
const ATOM03_NAMESPACE = 'http://purl.org/atom/ns#';
const JSON_FEED_VERSION = /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\/1(?:\.\d+)?\/?"/;

export type XmlFeedFormat = Exclude<FeedFormat, 'jsonfeed'>;

/** How much of a document the cheap sniffs look at: roots and JSON Feed version keys sit near the top. */
const SNIFF_CHARS = 64 * 1024;

/** The feed dialect named by the root element (or the JSON Feed version key), or null when it is not a feed. */
export function feedFormatOfRoot(root: RootElement | null): XmlFeedFormat | null {
  if (!root) return null;
  const name = root.localName.toLowerCase();
  const namespaces = Object.entries(root.attributes)
    .filter(([attribute]) => attribute === 'xmlns' || attribute.startsWith('xmlns:'))
    .map(([, value]) => value);
  if (name === 'rss') {
    // RSS 0.91–0.94 differ from 2.0 mainly in what they lack; a missing version is most often a sloppy 2.0.
    return /^0\.9/.test(root.attributes.version ?? '') ? 'rss09' : 'rss2';
  }
  if (name === 'rdf') {
    if (namespaces.includes(RSS090_NAMESPACE)) return 'rss09';
    return 'rss1';
  }
  if (name === 'feed') {
    if (namespaces.includes(ATOM03_NAMESPACE) || root.attributes.version === '0.3') return 'atom03';
    return 'atom1';
  }
  return null;
}

/** Detects the feed dialect from content; null when the text is no feed we know. */
export function detectFeedFormat(text: string): FeedFormat | null {
  const head = text
    .slice(0, SNIFF_CHARS)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('{')) return JSON_FEED_VERSION.test(head) ? 'jsonfeed' : null;
  const format = feedFormatOfRoot(readProlog(head).root);
  if (format === 'rss1' && !head.includes(RSS1_NAMESPACE) && !/<channel[\s>]/.test(head)) {
    return null; // an RDF document that is not an RSS 1.0 channel (plain RDF/XML)
  }
  return format;
}

/** Cheap sniff: an RSS/RDF/Atom root element or a JSON Feed version key. */
export function looksLikeFeed(text: string): boolean {
  return detectFeedFormat(text) !== null;
}
