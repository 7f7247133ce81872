// Cross-validation folds for the NER corpora: whole documents go to one fold, so no fold is scored on a sentence
// whose neighbours (same story, same names) were trained on.
import { seededRandom } from '@inkstream/measure';

export const NER_FOLDS = 5;
export const NER_FOLD_SEED = 20261201;

/**
 * The fold of each sentence, given the document each belongs to (`documentOf[i]`). Documents are shuffled with a
 * seeded generator, then each goes to the fold holding the fewest sentences so far, so folds stay close in size
 * even when documents differ a lot in length (wikigold's articles run from 2 to 100+ sentences).
 */
export function assignFolds(documentOf: readonly number[], folds: number, seed: number): number[] {
  if (!Number.isInteger(folds) || folds < 2) throw new RangeError(`folds must be an integer ≥ 2, got ${folds}`);
  const sizes = new Map<number, number>();
  for (const document of documentOf) sizes.set(document, (sizes.get(document) ?? 0) + 1);
  // Sorted first so the shuffle, and so the folds, depend only on the documents, not on Map insertion order.
  const documents = [...sizes.keys()].sort((a, b) => a - b);
  const random = seededRandom(seed);
  for (let i = documents.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [documents[i], documents[j]] = [documents[j], documents[i]];
  }
  const load = new Array<number>(folds).fill(0);
  const foldOfDocument = new Map<number, number>();
  for (const document of documents) {
    let lightest = 0;
    for (let f = 1; f < folds; f++) if (load[f] < load[lightest]) lightest = f;
    foldOfDocument.set(document, lightest);
    load[lightest] += sizes.get(document) ?? 0;
  }
  return documentOf.map((document) => foldOfDocument.get(document) ?? 0);
}
