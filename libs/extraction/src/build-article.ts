import { articleId } from './article-id';
import { bylineAuthors } from './html/authors';
import type { ArticleBlock, ExtractedArticle } from './types';

export type ArticleParts = Partial<Omit<ExtractedArticle, 'id' | 'paragraphs' | 'headings' | 'body' | 'blocks'>> & {
  blocks: ArticleBlock[];
};

/** Derives the redundant views (paragraphs, headings, body, id) from the blocks, so they can never disagree. */
export function buildArticle(parts: ArticleParts): ExtractedArticle {
  const paragraphs = parts.blocks.filter((b) => b.type === 'paragraph').map((b) => b.text);
  const headings = parts.blocks.filter((b) => b.type === 'heading').map((b) => b.text);
  const body = paragraphs.join('\n');
  const title = parts.title ?? null;
  const url = parts.url ?? null;
  const canonicalUrl = parts.canonicalUrl ?? null;
  return {
    id: articleId({ canonicalUrl, url, title, body }),
    kind: parts.kind ?? 'article',
    partial: parts.partial ?? false,
    title,
    standfirst: parts.standfirst ?? null,
    blocks: parts.blocks,
    paragraphs,
    headings,
    body,
    byline: parts.byline ?? null,
    // A page's metadata names its authors; a feed item or a text dump has only the byline to go on.
    authors: parts.authors ?? bylineAuthors(parts.byline ?? null),
    publishedAt: parts.publishedAt ?? null,
    modifiedAt: parts.modifiedAt ?? null,
    url,
    canonicalUrl,
    dateline: parts.dateline ?? null,
    language: parts.language ?? null,
    leadImage: parts.leadImage ?? null,
    section: parts.section ?? null,
    tags: parts.tags ?? [],
    repeatedBlocksRemoved: parts.repeatedBlocksRemoved ?? 0,
  };
}
