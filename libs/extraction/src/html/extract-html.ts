import { buildArticle } from '../build-article';
import { matchDateline } from '../dateline';
import { collapseWhitespace } from '../text-normalise';
import type { ArticleBlock, ExtractedArticle, Publisher } from '../types';
import { textBlocks } from './blocks';
import { elementsOf, parseHtml, textOf, type Document, type Element } from './dom';
import { stringOf, typesOf, type JsonLdNode } from './json-ld';
import {
  chooseBody,
  DEFAULT_TUNING,
  descriptionBody,
  paragraphsOf,
  printedLead,
  proseWeight,
  type ExtractionTuning,
} from './body-candidates';
import { cleanBlocks, contains, selectMainContent, textWeight, type MainContent } from './main-content';
import { learnedMainContent } from './learned-content';
import type { BlockModel } from './block-model';
import { SHIPPED_BLOCK_MODEL } from './shipped-block-model';
import { isoDate, readMetadata, type PageMetadata } from './metadata';
import { dropLeadIns, trimHead, trimTail } from './tail-furniture';
import { scriptStateBody } from './script-state';
import { findTeasers } from './teasers';
import { hostOf } from '../url-parts';

export interface HtmlExtractOptions {
  url?: string | null;
  /** Evaluation only: other values for the candidate-choice knobs (production uses the defaults). */
  tuning?: Partial<ExtractionTuning>;
  /** Evaluation and training: the block classifier to use (null: the rules alone). */
  blockModel?: BlockModel | null;
}

export interface HtmlExtraction {
  articles: ExtractedArticle[];
  publisher: Publisher | null;
  emptyReason?: string;
}

/** Below this much good text the page is not an article page: its teasers are what it offers. */
const MIN_ARTICLE_CHARS = 250;

function bodyOf(doc: Document): Element | null {
  return elementsOf(doc, (el) => el.name === 'body')[0] ?? null;
}

/** Parses the page, or the fragment wrapped in a body (feed content, partial pages). */
export function parsePage(html: string): { doc: Document; body: Element } {
  const doc = parseHtml(html);
  const body = bodyOf(doc);
  if (body) return { doc, body };
  const wrapped = parseHtml(`<body>${html}</body>`);
  return { doc: wrapped, body: bodyOf(wrapped) as Element };
}

/** A paragraph that is nothing but a date ("27 November 2026"): the page's visible timestamp, not article text. */
function isBareDate(text: string): boolean {
  return text.length <= 40 && /\d/.test(text) && !Number.isNaN(Date.parse(text.replace(/,/g, '')));
}

/**
 * Moves a wire dateline ("BRUSSELS: …") off the first paragraph into its own field. A bare date line printed just
 * before it (the page's <time>) is dropped with it: it is metadata that happened to sit between title and text.
 */
function takeDateline(blocks: ArticleBlock[]): { blocks: ArticleBlock[]; dateline: string | null } {
  const first = blocks.findIndex((b) => b.type === 'paragraph');
  if (first < 0) return { blocks, dateline: null };
  const skipDate = isBareDate(blocks[first].text);
  const index = skipDate ? blocks.findIndex((b, i) => i > first && b.type === 'paragraph') : first;
  if (index < 0) return { blocks, dateline: null };
  const match = matchDateline(blocks[index].text);
  if (!match || match.rest.length < 20) return { blocks, dateline: null };
  const next = blocks.slice();
  next[index] = { type: 'paragraph', text: match.rest };
  if (skipDate) next.splice(first, 1);
  return { blocks: next, dateline: match.place };
}

function liveEntries(article: JsonLdNode | null, meta: PageMetadata): ExtractedArticle[] {
  if (!article || !typesOf(article).includes('LiveBlogPosting')) return [];
  const updates = article.liveBlogUpdate;
  const list = Array.isArray(updates) ? updates : updates ? [updates] : [];
  return list.slice(0, 500).flatMap((u): ExtractedArticle[] => {
    if (!u || typeof u !== 'object') return [];
    const entry = u as JsonLdNode;
    const body = typeof entry.articleBody === 'string' ? entry.articleBody : '';
    const blocks = paragraphsOf(body);
    if (blocks.length === 0) return [];
    return [
      buildArticle({
        kind: 'live-entry',
        title: stringOf(entry.headline),
        blocks,
        url: stringOf(entry.url),
        publishedAt: isoDate(stringOf(entry.datePublished)),
        modifiedAt: isoDate(stringOf(entry.dateModified)),
        language: meta.language,
      }),
    ];
  });
}

/** A live blog without JSON-LD: the main content is a run of <article> entries, each with its own text. */
const MIN_PAGE_ENTRIES = 3;

