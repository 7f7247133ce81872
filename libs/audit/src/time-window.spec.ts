import { parseTimePoint, parseTimeWindow } from './time-window';

const NOW = Date.parse('2026-12-01T04:00:00Z');

describe('time window', () => {
  it('reads ISO times, now, and ages counted back from now', () => {
    expect(parseTimePoint('2026-12-01T03:00:00Z', NOW)).toBe(NOW - 3_600_000);
    expect(parseTimePoint('now', NOW)).toBe(NOW);
    expect(parseTimePoint('90s', NOW)).toBe(NOW - 90_000);
    expect(parseTimePoint('15m', NOW)).toBe(NOW - 900_000);
    expect(parseTimePoint('1h', NOW)).toBe(NOW - 3_600_000);
    expect(parseTimePoint('2d', NOW)).toBe(NOW - 2 * 86_400_000);
  });

  it('refuses what an operator would not mean as a time, and an empty window', () => {
    expect(() => parseTimePoint('5', NOW)).toThrow(/not a time/);
    expect(() => parseTimePoint('yesterday', NOW)).toThrow(/ISO-8601/);
    expect(() => parseTimeWindow('now', '1h', NOW)).toThrow(/window is empty/);
    expect(parseTimeWindow('1h', 'now', NOW)).toEqual({ since: NOW - 3_600_000, until: NOW });
  });
});
