import {
  MAX_DOCUMENT_CHARS as SHARED_MAX_DOCUMENT_CHARS,
  refusedBinary,
  refusedDocumentSize,
} from '@inkstream/contracts';
import { looksLikeFeed } from '@inkstream/feeds';
import { UnprocessableDocumentError } from './errors';
import type { DocumentKind } from './types';

/** Largest document accepted, in characters: the limit every entry point shares (`@inkstream/contracts`). */
export const MAX_DOCUMENT_CHARS = SHARED_MAX_DOCUMENT_CHARS;

/** Throws UnprocessableDocumentError for documents that are too large or are not text (the shared limits). */
export function assertProcessable(content: string): void {
  const size = refusedDocumentSize(content.length);
  if (size) throw new UnprocessableDocumentError('too-large', size);
  const binary = refusedBinary(content);
  if (binary) throw new UnprocessableDocumentError('binary', binary);
}

/** html / feed / text, from the content first (servers mislabel), with the Content-Type as a tie-breaker. */
export function sniffKind(content: string, contentType?: string | null): DocumentKind {
  const head = content
    .slice(0, 4096)
    .replace(/^\ufeff/, '')
    .trimStart();
  const type = (contentType ?? '').toLowerCase();
  if ((head.startsWith('<') || head.startsWith('{')) && looksLikeFeed(content.slice(0, 1_000_000))) return 'feed';
  if (/^<(!doctype\s+html|html|head|body)\b/i.test(head)) return 'html';
  if (type.includes('html')) return 'html';
  if (head.startsWith('<') && /<(p|div|article|section|h[1-6]|span|br|a|table|ul|main)[\s>/]/i.test(head)) {
    return 'html';
  }
  return 'text';
}

/**
 * Nesting beyond this is rejected: the HTML parser's cost grows with the square of the depth (50,000 nested
 * divs take seconds), while real pages stay below a few hundred levels.
 */
export const MAX_NESTING_DEPTH = 5000;

const VOID_OR_IMPLIED = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
  'p',
  'li',
  'td',
  'th',
  'tr',
  'option',
  'dt',
  'dd',
  'font',
]);

/**
 * An upper bound of the element nesting depth from a linear scan of the tags (void elements and elements whose
 * end tag is implied are not counted), so hostile nesting is refused before parsing.
 */
const RAW_TEXT_END = /<\/(?:script|style|textarea)/gi;

export function estimateNestingDepth(html: string): number {
  let depth = 0;
  let max = 0;
  let at = html.indexOf('<');
  while (at >= 0 && at < html.length - 1) {
    const closing = html.charCodeAt(at + 1) === 47; /* / */
    let start = at + (closing ? 2 : 1);
    let end = start;
    while (end < html.length && end - start < 12) {
      const c = html.charCodeAt(end) | 32;
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57 && end > start)) end++;
      else break;
    }
    if (end > start) {
      const name = html.slice(start, end).toLowerCase();
      if (!VOID_OR_IMPLIED.has(name)) {
        if (closing) depth = Math.max(0, depth - 1);
        else {
          const close = html.indexOf('>', end);
          if (close < 0) break;
          start = close;
          if (name === 'script' || name === 'style' || name === 'textarea') {
            // Raw text: a "<" inside a script is not a tag.
            RAW_TEXT_END.lastIndex = close;
            const endTag = RAW_TEXT_END.exec(html);
            start = endTag ? endTag.index + 1 : html.length;
          } else if (html.charCodeAt(close - 1) !== 47) depth++;
          if (depth > max) max = depth;
        }
      }
    }
    at = html.indexOf('<', start + 1);
  }
  return max;
}

export function assertNestingBounded(html: string): void {
  const depth = estimateNestingDepth(html);
  if (depth > MAX_NESTING_DEPTH) {
    throw new UnprocessableDocumentError(
      'too-deep',
      `HTML nests about ${depth} elements deep, beyond the limit of ${MAX_NESTING_DEPTH}`,
    );
  }
}
