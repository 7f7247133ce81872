import { Parser } from 'htmlparser2';
import { toIsoUtc } from './feed-dates';
import { toPlainText } from './feed-text';
import { resolveHttpUrl } from './feed-urls';
import { MAX_XML_CHARS, readProlog } from './xml-prolog';

/** Google News sitemap extension (`news:news`) of one URL. */
export interface NewsSitemapEntry {
  publicationName: string | null;
  language: string | null;
  title: string | null;
  /** ISO-8601 UTC */
  publishedAt: string | null;
  keywords: string[];
}

export interface SitemapUrl {
  url: string;
  /** ISO-8601 UTC */
  lastModified: string | null;
  changeFrequency: string | null;
  priority: number | null;
  news: NewsSitemapEntry | null;
}

export interface SitemapReference {
  url: string;
  /** ISO-8601 UTC */
  lastModified: string | null;
}

/** `urlsListed`: how many URLs the document lists (more than `urls.length` when cut at `maxUrls`). */
export type ParsedSitemap =
  { kind: 'urlset'; urls: SitemapUrl[]; urlsListed: number } | { kind: 'index'; sitemaps: SitemapReference[] };

export interface ParseSitemapOptions {
  baseUrl?: string;
  /** URLs kept at most, in document order; the rest are counted, not held */
  maxUrls?: number;
}

export class SitemapParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SitemapParseError';
  }
}

/**
 * Parses an XML sitemap (`urlset`, including Google News entries), a sitemap index (`sitemapindex`), or a plain-text
 * sitemap (one URL per line). The XML is read with htmlparser2 in XML mode after the DOCTYPE is dropped, so no DTD
 * is processed. URLs that cannot be made absolute http(s) are skipped, document order kept.
 */
export function parseSitemap(text: string, options: ParseSitemapOptions = {}): ParsedSitemap {
  if (text.length > MAX_XML_CHARS) {
    throw new SitemapParseError(`sitemap too large: ${text.length} characters, the limit is ${MAX_XML_CHARS}`);
  }
  const baseUrl = options.baseUrl ?? null;
  const maxUrls = options.maxUrls ?? Number.POSITIVE_INFINITY;
  const prolog = readProlog(text);
  if (!prolog.root) {
    const urls = plainTextSitemap(prolog.text, baseUrl);
    if (urls) return { kind: 'urlset', urls: urls.slice(0, maxUrls), urlsListed: urls.length };
    throw new SitemapParseError(
      `not a sitemap: no XML root element and not one URL per line (first characters: ${JSON.stringify(prolog.text.slice(0, 40))})`,
    );
  }
  const rootName = prolog.root.localName.toLowerCase();
  if (rootName !== 'urlset' && rootName !== 'sitemapindex') {
    throw new SitemapParseError(
      `not a sitemap: root element <${prolog.root.name}> at line ${prolog.root.line} is not <urlset> or <sitemapindex>`,
    );
  }
  const collected = collectEntries(prolog.text, baseUrl, maxUrls);
  return rootName === 'urlset'
    ? { kind: 'urlset', urls: collected.urls, urlsListed: collected.urlsListed }
    : { kind: 'index', sitemaps: collected.sitemaps };
}

/** Whether the root element is a sitemap's (cheap: reads the prolog only). */
export function looksLikeSitemap(text: string): boolean {
  const root = readProlog(text.slice(0, 64 * 1024)).root;
  return root !== null && /^(urlset|sitemapindex)$/i.test(root.localName);
}

function plainTextSitemap(text: string, baseUrl: string | null): SitemapUrl[] | null {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines.length === 0 || !lines.every((line) => /^https?:\/\/\S+$/i.test(line))) return null;
  return lines.flatMap((line) => {
    const url = resolveHttpUrl(line, baseUrl);
    return url ? [{ url, lastModified: null, changeFrequency: null, priority: null, news: null }] : [];
  });
}

interface EntryDraft {
  loc: string;
  lastmod: string;
  changefreq: string;
  priority: string;
  news: Record<string, string> | null;
}

function collectEntries(xml: string, baseUrl: string | null, maxUrls: number) {
  const urls: SitemapUrl[] = [];
  let urlsListed = 0;
  const sitemaps: SitemapReference[] = [];
  const path: string[] = [];
  let draft: EntryDraft | null = null;
  let textBuffer = '';
  const parser = new Parser(
    {
      onopentag(name) {
        const local = localName(name);
        path.push(local);
        textBuffer = '';
        if (local === 'url' || local === 'sitemap') {
          draft = { loc: '', lastmod: '', changefreq: '', priority: '', news: null };
        } else if (local === 'news' && draft) {
          draft.news = {};
        }
      },
      ontext(chunk) {
        textBuffer += chunk;
      },
      onclosetag(name) {
        const local = localName(name);
        const parent = path[path.length - 2];
        const value = textBuffer.trim();
        textBuffer = '';
        path.pop();
        const entry: EntryDraft | null = draft;
        if (!entry) return;
        if (parent === 'url' || parent === 'sitemap') {
          if (local === 'loc' || local === 'lastmod' || local === 'changefreq' || local === 'priority') {
            entry[local] = value;
          }
        } else if (entry.news && (parent === 'news' || parent === 'publication')) {
          entry.news[local] = value;
        }
        if (local === 'url') {
          const url = resolveHttpUrl(entry.loc, baseUrl);
          if (url) urlsListed += 1;
          if (url && urls.length < maxUrls) urls.push(toSitemapUrl(url, entry));
          draft = null;
        } else if (local === 'sitemap') {
          const url = resolveHttpUrl(entry.loc, baseUrl);
          if (url) sitemaps.push({ url, lastModified: toIsoUtc(entry.lastmod) });
          draft = null;
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(xml);
  return { urls, urlsListed, sitemaps };
}

function toSitemapUrl(url: string, entry: EntryDraft): SitemapUrl {
  const priority = entry.priority === '' ? NaN : Number(entry.priority);
  return {
    url,
    lastModified: toIsoUtc(entry.lastmod),
    changeFrequency: entry.changefreq.toLowerCase() || null,
    priority: Number.isFinite(priority) ? priority : null,
    news: entry.news
      ? {
          publicationName: toPlainText(entry.news.name),
          language: entry.news.language || null,
          title: toPlainText(entry.news.title),
          publishedAt: toIsoUtc(entry.news.publication_date),
          keywords: (entry.news.keywords ?? '')
            .split(',')
            .map((keyword) => keyword.trim())
            .filter(Boolean),
        }
      : null,
  };
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1).toLowerCase();
}
