import { computeLag } from './lag-monitor';

describe('computeLag', () => {
  it('measures from the committed offset, or from the partition start before any commit', () => {
    const lag = computeLag(
      [
        { partition: 0, high: '10', low: '0' },
        { partition: 1, high: '7', low: '3' },
        { partition: 2, high: '5', low: '0' },
      ],
      [
        { partition: 0, offset: '4' },
        { partition: 1, offset: '-1' },
        { partition: 2, offset: '5' },
      ],
    );
    expect(lag).toEqual([
      { partition: 0, endOffset: 10, committedOffset: 4, lag: 6 },
      { partition: 1, endOffset: 7, committedOffset: null, lag: 4 },
      { partition: 2, endOffset: 5, committedOffset: 5, lag: 0 },
    ]);
  });
});
