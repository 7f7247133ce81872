// The article candidate the splitter makes of a bench article's raw document, by the splitter's own functions: the
// ids (raw document and article) are the pipeline's, so what the fills write for filled articles and what their
// memory learns of articles that went through the pipeline name the same articles the services store.
// (dedup-fill.ts's candidateOf builds its ids from the URL alone: right for bench:dedup, which never runs the
// pipeline, but its ids are not the ones the splitter gives the same document.)
import type { ArticleCandidate } from '@inkstream/contracts';
import { foldForComparison, splitDocument } from '@inkstream/extraction';
import { rawContent, toArticleCandidate } from '@inkstream/splitter';
import type { BenchArticle } from './corpus';
import { rawDocumentOf } from './harness';

/**
 * What the splitter drops from a source's documents once it has learned them (a line seen in three of its
 * documents): the stream corpus's follow and copyright lines and a copy's credit line, as dedup-fill.ts assumes.
 */
function learnedLines(sourceId: string): Set<string> {
  return new Set(
    [
      `Follow ${sourceId} for the latest updates.`,
      `Copyright ${sourceId} 2026. All rights reserved.`,
      `Distributed by ${sourceId}.`,
    ].map(foldForComparison),
  );
}

export function pipelineCandidateOf(article: BenchArticle): ArticleCandidate {
  const raw = rawDocumentOf(article);
  const result = splitDocument(
    { content: rawContent(raw), contentType: raw.contentType, url: raw.url },
    { dropLines: learnedLines(article.sourceId) },
  );
  const [first] = result.articles;
  if (!first) throw new Error(`bench article ${article.key}: the splitter found no article in it`);
  return toArticleCandidate(raw, first, result.publisher, 0, new Date().toISOString());
}
