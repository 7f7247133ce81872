import type { MediaNs } from 'feedsmith';
import type { FeedEnclosure } from './feed-types';
import { resolveHttpUrl } from './feed-urls';

/** An enclosure as a format states it, before URL resolution and de-duplication. */
export interface EnclosureCandidate {
  url?: string;
  type?: string;
  length?: number;
}

/** media:content elements, loose and inside media:group, in document order. */
export function mediaCandidates(media: MediaNs.ItemOrFeed | undefined): EnclosureCandidate[] {
  if (!media) return [];
  const contents = [...(media.contents ?? []), ...(media.groups ?? []).flatMap((group) => group.contents ?? [])];
  return contents.map((content) => ({ url: content.url, type: content.type, length: content.fileSize }));
}

/**
 * Resolves and de-duplicates enclosures by URL: feeds often repeat one file as <enclosure> and media:content.
 * The first mention wins; later mentions only fill what it left unknown.
 */
export function toEnclosures(candidates: EnclosureCandidate[], base: string | null): FeedEnclosure[] {
  const byUrl = new Map<string, FeedEnclosure>();
  for (const candidate of candidates) {
    const url = resolveHttpUrl(candidate.url, base);
    if (!url) continue;
    const type = candidate.type?.trim() || null;
    const length = typeof candidate.length === 'number' && candidate.length > 0 ? candidate.length : null;
    const known = byUrl.get(url);
    if (known) {
      known.type ??= type;
      known.length ??= length;
    } else {
      byUrl.set(url, { url, type, length });
    }
  }
  return [...byUrl.values()];
}
