import type { FeedItem, FeedMetadata } from '@inkstream/feeds';
import { buildArticle } from '../build-article';
import { textBlocks } from '../html/blocks';
import { elementsOf, parseHtml, type Element } from '../html/dom';
import { cleanBlocks } from '../html/main-content';
import { collapseWhitespace } from '../text-normalise';
import type { ArticleBlock, ExtractedArticle } from '../types';

/** Feed content shorter than this is a teaser, not the article: the page must be fetched for the full text. */
const MIN_FULL_TEXT_CHARS = 600;

function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z][a-z0-9]*[\s>/]/i.test(text);
}

/**
 * Blocks of a feed item's HTML: the fragment is all content by construction, so there is no main-content
 * choice, only the cleaning (link lists, "The post … appeared first on …" footers, share labels).
 */
export function fragmentBlocks(fragment: string, title: string | null): ArticleBlock[] {
  if (!looksLikeHtml(fragment)) {
    return fragment
      .split(/\n\s*\n|\r\n\s*\r\n|\n/)
      .map(collapseWhitespace)
      .filter((t) => t !== '')
      .map((text) => ({ type: 'paragraph', text }));
  }
  const doc = parseHtml(`<body>${fragment}</body>`);
  const body = elementsOf(doc, (el) => el.name === 'body')[0] as Element;
  return cleanBlocks(textBlocks(body), title).filter((b) => !/^the post .+ appeared first on .+\.?$/i.test(b.text));
}

/**
 * An article candidate from one feed item: from its full content when the feed carries it, else from its
 * summary, marked partial so the fetcher's full-text mode supplies the page.
 */
export function feedItemToArticle(item: FeedItem, feed: Partial<FeedMetadata> = {}): ExtractedArticle {
  const contentBlocks = item.content ? fragmentBlocks(item.content, item.title) : [];
  const contentChars = contentBlocks.reduce((n, b) => n + b.text.length, 0);
  const summaryBlocks = item.summary ? fragmentBlocks(item.summary, item.title) : [];
  const full =
    contentChars >= MIN_FULL_TEXT_CHARS || (contentChars > 0 && contentChars >= summaryLength(summaryBlocks));
  const blocks = full ? contentBlocks : summaryBlocks.length > 0 ? summaryBlocks : contentBlocks;
  const summaryText = summaryBlocks.map((b) => b.text).join(' ');
  const image = item.enclosures.find((e) => (e.type ?? '').startsWith('image/'))?.url ?? null;
  return buildArticle({
    kind: 'article',
    partial: !full || contentChars < MIN_FULL_TEXT_CHARS,
    title: item.title,
    standfirst: full && summaryText !== '' ? summaryText : null,
    blocks,
    byline: item.author,
    publishedAt: item.publishedAt,
    modifiedAt: item.updatedAt,
    url: item.url,
    canonicalUrl: item.url,
    language: feed.language ?? null,
    leadImage: image,
    tags: item.categories,
  });
}

function summaryLength(blocks: ArticleBlock[]): number {
  return blocks.reduce((n, b) => n + b.text.length, 0);
}
