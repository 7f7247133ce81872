import { wholeBatch } from './whole-batch';

describe('wholeBatch', () => {
  it('asks for one batch as large as the limit', () => {
    expect(wholeBatch(64)).toEqual({ singleBatch: true, batchSize: 64 });
  });

  it('refuses a limit that is not a count: a zero or fractional batch would drop results', () => {
    expect(() => wholeBatch(0)).toThrow(/limit 0 is not a count/);
    expect(() => wholeBatch(2.5)).toThrow(RangeError);
  });
});
