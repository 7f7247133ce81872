import { combine32, hashString32 } from './hash32';
import { tokenise } from './text-normalise';

/** Distinct word-shingle hashes of an article, each tagged with the first paragraph it occurs in. */
export interface ShingleSet {
  hashes: Uint32Array;
  paragraphOf: Uint16Array;
}

/**
 * Shingles never cross a paragraph break: that keeps them stable when copies reorder paragraphs and lets every
 * shingle be attributed to one paragraph, so shingles of site boilerplate paragraphs can be left out of a
 * comparison. A paragraph shorter than the shingle size contributes one shingle of all its tokens.
 */
export function paragraphShingles(normalisedParagraphs: readonly string[], shingleSize: number): ShingleSet {
  const firstParagraph = new Map<number, number>();
  normalisedParagraphs.forEach((paragraph, paragraphIndex) => {
    const tokenHashes = tokenise(paragraph).map((token) => hashString32(token));
    const count = Math.max(1, tokenHashes.length - shingleSize + 1);
    for (let start = 0; start < count && tokenHashes.length > 0; start++) {
      let hash = 0x2545f491;
      const end = Math.min(tokenHashes.length, start + shingleSize);
      for (let i = start; i < end; i++) hash = combine32(hash, tokenHashes[i]);
      if (!firstParagraph.has(hash)) firstParagraph.set(hash, paragraphIndex);
    }
  });
  const hashes = new Uint32Array(firstParagraph.size);
  const paragraphOf = new Uint16Array(firstParagraph.size);
  let i = 0;
  for (const [hash, paragraph] of firstParagraph) {
    hashes[i] = hash;
    paragraphOf[i] = Math.min(paragraph, 0xffff);
    i++;
  }
  return { hashes, paragraphOf };
}