function entriesInPage(main: MainContent | null, title: string | null, meta: PageMetadata): ExtractedArticle[] {
  if (!main) return [];
  const entries = elementsOf(main.container, (el) => el.name === 'article').filter(
    (el, _i, all) => !all.some((other) => other !== el && contains(other, el)),
  );
  if (entries.length < MIN_PAGE_ENTRIES) return [];
  const built = entries.flatMap((entry): ExtractedArticle[] => {
    const blocks = cleanBlocks(
      main.blocks.filter((b) => contains(entry, b.owner)),
      title,
    );
    if (!blocks.some((b) => b.type === 'paragraph')) return [];
    const heading = blocks[0].type === 'heading' ? blocks[0].text : null;
    const time = elementsOf(entry, (el) => el.name === 'time')[0];
    return [
      buildArticle({
        kind: 'live-entry',
        title: heading,
        blocks: heading ? blocks.slice(1) : blocks,
        url: entry.attribs.id && meta.canonicalUrl ? `${meta.canonicalUrl.split('#')[0]}#${entry.attribs.id}` : null,
        publishedAt: isoDate(time?.attribs.datetime ?? null),
        language: meta.language,
      }),
    ];
  });
  return built.length >= MIN_PAGE_ENTRIES ? built : [];
}

/** Extracts the main article of an HTML page (plus live-blog entries, or teasers of an index page). */
export function extractHtml(html: string, options: HtmlExtractOptions = {}): HtmlExtraction {
  const documentUrl = options.url ?? null;
  const { doc, body } = parsePage(html);
  const meta = readMetadata(doc, documentUrl);
  const pageBlocks = textBlocks(body);
  const ruleMain = selectMainContent(pageBlocks);
  const model = options.blockModel === undefined ? SHIPPED_BLOCK_MODEL : options.blockModel;
  const main = model ? learnedMainContent(pageBlocks, ruleMain, meta.articleBody, model) : ruleMain;
  const unhinted = selectMainContent(pageBlocks, { classHints: false });
  const title = meta.title ?? firstHeading(body);
  const tuning = { ...DEFAULT_TUNING, ...options.tuning };
  const blocks = chooseBody(
    {
      hinted: main ? cleanBlocks(main.blocks, title) : [],
      unhinted: unhinted ? cleanBlocks(unhinted.blocks, title) : [],
      articleBody: meta.articleBody,
      stateBody: () => scriptStateBody(doc),
      title,
    },
    tuning,
  );
  // A body shorter than the page's own summary is a wrong pick (a browser warning, a cookie notice, a script-rendered
  // page's leftovers): the summary says more about the article.
  const described = descriptionBody(meta.description, tuning);
  const trimmed = proseWeight(described) > proseWeight(blocks) ? described : dropLeadIns(trimHead(trimTail(blocks)));
  const lead = printedLead(
    meta.description,
    pageBlocks.map((b) => b.text),
    trimmed,
    tuning,
  );
  const chosen = lead ? [lead, ...trimmed] : trimmed;
  const { blocks: finalBlocks, dateline } = takeDateline(chosen);
  const publisher: Publisher | null =
    meta.siteName || hostOf(meta.canonicalUrl ?? documentUrl)
      ? { name: meta.siteName, domain: hostOf(meta.canonicalUrl ?? documentUrl), copyright: null }
      : null;
  const articles: ExtractedArticle[] = [];
  const goodChars = finalBlocks.reduce((n, b) => n + (b.type === 'paragraph' ? textWeight(b.text) : 0), 0);
  const isArticle = goodChars >= MIN_ARTICLE_CHARS || (goodChars > 0 && meta.article !== null);
  const articleFields = {
    kind: 'article' as const,
    title,
    standfirst: meta.description ? collapseWhitespace(meta.description) : null,
    byline: meta.byline,
    authors: meta.authors,
    publishedAt: meta.publishedAt,
    modifiedAt: meta.modifiedAt,
    url: documentUrl ?? meta.canonicalUrl,
    canonicalUrl: meta.canonicalUrl ?? documentUrl,
    dateline,
    language: meta.language,
    leadImage: meta.leadImage,
    section: meta.section,
    tags: meta.tags,
  };
  if (isArticle) {
    articles.push(buildArticle({ ...articleFields, blocks: finalBlocks }));
    const fromJsonLd = liveEntries(meta.article, meta);
    articles.push(...(fromJsonLd.length > 0 ? fromJsonLd : entriesInPage(main, title, meta)));
  } else {
    articles.push(...findTeasers(body, meta.canonicalUrl ?? documentUrl));
  }
  if (articles.length === 0) {
    // Neither an article nor an index page: whatever prose the page has, else its description, is the body.
    const fallback = finalBlocks.some((b) => b.type === 'paragraph')
      ? finalBlocks
      : descriptionBody(meta.description, tuning);
    if (fallback.length > 0) articles.push(buildArticle({ ...articleFields, blocks: fallback }));
  }
  if (articles.length === 0) {
    const chars = collapseWhitespace(textOf(body)).length;
    return {
      articles,
      publisher,
      emptyReason:
        chars === 0
          ? 'the page has no visible text'
          : `no article text found: ${chars} characters of visible text, none of it article-like prose`,
    };
  }
  return { articles, publisher };
}

function firstHeading(body: Element): string | null {
  const h1 = elementsOf(body, (el) => el.name === 'h1')[0];
  const text = h1 ? collapseWhitespace(textOf(h1)) : '';
  return text === '' ? null : text;
}
