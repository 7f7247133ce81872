import { assignFolds } from './ner-folds';

// Documents of uneven length, sentences in document order as the corpora store them.
const documentOf = [0, 0, 0, 1, 2, 2, 3, 3, 3, 3, 3, 4, 5, 5, 6, 7, 7, 7, 8, 9, 9, 10, 11, 11, 11, 11];

describe('assignFolds', () => {
  it('gives the same folds for the same seed and different folds for another seed', () => {
    expect(assignFolds(documentOf, 3, 7)).toEqual(assignFolds(documentOf, 3, 7));
    expect(assignFolds(documentOf, 3, 7)).not.toEqual(assignFolds(documentOf, 3, 8));
  });

  it('puts every sentence in exactly one fold, every fold non-empty', () => {
    const folds = assignFolds(documentOf, 3, 7);
    expect(folds).toHaveLength(documentOf.length);
    for (const fold of folds) expect([0, 1, 2]).toContain(fold);
    expect(new Set(folds)).toEqual(new Set([0, 1, 2]));
  });

  it('keeps each document in one fold, so train and test folds share no document', () => {
    const folds = assignFolds(documentOf, 3, 7);
    const foldsOfDocument = new Map<number, Set<number>>();
    documentOf.forEach((document, i) =>
      foldsOfDocument.set(document, new Set([...(foldsOfDocument.get(document) ?? []), folds[i]])),
    );
    for (const seen of foldsOfDocument.values()) expect(seen.size).toBe(1);
  });

  it('balances fold sizes within the largest document', () => {
    const folds = assignFolds(documentOf, 3, 7);
    const sizes = [0, 1, 2].map((f) => folds.filter((fold) => fold === f).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(5);
  });

  it('does not depend on where in the list a document first appears', () => {
    const reversed = [...documentOf].reverse();
    const forward = assignFolds(documentOf, 3, 7);
    const backward = assignFolds(reversed, 3, 7).reverse();
    expect(backward).toEqual(forward);
  });

  it('refuses fewer than two folds', () => {
    expect(() => assignFolds(documentOf, 1, 7)).toThrow(RangeError);
  });
});
