import type { AtomFeed } from 'feedsmith';
import { distinctTexts } from './distinct';
import { toIsoUtc } from './feed-dates';
import { mediaCandidates, toEnclosures } from './feed-enclosures';
import { collapseText, nonEmpty, toPlainText } from './feed-text';
import type { FeedItem, ParsedFeed } from './feed-types';
import { childBase, resolveHttpUrl } from './feed-urls';
import { feedPollHints } from './poll-hints';

type AtomEntry = AtomFeed.Entry<string>;
type AtomLink = AtomFeed.Link<string>;

/** Atom 1.0 and 0.3 (feedsmith maps 0.3's issued/modified onto published/updated). */
export function mapAtom(
  feed: AtomFeed.Feed<string>,
  baseUrl: string | null,
): Omit<ParsedFeed, 'format' | 'itemsListed' | 'websub'> {
  const feedBase = childBase(feed.xml?.base, baseUrl);
  const link = alternateLink(feed.links, feedBase);
  const entryParentBase = feed.xml?.base ? feedBase : (link ?? baseUrl);
  const feedAuthors = personNames(feed.authors);
  return {
    feed: {
      title: textConstruct(feed.title),
      link,
      description: nonEmpty(feed.subtitle?.value),
      language: nonEmpty(feed.xml?.lang ?? feed.dc?.languages?.[0]),
      updatedAt: toIsoUtc(feed.updated),
    },
    pollHints: feedPollHints({ sy: feed.sy }),
    items: (feed.entries ?? []).map((entry) =>
      mapEntry(entry, childBase(entry.xml?.base, entryParentBase), feedAuthors),
    ),
  };
}

function mapEntry(entry: AtomEntry, base: string | null, feedAuthors: string | null): FeedItem {
  const updatedAt = toIsoUtc(entry.updated);
  const content = entry.content && !entry.content.src ? nonEmpty(entry.content.value) : null;
  return {
    guid: nonEmpty(entry.id),
    url: alternateLink(entry.links, base),
    title: textConstruct(entry.title),
    // Atom: an entry without its own author inherits the feed's.
    author: personNames(entry.authors) ?? personNames(entry.dc?.creators?.map((name) => ({ name }))) ?? feedAuthors,
    // Atom requires only <updated>; many feeds never say when an entry was first published.
    publishedAt: toIsoUtc(entry.published ?? entry.dc?.dates?.[0]) ?? updatedAt,
    updatedAt,
    summary: nonEmpty(entry.summary?.value),
    content,
    categories: distinctTexts((entry.categories ?? []).map((category) => category.term ?? category.label)),
    enclosures: toEnclosures(
      [
        ...(entry.links ?? [])
          .filter((link) => link.rel === 'enclosure')
          .map((link) => ({ url: link.href, type: link.type, length: link.length })),
        ...mediaCandidates(entry.media),
      ],
      base,
    ),
  };
}

/** Atom text constructs: type="text" is literal text; html and xhtml carry markup to strip. */
function textConstruct(text: AtomFeed.Text | undefined): string | null {
  if (!text) return null;
  const type = text.type?.toLowerCase();
  return type === 'html' || type === 'xhtml' || type === 'text/html'
    ? toPlainText(text.value)
    : collapseText(text.value);
}

/** The entry's page: rel="alternate" (the default rel), preferring an HTML one over e.g. an alternate PDF. */
function alternateLink(links: AtomLink[] | undefined, base: string | null): string | null {
  const alternates = (links ?? []).filter((link) => !link.rel || link.rel === 'alternate');
  const html = alternates.find((link) => !link.type || /html/i.test(link.type));
  return resolveHttpUrl((html ?? alternates[0])?.href, base);
}

function personNames(people: Array<{ name?: string; email?: string }> | undefined): string | null {
  const names = distinctTexts((people ?? []).map((person) => toPlainText(person.name ?? person.email)));
  return names.length > 0 ? names.join(', ') : null;
}
