import { bandsOfCbPack, wordBandList } from './build-word-bands';

describe('word bands from a wordfreq list', () => {
  // Bucket i holds the words of frequency 10^(-i/100), Zipf 9 - i/100.
  const buckets: string[][] = Array.from({ length: 701 }, () => []);
  buckets[200] = ['der']; // Zipf 7.00
  buckets[201] = ['und']; // Zipf 6.99
  buckets[450] = ['haus', 'baum']; // Zipf 4.50
  buckets[600] = ['bundeskanzler']; // Zipf 3.00
  buckets[601] = ['vorstandschef']; // Zipf 2.99: below the floor
  const pack = [{ format: 'cB', version: 1 }, ...buckets];

  it('puts each word in the integer Zipf band of its bucket and leaves out those below the floor', () => {
    const bands = bandsOfCbPack(pack, 3);
    expect(Object.fromEntries(bands)).toEqual({ 7: ['der'], 6: ['und'], 4: ['haus', 'baum'], 3: ['bundeskanzler'] });
  });

  it('writes each band sorted, words joined by spaces', () => {
    const list = wordBandList('de', 'test', bandsOfCbPack(pack, 3));
    expect(Object.entries(list.bands)).toEqual([
      ['3', 'bundeskanzler'],
      ['4', 'baum haus'],
      ['6', 'und'],
      ['7', 'der'],
    ]);
    expect(list.licence).toMatch(/CC BY-SA 4\.0/u);
  });

  it('refuses a list that is not a cBpack, or holds something other than words', () => {
    expect(() => bandsOfCbPack([{ format: 'other' }], 3)).toThrow(/unexpected header/u);
    expect(() => bandsOfCbPack([{ format: 'cB', version: 1 }, ['two words']], 3)).toThrow(/bucket 0/u);
  });
});
