import { readWinkEmbeddings } from './build-word-clusters';
import { clusterWords, type WordVector } from './cluster-words';

describe('clusterWords', () => {
  // Two directions in a 3-dimensional space: cities point one way, weekdays another; lengths differ on purpose
  // (spherical k-means compares directions).
  const vectors: WordVector[] = [
    { word: 'Paris', vector: [1, 0.1, 0] },
    { word: 'monday', vector: [0, 1, 0.1] },
    { word: 'rome', vector: [3, 0.2, 0.1] },
    { word: 'tuesday', vector: [0.1, 2, 0] },
    { word: 'berlin', vector: [0.5, 0, 0.05] },
    { word: 'friday', vector: [0, 0.7, 0] },
    { word: '1999', vector: [0, 0, 1] },
    { word: 'paris', vector: [0, 1, 0] },
    { word: 'madrid', vector: [1, 0, 0] },
  ];
  const options = { clusters: 2, words: 100, iterations: 5 };

  it('puts words whose vectors point the same way in one cluster, and others apart', () => {
    const clusters = clusterWords(vectors, options);
    expect(new Set(['paris', 'rome', 'berlin', 'madrid'].map((w) => clusters[w])).size).toBe(1);
    expect(new Set(['monday', 'tuesday', 'friday'].map((w) => clusters[w])).size).toBe(1);
    expect(clusters.paris).not.toBe(clusters.monday);
  });

  it('keys words by lower case, keeps the first (commonest) vector of a key, and skips words without a letter', () => {
    const clusters = clusterWords(vectors, options);
    expect(Object.keys(clusters)).toEqual(['berlin', 'friday', 'madrid', 'monday', 'paris', 'rome', 'tuesday']);
    // "paris" later in the set points like the weekdays; the first "Paris" decides.
    expect(clusters.paris).toBe(clusters.rome);
  });

  it('clusters only the commonest words and gives the same clusters every time', () => {
    expect(Object.keys(clusterWords(vectors, { ...options, words: 3 }))).toEqual(['monday', 'paris', 'rome']);
    expect(JSON.stringify(clusterWords(vectors, options))).toBe(JSON.stringify(clusterWords(vectors, options)));
  });

  it('refuses a vector of another length than the first', () => {
    expect(() => clusterWords([...vectors, { word: 'oslo', vector: [1, 0] }], options)).toThrow(
      'word vector of "oslo" has 2 dimensions, expected 3',
    );
  });
});

describe('readWinkEmbeddings', () => {
  it('reads words in vocabulary order with their vectors, without the length and index the package appends', () => {
    const json = JSON.stringify({
      dimensions: 2,
      words: ['the', 'of'],
      vectors: { of: [0.5, 0.25, 0.56, 1], the: [1, 2, 2.24, 0] },
    });
    expect(readWinkEmbeddings(json)).toEqual([
      { word: 'the', vector: [1, 2] },
      { word: 'of', vector: [0.5, 0.25] },
    ]);
  });

  it('names the word whose vector is missing', () => {
    const json = JSON.stringify({ dimensions: 2, words: ['the', 'of'], vectors: { the: [1, 2, 0, 0] } });
    expect(() => readWinkEmbeddings(json)).toThrow('no 2-dimensional vector for "of"');
  });
});
