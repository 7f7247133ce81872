import { createHash } from 'node:crypto';
import type { FeedItem } from './feed-types';

/** A stable identity for a feed item across polls. */
export type ItemKey = string;
/** sha256 hex of the item's reader-visible content. */
export type ItemContentHash = string;

export type ItemChange = 'new' | 'updated' | 'unchanged';

export interface ClassifiedItem {
  item: FeedItem;
  key: ItemKey;
  contentHash: ItemContentHash;
  change: ItemChange;
}

/** Query parameters that only track campaigns; two links differing in them are the same article. */
const TRACKING_PARAMETER = /^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|ito|at_medium|at_campaign)$/i;

/**
 * guid when the feed gives one (its stated identity), else the normalised link, else a hash of title and date.
 * Prefixed so that a guid can never collide with a link of the same text.
 */
export function itemKey(item: Pick<FeedItem, 'guid' | 'url' | 'title' | 'publishedAt'>): ItemKey {
  const guid = item.guid?.trim();
  if (guid) return `guid:${guid}`;
  const url = item.url ? normaliseLink(item.url) : null;
  if (url) return `url:${url}`;
  return `hash:${sha256(`${item.title ?? ''}\n${item.publishedAt ?? ''}`)}`;
}

/**
 * Hash of what a reader sees. Dates are left out on purpose: many feeds rewrite pubDate or updated on every build,
 * which would make every item look updated on every poll.
 */
export function itemContentHash(item: FeedItem): ItemContentHash {
  return sha256(
    JSON.stringify([
      item.title,
      item.url,
      item.author,
      item.summary,
      item.content,
      item.categories,
      item.enclosures.map((enclosure) => enclosure.url),
    ]),
  );
}

/**
 * Classifies each item against what earlier polls saw (key → content hash). Items repeated within one document
 * count once: the later copy is compared with the earlier one, so a feed listing an item twice yields one 'new'.
 */
export function classifyItems(items: FeedItem[], seen: ReadonlyMap<ItemKey, ItemContentHash>): ClassifiedItem[] {
  const known = new Map(seen);
  return items.map((item) => {
    const key = itemKey(item);
    const contentHash = itemContentHash(item);
    const previous = known.get(key);
    known.set(key, contentHash);
    const change: ItemChange = previous === undefined ? 'new' : previous === contentHash ? 'unchanged' : 'updated';
    return { item, key, contentHash, change };
  });
}

/** Lower-cased scheme and host, no fragment, no tracking parameters, no default port; null if not a URL. */
export function normaliseLink(link: string): string | null {
  try {
    const url = new URL(link.trim());
    url.hash = '';
    for (const name of [...url.searchParams.keys()]) {
      if (TRACKING_PARAMETER.test(name)) url.searchParams.delete(name);
    }
    url.searchParams.sort();
    return url.href;
  } catch {
    return null;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
