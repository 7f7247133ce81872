import { foldForMatch } from './filter-keys';

/**
 * Full-text search over title and body, as pure functions: the terms of a query in the `$text` syntax both MongoDB 8
 * and FerretDB 2 (DocumentDB) answer from a text index, the cursor of a relevance-ordered result, and the highlighted
 * snippets a reader sees. Relevance cannot be paged by key (the score is not a field a filter can compare), so a
 * search pages by position, to a fixed depth.
 */

/** How deep a search can be paged: relevance order past the first thousand hits is not what a reader pages through. */
export const MAX_SEARCH_DEPTH = 1_000;

export interface SearchTerms {
  /** Single words the text must contain one of (folded). */
  words: string[];
  /** Quoted phrases the text must contain (folded, words in order). */
  phrases: string[][];
  /** Words after `-`: hits must not contain them. */
  excluded: string[];
}

const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const QUOTED = /"([^"]*)"/g;

function words(text: string): string[] {
  return [...foldForMatch(text).matchAll(TOKEN)].map((match) => match[0]);
}

/** Reads a query as `$text` does: words, "quoted phrases", and -excluded words. */
export function parseSearchTerms(query: string): SearchTerms {
  const phrases = [...query.matchAll(QUOTED)].map((match) => words(match[1])).filter((phrase) => phrase.length > 0);
  const rest = query.replace(QUOTED, ' ');
  const terms: SearchTerms = { words: [], phrases, excluded: [] };
  for (const part of rest.split(/\s+/)) {
    if (part === '') continue;
    const target = part.startsWith('-') ? terms.excluded : terms.words;
    target.push(...words(part.replace(/^-+/, '')));
  }
  return terms;
}

export interface SearchCursor {
  query: string;
  offset: number;
}

export class InvalidSearchCursorError extends Error {
  override readonly name = 'InvalidSearchCursorError';
}

export function encodeSearchCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify(['search', cursor.query, cursor.offset]), 'utf8').toString('base64url');
}

/** Parsed strictly, and only valid for the query that issued it: a cursor of another search would skip hits. */
export function decodeSearchCursor(text: string, query: string): SearchCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidSearchCursorError('cursor is not one this API issued');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    parsed[0] !== 'search' ||
    typeof parsed[1] !== 'string' ||
    !Number.isInteger(parsed[2]) ||
    parsed[2] < 0 ||
    parsed[2] > MAX_SEARCH_DEPTH
  ) {
    throw new InvalidSearchCursorError('cursor is not one this API issued');
  }
  if (parsed[1] !== query) throw new InvalidSearchCursorError('cursor was issued for another search (q)');
  return { query, offset: parsed[2] };
}

export interface Highlight {
  field: 'title' | 'body';
  /** HTML-escaped text with each match in `<mark>…</mark>`. */
  snippet: string;
}

interface Span {
  start: number;
  end: number;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char]);

/** Where the query's words and phrases occur in `text` (compared folded, so `Kyiv` finds `KYIV`). */
export function findMatches(text: string, terms: SearchTerms): Span[] {
  const tokens = [...text.matchAll(TOKEN)].map((match) => ({
    folded: foldForMatch(match[0]),
    start: match.index ?? 0,
    end: (match.index ?? 0) + match[0].length,
  }));
  const wanted = new Set(terms.words);
  const spans: Span[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const phrase = terms.phrases.find((words) =>
      words.every((word, offset) => tokens[index + offset]?.folded === word),
    );
    if (phrase) {
      spans.push({ start: tokens[index].start, end: tokens[index + phrase.length - 1].end });
      index += phrase.length - 1;
    } else if (wanted.has(tokens[index].folded)) {
      spans.push({ start: tokens[index].start, end: tokens[index].end });
    }
  }
  return spans;
}

function mark(text: string, spans: readonly Span[], from: number, to: number): string {
  let out = '';
  let at = from;
  for (const span of spans) {
    if (span.end <= from || span.start >= to) continue;
    out += escapeHtml(text.slice(at, span.start)) + `<mark>${escapeHtml(text.slice(span.start, span.end))}</mark>`;
    at = span.end;
  }
  return out + escapeHtml(text.slice(at, to));
}

/** Snippets of the body around the first matches (`window` characters each side), and the title when it matches. */
export function highlightArticle(
  article: { title: string; body: string },
  terms: SearchTerms,
  options: { maxSnippets?: number; window?: number } = {},
): Highlight[] {
  const maxSnippets = options.maxSnippets ?? 3;
  const window = options.window ?? 80;
  const highlights: Highlight[] = [];
  const titleSpans = findMatches(article.title, terms);
  if (titleSpans.length > 0) {
    highlights.push({ field: 'title', snippet: mark(article.title, titleSpans, 0, article.title.length) });
  }
  const bodySpans = findMatches(article.body, terms);
  let coveredTo = -1;
  for (const span of bodySpans) {
    if (highlights.length - (titleSpans.length > 0 ? 1 : 0) >= maxSnippets) break;
    if (span.start < coveredTo) continue;
    let from = Math.max(0, span.start - window);
    let to = Math.min(article.body.length, span.end + window);
    // Cut at word boundaries so a snippet never starts or ends mid-word.
    const firstSpace = article.body.indexOf(' ', from);
    if (from > 0 && firstSpace >= 0 && firstSpace < span.start) from = firstSpace + 1;
    const lastSpace = article.body.lastIndexOf(' ', to);
    if (to < article.body.length && lastSpace > span.end) to = lastSpace;
    const snippet = mark(article.body, bodySpans, from, to);
    highlights.push({
      field: 'body',
      snippet: `${from > 0 ? '… ' : ''}${snippet}${to < article.body.length ? ' …' : ''}`,
    });
    coveredTo = to;
  }
  return highlights;
}
