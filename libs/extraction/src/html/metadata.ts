import { collapseWhitespace } from '../text-normalise';
import { attr, elementsOf, parseHtml, textOf, type Document, type Element } from './dom';
import { articleNode, jsonLdNodes, namesOf, stringOf, type JsonLdNode } from './json-ld';
import { resolveHttpUrl } from '../url-parts';
import { catalogueName, domCredits, labelledCredits, leadCredits, readAuthors } from './authors';
import { reconcileTitle, siteKeys, type TitleSources } from './title';

export interface PageMetadata {
  title: string | null;
  /** Everything the page states its title in, which the title was chosen from. */
  titleSources: TitleSources;
  byline: string | null;
  authors: string[];
  publishedAt: string | null;
  modifiedAt: string | null;
  canonicalUrl: string | null;
  language: string | null;
  leadImage: string | null;
  section: string | null;
  tags: string[];
  siteName: string | null;
  description: string | null;
  /** JSON-LD articleBody, a strong hint of what the body is (often truncated or stripped of paragraphs). */
  articleBody: string | null;
  jsonLd: JsonLdNode[];
  article: JsonLdNode | null;
}

/** Metadata strings are sometimes entity-encoded twice ("Review &#8211; verdict"): decode what is left. */
function decodeEntities(text: string): string {
  return /&(#\d+|#x[0-9a-f]+|[a-z]+);/i.test(text) ? textOf(parseHtml(text)) : text;
}

/** Normalises a date to ISO-8601 UTC; keeps nothing it cannot parse. */
export function isoDate(value: string | null): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (!/\d{4}/.test(trimmed)) return null;
  const ms = Date.parse(trimmed);
  if (Number.isNaN(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  return year < 1990 || year > 2200 ? null : new Date(ms).toISOString();
}

/** Meta tags that carry the publication date, most specific first. */
const PUBLISHED_META = [
  'article:published_time',
  'datepublished',
  'pubdate',
  'publishdate',
  'date',
  'dc.date.issued',
  'parsely-pub-date',
  'sailthru.date',
  'og:published_time',
  'published_time',
  'publish-date',
  'dcterms.date',
  'dcterms.created',
  'dc.date',
  'dc.date.created',
  'citation_publication_date',
  'citation_date',
];

/** A date a URL path spells ("/2023/04/28/…", "/20230428/"): the day, no time. */
export function urlDate(url: string | null): string | null {
  if (!url) return null;
  const m = /\/(20\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:\/|[^\d]|$)/.exec(url);
  return m ? isoDate(`${m[1]}-${m[2]}-${m[3]}`) : null;
}

/** Headings past the first `<h1>` kept as title candidates: the title is near the top, the rest is page furniture. */
const MAX_HEADINGS = 4;

const decoded = (text: string | null): string | null => (text ? decodeEntities(text) : null);

function hostOf(url: string | null): string | null {
  try {
    return url ? new URL(url).hostname : null;
  } catch {
    return null;
  }
}

export function readMetadata(doc: Document, documentUrl: string | null): PageMetadata {
  const metas = new Map<string, string[]>();
  const links: Element[] = [];
  let htmlLang: string | null = null;
  let titleTag: string | null = null;
  let firstTime: string | null = null;
  let h1: string | null = null;
  const headings: string[] = [];
  const itemprops = new Map<string, string>();
  for (const el of elementsOf(doc)) {
    switch (el.name) {
      case 'meta': {
        const key = (attr(el, 'property') ?? attr(el, 'name') ?? attr(el, 'itemprop') ?? attr(el, 'http-equiv'))
          ?.trim()
          .toLowerCase();
        const content = attr(el, 'content');
        if (key && content) metas.set(key, [...(metas.get(key) ?? []), content.trim()]);
        break;
      }
      case 'link':
        links.push(el);
        break;
      case 'html':
        htmlLang = attr(el, 'lang') ?? attr(el, 'xml:lang');
        break;
      case 'title':
        titleTag ??= collapseWhitespace(textOf(el));
        break;
      case 'time':
        // The first <time> that names a date: "Today 7:30AM" in a sidebar must not hide the article's own.
        if (firstTime === null) {
          const value = attr(el, 'datetime') ?? collapseWhitespace(textOf(el));
          if (isoDate(value)) firstTime = value;
        }
        break;
      case 'h1':
      case 'h2': {
        const text = collapseWhitespace(textOf(el));
        if (text === '') break;
        if (el.name === 'h1' && h1 === null) h1 = text;
        else if (headings.length < MAX_HEADINGS) headings.push(text);
        break;
      }
    }
    const prop = attr(el, 'itemprop');
    if (prop && !itemprops.has(prop)) {
      const value = attr(el, 'content') ?? attr(el, 'datetime') ?? collapseWhitespace(textOf(el));
      if (value) itemprops.set(prop, value);
    }
  }
  const meta = (...keys: string[]): string | null => {
    for (const k of keys) {
      const v = metas.get(k)?.[0];
      if (v) return v;
    }
    return null;
  };
  const jsonLd = jsonLdNodes(doc);
  const article = articleNode(jsonLd);
  const ld = (key: string): unknown => article?.[key];
  const publisherNode = ld('publisher');
  const siteName = meta('og:site_name', 'application-name') ?? namesOf(publisherNode)[0] ?? null;
  const canonicalLink = links.find((l) => (attr(l, 'rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'));
  const canonicalUrl = resolveHttpUrl(
    (canonicalLink && attr(canonicalLink, 'href')) ||
      meta('og:url') ||
      stringOf(ld('mainEntityOfPage')) ||
      stringOf(ld('url')),
    documentUrl,
  );
  const headline = stringOf(ld('headline')) ?? itemprops.get('headline') ?? null;
  const siteNames = [siteName, ...namesOf(publisherNode), hostOf(canonicalUrl ?? documentUrl)].filter(
    (n): n is string => !!n,
  );
  const credits = readAuthors(
    [
      namesOf(ld('author')),
      [
        ...(metas.get('author') ?? []),
        ...(metas.get('article:author') ?? []).filter((a) => !/^https?:/.test(a)),
        ...(metas.get('byl') ?? []),
        ...(metas.get('parsely-author') ?? []),
        ...[...(metas.get('dc.creator') ?? []), ...(metas.get('citation_author') ?? [])].map(catalogueName),
        ...(metas.get('sailthru.author') ?? []),
      ],
      domCredits(doc),
      labelledCredits(doc),
      leadCredits(doc),
    ].map((list) => list.map((a) => decodeEntities(a))),
    [...siteKeys(siteNames)],
  );
  const credited = [...credits.persons, ...credits.organisations];
  if (credited.length === 0) credited.push(...credits.site);
  const keywords = ld('keywords');
  const tags = [
    ...(metas.get('article:tag') ?? []),
    ...(Array.isArray(keywords) ? keywords.filter((k): k is string => typeof k === 'string') : []),
    ...(typeof keywords === 'string' ? keywords.split(',') : []),
    ...(metas.get('news_keywords') ?? metas.get('keywords') ?? []).flatMap((k) => k.split(',')),
  ]
    .map(collapseWhitespace)
    .filter((t) => t !== '' && t.length < 80);
  const language =
    htmlLang?.trim() ||
    meta('content-language', 'language', 'dc.language') ||
    stringOf(ld('inLanguage')) ||
    meta('og:locale')?.replace('_', '-') ||
    null;
  const articleBody = typeof ld('articleBody') === 'string' ? (ld('articleBody') as string).trim() : null;
  const titleSources: TitleSources = {
    ogTitle: decoded(meta('og:title')),
    headline: decoded(headline),
    twitterTitle: decoded(meta('twitter:title')),
    titleTag: decoded(titleTag),
    h1,
    ldName: decoded(stringOf(ld('name'))),
    headings,
    siteNames,
  };
  return {
    title: reconcileTitle(titleSources),
    titleSources,
    byline: credited.length > 0 ? credited.join(', ') : null,
    authors:
      credits.persons.length > 0
        ? credits.persons
        : credits.organisations.length > 0
          ? credits.organisations
          : credits.site,
    // The first source that parses wins: a meta tag holding "vor 3 Stunden" must not hide a good <time>.
    publishedAt:
      [
        stringOf(ld('datePublished')),
        ...PUBLISHED_META.map((k) => meta(k)),
        itemprops.get('datePublished') ?? null,
        firstTime,
      ]
        .map(isoDate)
        .find((d) => d !== null) ?? urlDate(canonicalUrl ?? documentUrl),
    modifiedAt: isoDate(
      stringOf(ld('dateModified')) ??
        meta('article:modified_time', 'og:updated_time', 'datemodified', 'last-modified') ??
        itemprops.get('dateModified') ??
        null,
    ),
    canonicalUrl,
    language: language ? language.trim() : null,
    leadImage: resolveHttpUrl(
      meta('og:image', 'og:image:url', 'twitter:image', 'twitter:image:src') ?? stringOf(ld('image')),
      documentUrl,
    ),
    section: meta('article:section') ?? stringOf(ld('articleSection')) ?? null,
    tags: [...new Set(tags)],
    siteName: siteName ? collapseWhitespace(siteName) : null,
    description: meta('description', 'og:description'),
    articleBody: articleBody && articleBody.length > 0 ? articleBody : null,
    jsonLd,
    article,
  };
}
