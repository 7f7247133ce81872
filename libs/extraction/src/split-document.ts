import { parseFeed, FeedParseError } from '@inkstream/feeds';
import { feedItemToArticle } from './feed/feed-item';
import { extractHtml, type HtmlExtractOptions } from './html/extract-html';
import { assertNestingBounded, assertProcessable, sniffKind } from './sniff';
import { splitText, type TextSplitOptions } from './text-dump/split-text';
import type { Publisher, SplitInput, SplitResult } from './types';
import { hostOf } from './url-parts';

export interface SplitOptions {
  /** Boilerplate lines learned for this source (see learnBoilerplate), dropped from text dumps. */
  dropLines?: TextSplitOptions['dropLines'];
  /** Evaluation only: other values for the HTML body-candidate choice (see ExtractionTuning). */
  tuning?: HtmlExtractOptions['tuning'];
  /** Evaluation and training only: another block classifier, or null for the rules alone. */
  blockModel?: HtmlExtractOptions['blockModel'];
}

/**
 * A raw document → its article candidates. Sniffs HTML, feeds and plain-text dumps; the main article comes first.
 * Throws UnprocessableDocumentError for binary or oversized input, and FeedParseError for a broken feed; a
 * document that holds no article returns an empty list with `emptyReason`, never a silent empty list.
 */
export function splitDocument(input: SplitInput, options: SplitOptions = {}): SplitResult {
  const content = input.content ?? '';
  assertProcessable(content);
  const kind = sniffKind(content, input.contentType);
  if (content.trim() === '') return { kind, articles: [], publisher: null, emptyReason: 'the document is empty' };

  if (kind === 'feed') {
    const feed = parseFeed(content, input.url ? { baseUrl: input.url } : {});
    const articles = feed.items.map((item) => feedItemToArticle(item, feed.feed));
    const domain = hostOf(feed.feed.link ?? input.url);
    const publisher: Publisher | null =
      feed.feed.title || domain ? { name: feed.feed.title, domain, copyright: null } : null;
    return articles.length > 0
      ? { kind, articles, publisher }
      : { kind, articles, publisher, emptyReason: 'the feed has no items' };
  }

  if (kind === 'html') {
    assertNestingBounded(content);
    const html = extractHtml(content, { url: input.url, tuning: options.tuning, blockModel: options.blockModel });
    return { kind, ...html };
  }

  const text = splitText(content, { url: input.url, dropLines: options.dropLines });
  return text.articles.length > 0
    ? { kind, ...text }
    : { kind, ...text, emptyReason: 'no paragraph of running text in the document' };
}

export { FeedParseError };
