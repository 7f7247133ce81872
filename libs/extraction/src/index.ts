export type {
  ArticleBlock,
  ArticleKind,
  DocumentKind,
  ExtractedArticle,
  Publisher,
  SplitInput,
  SplitResult,
} from './types';
export { splitDocument, FeedParseError, type SplitOptions } from './split-document';
export { articleId, normaliseUrl, type ArticleIdentity } from './article-id';
export { identityUrl, ownedArticleId } from './article-ownership';
export { UnprocessableDocumentError, type UnprocessableReason } from './errors';
export { MAX_DOCUMENT_CHARS, assertProcessable, sniffKind } from './sniff';
export { extractHtml, type HtmlExtraction, type HtmlExtractOptions } from './html/extract-html';
export { DEFAULT_TUNING, type ExtractionTuning } from './html/body-candidates';
export { splitText, type TextSplitOptions, type TextSplitResult } from './text-dump/split-text';
export {
  learnBoilerplate,
  recordBoilerplate,
  mergeBoilerplateStates,
  emptyBoilerplateState,
  type BoilerplateOptions,
  type BoilerplateState,
  type BoilerplateUpdate,
} from './text-dump/boilerplate';
export { feedItemToArticle } from './feed/feed-item';
export { matchDateline, type DatelineMatch } from './dateline';
export { foldForComparison } from './text-normalise';
export { decodeDocument, detectCharset } from './decode';
