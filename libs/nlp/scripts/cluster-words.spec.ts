import { clusterWords } from './cluster-words';

describe('clusterWords', () => {
  // Cities and weekdays each sit between their own neighbours; the count threshold leaves out words seen once.
  const sentences = [
    ...['paris', 'rome', 'berlin', 'madrid'].flatMap((city) => [
      ['flights', 'to', city, 'airport'],
      ['he', 'lives', 'in', city, 'now'],
    ]),
    ...['monday', 'tuesday', 'friday'].flatMap((day) => [
      ['on', day, 'morning'],
      ['last', day, 'evening'],
    ]),
    ['a', 'hapax'],
  ];
  const options = { clusters: 4, minCount: 2, contextWords: 20, iterations: 5 };

  it('puts words found between the same neighbours in one cluster, and others apart', () => {
    const clusters = clusterWords(sentences, options);
    expect(new Set(['paris', 'rome', 'berlin', 'madrid'].map((w) => clusters[w])).size).toBe(1);
    expect(new Set(['monday', 'tuesday', 'friday'].map((w) => clusters[w])).size).toBe(1);
    expect(clusters.paris).not.toBe(clusters.monday);
    expect(clusters.hapax).toBeUndefined();
  });

  it('keys words by lower case and digits as 0, and gives the same clusters every time', () => {
    const clusters = clusterWords([...sentences, ['Paris', '1999'], ['PARIS', '2024']], options);
    expect(Object.keys(clusters)).not.toContain('Paris');
    expect(JSON.stringify(clusterWords(sentences, options))).toBe(JSON.stringify(clusterWords(sentences, options)));
  });
});
