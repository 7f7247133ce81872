import { looksLikeFeed } from './feed-format';
import { looksLikeSitemap } from './sitemap';

export type DocumentKind = 'feed' | 'sitemap' | 'html' | 'text';

const HTML_MARKERS = /<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]/i;

/**
 * What a fetched document is. Content wins over the Content-Type header: servers label feeds text/html or
 * text/plain often enough, while a feed or sitemap root element is unambiguous. The header only decides between
 * HTML and plain text when the content itself has no HTML markers.
 */
export function detectDocumentKind(text: string, contentType?: string | null): DocumentKind {
  if (looksLikeFeed(text)) return 'feed';
  if (looksLikeSitemap(text)) return 'sitemap';
  if (HTML_MARKERS.test(text.slice(0, 64 * 1024))) return 'html';
  const mediaType = contentType?.split(';')[0].trim().toLowerCase();
  if (mediaType === 'text/html' || mediaType === 'application/xhtml+xml') return 'html';
  return 'text';
}
