import { KeyPostings } from './key-postings';

describe('KeyPostings', () => {
  it('returns every value of a key, oldest first, across growth', () => {
    const postings = new KeyPostings(4);
    for (let i = 0; i < 5000; i++) postings.add(i % 700, i);
    expect(postings.size).toBe(5000);
    expect(postings.get(3)).toEqual([3, 703, 1403, 2103, 2803, 3503, 4203, 4903]);
    expect(postings.get(123456)).toEqual([]);
  });

  it('stores key 0 like any other key', () => {
    const postings = new KeyPostings();
    postings.add(0, 9);
    expect(postings.get(0)).toEqual([9]);
  });
});
