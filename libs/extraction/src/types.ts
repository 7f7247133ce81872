/** What an article candidate is made of; the splitter publishes these, the CLI prints them. */
export type ArticleKind = 'article' | 'teaser' | 'live-entry';

export interface ArticleBlock {
  type: 'paragraph' | 'heading';
  text: string;
}

export interface ExtractedArticle {
  /** Deterministic: from the canonical URL when known, else from normalised title + body (see articleId). */
  id: string;
  kind: ArticleKind;
  /** True when only a teaser/summary was available and the full text must still be fetched. */
  partial: boolean;
  title: string | null;
  standfirst: string | null;
  /** Paragraphs and headings in document order. */
  blocks: ArticleBlock[];
  paragraphs: string[];
  headings: string[];
  /** The paragraphs joined by "\n" (headings are in `blocks`/`headings`, not body sentences). */
  body: string;
  /** The byline as the page states it: persons and credited agencies, comma-separated. */
  byline: string | null;
  /** Person names who wrote the article; a wire story without one carries its agency ("dpa"). Never the site. */
  authors: string[];
  publishedAt: string | null;
  modifiedAt: string | null;
  url: string | null;
  canonicalUrl: string | null;
  /** Place name of the dateline in title case ("Brussels"); the prefix itself is removed from the first paragraph. */
  dateline: string | null;
  language: string | null;
  leadImage: string | null;
  section: string | null;
  tags: string[];
  /** Blocks dropped because the document repeated them (a body printed twice, a headline printed again). */
  repeatedBlocksRemoved: number;
}

/** Who published a document, when the document says so (short-link domain, copyright footer, og:site_name). */
export interface Publisher {
  name: string | null;
  domain: string | null;
  copyright: string | null;
}

export type DocumentKind = 'html' | 'feed' | 'text';

export interface SplitResult {
  kind: DocumentKind;
  /** Main article first, then further articles, live entries and teasers in page order. */
  articles: ExtractedArticle[];
  publisher: Publisher | null;
  /** Set exactly when `articles` is empty: why nothing was found. */
  emptyReason?: string;
}

export interface SplitInput {
  content: string;
  contentType?: string | null;
  url?: string | null;
}
