import type { JsonFeed } from 'feedsmith';
import { distinctTexts } from './distinct';
import { toIsoUtc } from './feed-dates';
import { toEnclosures } from './feed-enclosures';
import { nonEmpty, toPlainText } from './feed-text';
import type { FeedItem, ParsedFeed } from './feed-types';
import { resolveHttpUrl } from './feed-urls';
import { NO_POLL_HINTS } from './poll-hints';

/** JSON Feed 1.0 and 1.1 (feedsmith folds 1.0's single `author` into `authors`). */
export function mapJsonFeed(
  feed: JsonFeed.Feed<string>,
  baseUrl: string | null,
): Omit<ParsedFeed, 'format' | 'itemsListed' | 'websub'> {
  const link = resolveHttpUrl(feed.home_page_url, baseUrl);
  const itemBase = link ?? baseUrl;
  const feedAuthors = authorNames(feed.authors);
  return {
    feed: {
      title: toPlainText(feed.title),
      link,
      description: nonEmpty(feed.description),
      language: nonEmpty(feed.language),
      updatedAt: null,
    },
    pollHints: NO_POLL_HINTS,
    items: (feed.items ?? []).map((item) => mapJsonItem(item, itemBase, feedAuthors)),
  };
}

function mapJsonItem(item: JsonFeed.Item<string>, base: string | null, feedAuthors: string | null): FeedItem {
  return {
    guid: item.id == null ? null : nonEmpty(String(item.id)),
    url: resolveHttpUrl(item.url, base) ?? resolveHttpUrl(item.external_url, base),
    title: toPlainText(item.title),
    // JSON Feed: item authors default to the feed's.
    author: authorNames(item.authors) ?? feedAuthors,
    publishedAt: toIsoUtc(item.date_published),
    updatedAt: toIsoUtc(item.date_modified),
    summary: nonEmpty(item.summary),
    content: nonEmpty(item.content_html) ?? nonEmpty(item.content_text),
    categories: distinctTexts(item.tags ?? []),
    enclosures: toEnclosures(
      (item.attachments ?? []).map((attachment) => ({
        url: attachment.url,
        type: attachment.mime_type,
        length: attachment.size_in_bytes,
      })),
      base,
    ),
  };
}

function authorNames(authors: JsonFeed.Author[] | undefined): string | null {
  const names = distinctTexts((authors ?? []).map((author) => toPlainText(author.name)));
  return names.length > 0 ? names.join(', ') : null;
}
