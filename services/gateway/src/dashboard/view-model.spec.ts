import { errorRatio, escapeHtml, formatAge, formatRate, ratePerSecond, rates, sparklinePath } from './view-model';

describe('histories and rates', () => {
  it('computes per-second rates between samples', () => {
    const history = [
      { t: 0, v: 10 },
      { t: 2_000, v: 30 },
      { t: 4_000, v: 30 },
    ];
    expect(rates(history)).toEqual([10, 0]);
    expect(ratePerSecond(history.slice(0, 2))).toBe(10);
    expect(ratePerSecond([{ t: 0, v: 1 }])).toBe(0);
  });
});

describe('sparklinePath', () => {
  it('spans the box with the maximum at the top', () => {
    expect(sparklinePath([0, 5, 10], 100, 22)).toBe('M0.0,21.0 L50.0,11.0 L100.0,1.0');
    expect(sparklinePath([], 100, 22)).toBe('');
  });
});

describe('formatting', () => {
  it('escapes markup', () => {
    expect(escapeHtml('<img src=x onerror="a">&\'')).toBe('&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#39;');
  });

  it('formats rates, ages and error ratios', () => {
    expect(formatRate(0)).toBe('0/s');
    expect(formatRate(2.345)).toBe('2.3/s');
    expect(formatRate(123.4)).toBe('123/s');
    const now = Date.parse('2026-11-28T10:00:00Z');
    expect(formatAge(null, now)).toBe('never');
    expect(formatAge('2026-11-28T09:59:30Z', now)).toBe('30 s ago');
    expect(formatAge('2026-11-28T09:00:00Z', now)).toBe('60 min ago');
    expect(formatAge('2026-11-26T10:00:00Z', now)).toBe('2 d ago');
    expect(errorRatio(1, 3)).toBe(0.25);
    expect(errorRatio(0, 0)).toBe(0);
  });
});
