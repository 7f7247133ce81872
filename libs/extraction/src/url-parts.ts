/** An absolute http(s) URL from a possibly relative reference, or null (javascript:, mailto:, garbage). */
export function resolveHttpUrl(reference: string | null | undefined, base: string | null | undefined): string | null {
  if (!reference) return null;
  try {
    const url = new URL(reference.trim(), base ?? undefined);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** The host of a URL without "www.", lower-cased; null when it is not a URL. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '').toLowerCase() || null;
  } catch {
    return null;
  }
}
