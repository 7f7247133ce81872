// The extractor as shipped, as a held-out-evaluation method: it learns nothing from pages; its hyper-parameters
// are the candidate-choice knobs (ExtractionTuning), chosen on the training sets.
import { splitDocument, UnprocessableDocumentError, type ExtractedArticle, type ExtractionTuning } from '../src';
import type { BlockModel } from '../src/html/block-model';
import type { EvalPage } from './eval-sets';
import type { Method, Prediction } from './leave-one-set-out';
import { TUNING_GRID } from './cross-validate';

/** Names in a byline string ("A, B and C") as the list the gold sets compare against. */
export function bylineNames(byline: string | null): string[] {
  if (!byline) return [];
  return byline
    .split(/\s*(?:,|;|\s&\s|\band\b|\bund\b|\bet\b|\by\b)\s*/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function predictionOf(article: ExtractedArticle | undefined): Prediction {
  if (!article) return { text: '', title: null, authors: [], publishedAt: null };
  const authors = (article as { authors?: string[] }).authors ?? bylineNames(article.byline);
  return {
    text: article.blocks.map((b) => b.text).join('\n'),
    title: article.title,
    authors,
    publishedAt: article.publishedAt,
  };
}

/** `blockModel`: undefined for what production ships, null for the rules alone, or a model being evaluated. */
export function extractPage(
  page: EvalPage,
  tuning?: Partial<ExtractionTuning>,
  blockModel?: BlockModel | null,
): Prediction {
  try {
    const result = splitDocument(
      { content: page.html, contentType: 'text/html', url: page.url },
      { tuning, blockModel },
    );
    return predictionOf(result.articles[0]);
  } catch (error) {
    if (error instanceof UnprocessableDocumentError) return predictionOf(undefined);
    throw error;
  }
}

export const rulesMethod: Method<Partial<ExtractionTuning>> = {
  name: 'rules (shipped extractor)',
  configs: TUNING_GRID,
  describe: (t) => `shortShare ${t.shortShare}, shortChars ${t.shortChars}`,
  learns: false,
  fit: (_train, config) => (page) => extractPage(page, config, null),
};
