import { meanAndSpread } from './ner-report';

describe('meanAndSpread', () => {
  it('gives the mean and the sample standard deviation', () => {
    const { mean, spread } = meanAndSpread([0.6, 0.7, 0.8]);
    expect(mean).toBeCloseTo(0.7, 10);
    expect(spread).toBeCloseTo(0.1, 10);
  });

  it('gives no spread for a single fold', () => {
    expect(meanAndSpread([0.42])).toEqual({ mean: 0.42, spread: 0 });
  });
});
