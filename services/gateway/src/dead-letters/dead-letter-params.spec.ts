import { deadLetterSelectionBody } from './dead-letter-params';

describe('deadLetterSelectionBody', () => {
  it('accepts one message, a list, or all', () => {
    expect(deadLetterSelectionBody.parse({ partition: 0, offset: 12 })).toEqual({
      kind: 'some',
      positions: [{ partition: 0, offset: '12' }],
    });
    expect(deadLetterSelectionBody.parse({ messages: [{ partition: 1, offset: '3' }] })).toEqual({
      kind: 'some',
      positions: [{ partition: 1, offset: '3' }],
    });
    expect(deadLetterSelectionBody.parse({ all: true })).toEqual({ kind: 'all' });
  });

  it('refuses mixtures, half positions, unknown keys and empty bodies', () => {
    for (const body of [
      {},
      { all: true, partition: 0, offset: '1' },
      { partition: 0 },
      { all: false },
      { messages: [] },
      { offset: 'x', partition: 0 },
      { partition: 0, offset: '1', extra: 1 },
    ]) {
      expect(deadLetterSelectionBody.safeParse(body).success).toBe(false);
    }
  });
});
