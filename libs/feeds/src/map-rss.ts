import type { RdfFeed, RssFeed } from 'feedsmith';
import { distinctTexts } from './distinct';
import { toIsoUtc } from './feed-dates';
import { mediaCandidates, toEnclosures } from './feed-enclosures';
import { nonEmpty, toPlainText } from './feed-text';
import type { FeedItem, ParsedFeed } from './feed-types';
import { childBase, resolveHttpUrl } from './feed-urls';
import { feedPollHints } from './poll-hints';

type RssItem = RssFeed.Item<string>;
type RdfItem = RdfFeed.Item<string>;

/** RSS 0.9x and 2.0 share one element vocabulary; 0.9x simply lacks guid, pubDate and enclosure most of the time. */
export function mapRss(
  feed: RssFeed.Feed<string>,
  baseUrl: string | null,
): Omit<ParsedFeed, 'format' | 'itemsListed' | 'websub'> {
  const channelBase = childBase(feed.xml?.base, baseUrl);
  const link = resolveHttpUrl(feed.link, channelBase) ?? alternateAtomLink(feed.atom?.links, channelBase);
  // Relative item links are resolved against xml:base when the channel sets one, else the site link, else the
  // fetched URL: item paths in RSS are written relative to the site, not to the feed file.
  const itemParentBase = feed.xml?.base ? channelBase : (link ?? baseUrl);
  return {
    feed: {
      title: toPlainText(feed.title),
      link,
      description: nonEmpty(feed.description),
      language: nonEmpty(feed.language ?? feed.dc?.languages?.[0] ?? feed.xml?.lang),
      updatedAt: toIsoUtc(feed.lastBuildDate ?? feed.pubDate ?? feed.dc?.dates?.[0] ?? feed.atom?.updated),
    },
    pollHints: feedPollHints({ ttl: feed.ttl, sy: feed.sy }),
    items: (feed.items ?? []).map((item) => mapRssItem(item, childBase(item.xml?.base, itemParentBase))),
  };
}

/** RSS 1.0 (RDF): the same mapping, with Dublin Core carrying dates and authors. */
export function mapRdf(
  feed: RdfFeed.Feed<string>,
  baseUrl: string | null,
): Omit<ParsedFeed, 'format' | 'itemsListed' | 'websub'> {
  const channelBase = childBase(feed.xml?.base, baseUrl);
  const link = resolveHttpUrl(feed.link, channelBase);
  const itemParentBase = feed.xml?.base ? channelBase : (link ?? baseUrl);
  return {
    feed: {
      title: toPlainText(feed.title),
      link,
      description: nonEmpty(feed.description),
      language: nonEmpty(feed.dc?.languages?.[0] ?? feed.xml?.lang),
      updatedAt: toIsoUtc(feed.dc?.dates?.[0] ?? feed.dcterms?.modified?.[0]),
    },
    pollHints: feedPollHints({ sy: feed.sy }),
    items: (feed.items ?? []).map((item) => mapRdfItem(item, childBase(item.xml?.base, itemParentBase))),
  };
}

function mapRssItem(item: RssItem, base: string | null): FeedItem {
  const guid = nonEmpty(item.guid?.value);
  // RSS says a guid is a permalink unless isPermaLink="false"; only trust it as a link when it is an absolute URL.
  const guidLink = guid && item.guid?.isPermaLink !== false ? resolveHttpUrl(guid, null) : null;
  return {
    guid,
    url: resolveHttpUrl(item.link, base) ?? guidLink ?? alternateAtomLink(item.atom?.links, base),
    title: toPlainText(item.title ?? item.dc?.titles?.[0]),
    author: rssAuthor(item),
    publishedAt: toIsoUtc(item.pubDate ?? item.dc?.dates?.[0] ?? item.dcterms?.issued?.[0] ?? item.atom?.published),
    updatedAt: toIsoUtc(item.atom?.updated ?? item.dcterms?.modified?.[0]),
    summary: nonEmpty(item.description) ?? nonEmpty(item.itunes?.summary),
    content: nonEmpty(item.content?.encoded),
    categories: distinctTexts([
      ...(item.categories ?? []).map((category) => category.name),
      ...(item.dc?.subjects ?? []),
    ]),
    enclosures: toEnclosures([...(item.enclosures ?? []), ...mediaCandidates(item.media)], base),
  };
}

function mapRdfItem(item: RdfItem, base: string | null): FeedItem {
  return {
    guid: nonEmpty(item.rdf?.about),
    url: resolveHttpUrl(item.link, base) ?? resolveHttpUrl(item.rdf?.about, base),
    title: toPlainText(item.title ?? item.dc?.titles?.[0]),
    author: joinAuthors(item.dc?.creators ?? []),
    publishedAt: toIsoUtc(item.dc?.dates?.[0] ?? item.dcterms?.issued?.[0]),
    updatedAt: toIsoUtc(item.dcterms?.modified?.[0]),
    summary: nonEmpty(item.description),
    content: nonEmpty(item.content?.encoded),
    categories: distinctTexts(item.dc?.subjects ?? []),
    enclosures: toEnclosures(mediaCandidates(item.media), base),
  };
}

/**
 * Names beat e-mail addresses: dc:creator usually holds the byline, RSS <author> an address with the name in
 * parentheses, itunes:author the show's host.
 */
function rssAuthor(item: RssItem): string | null {
  const authors = item.authors ?? [];
  const sources: Array<Array<string | undefined>> = [
    item.dc?.creators ?? [],
    authors.map((person) => person.name),
    [item.itunes?.author],
    authors.map((person) => person.email),
  ];
  for (const source of sources) {
    const author = joinAuthors(source);
    if (author) return author;
  }
  return null;
}

function joinAuthors(names: Array<string | undefined>): string | null {
  const texts = distinctTexts(names.map((name) => toPlainText(name)));
  return texts.length > 0 ? texts.join(', ') : null;
}

function alternateAtomLink(
  links: Array<{ href?: string; rel?: string }> | undefined,
  base: string | null,
): string | null {
  const alternate = links?.find((link) => !link.rel || link.rel === 'alternate');
  return resolveHttpUrl(alternate?.href, base);
}
