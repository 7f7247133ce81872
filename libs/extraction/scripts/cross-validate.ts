// Cross-validation of the extractor's tunable knobs (ExtractionTuning) over sites: for each fold, the knob values
// that score best on the other folds' pages (both dev sets, equally weighted) are chosen, then scored on the fold.
import type { ExtractionTuning } from '../src';
import { scorePage, summarise, type PageScore } from './shingle-metric';
import { FOLDS } from './site-folds';
import { addCounts, scoreSnippets, snippetF1, type SnippetCounts, type SnippetPage } from './snippet-set';

export interface FoldedBodyPage {
  readonly fold: number;
  readonly html: string;
  readonly url: string;
  readonly truth: string;
}

export interface FoldedSnippetPage extends Pick<SnippetPage, 'html' | 'url' | 'with' | 'without'> {
  readonly fold: number;
}

export const TUNING_GRID: readonly Partial<ExtractionTuning>[] = [0.15, 0.3, 0.5].flatMap((shortShare) =>
  [250, 500, 1000].map((shortChars) => ({ shortShare, shortChars })),
);

export interface FoldResult {
  readonly fold: number;
  readonly tuning: Partial<ExtractionTuning>;
  readonly bodyF1: number;
  readonly snippetF1: number;
}

type Extract = (html: string, url: string, tuning: Partial<ExtractionTuning>) => string;

export function crossValidate(
  bodies: readonly FoldedBodyPage[],
  snippets: readonly FoldedSnippetPage[],
  extract: Extract,
): { folds: FoldResult[]; bodyF1: number; snippetF1: number } {
  // Every page scored once per grid point; folds then only pick among the scores.
  const bodyScores: PageScore[][] = TUNING_GRID.map((t) =>
    bodies.map((p) => scorePage(extract(p.html, p.url, t), p.truth)),
  );
  const snippetScores: SnippetCounts[][] = TUNING_GRID.map((t) =>
    snippets.map((p) => scoreSnippets(extract(p.html, p.url, t), p)),
  );
  const objective = (g: number, keep: (fold: number) => boolean): number => {
    const b = bodyScores[g].filter((_, i) => keep(bodies[i].fold));
    const s = snippetScores[g].filter((_, i) => keep(snippets[i].fold));
    return (summarise(b).f1 + snippetF1(addCounts(s)).f1) / 2;
  };
  const heldOutBodies: PageScore[] = [];
  const heldOutSnippets: SnippetCounts[] = [];
  const folds: FoldResult[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    let best = 0;
    for (let g = 1; g < TUNING_GRID.length; g++) {
      if (objective(g, (f) => f !== fold) > objective(best, (f) => f !== fold)) best = g;
    }
    const b = bodyScores[best].filter((_, i) => bodies[i].fold === fold);
    const s = snippetScores[best].filter((_, i) => snippets[i].fold === fold);
    heldOutBodies.push(...b);
    heldOutSnippets.push(...s);
    folds.push({ fold, tuning: TUNING_GRID[best], bodyF1: summarise(b).f1, snippetF1: snippetF1(addCounts(s)).f1 });
  }
  return { folds, bodyF1: summarise(heldOutBodies).f1, snippetF1: snippetF1(addCounts(heldOutSnippets)).f1 };
}
