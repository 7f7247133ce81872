/**
 * Resolves a possibly relative reference against a base. Only http(s) results are returned: an item or enclosure
 * link the fetcher cannot follow (javascript:, mailto:, data:) is no link for us.
 */
export function resolveHttpUrl(reference: string | null | undefined, base: string | null | undefined): string | null {
  const trimmed = reference?.trim();
  if (!trimmed) return null;
  try {
    const url = base ? new URL(trimmed, base) : new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The base for an element: its own xml:base resolved against the parent's base; the parent's when it has none.
 * Feeds rarely set xml:base, so the chain usually ends at the feed link or the fetched URL.
 */
export function childBase(xmlBase: string | null | undefined, parentBase: string | null): string | null {
  return resolveHttpUrl(xmlBase, parentBase) ?? parentBase;
}
