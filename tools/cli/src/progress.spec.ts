import { ProgressLine, formatDuration, progressFigures } from './progress';

describe('progressFigures', () => {
  it('gives the share, the rate and the time left at that rate', () => {
    expect(progressFigures({ done: 100, total: 300, elapsedMs: 2_000 })).toBe('33%, 50 files/s, ETA 4s');
    expect(progressFigures({ done: 3, total: 1_000, elapsedMs: 2_000 })).toBe('0%, 1.5 files/s, ETA 11m 05s');
  });

  it('leaves out rate and ETA until they can be measured, and the ETA once done', () => {
    expect(progressFigures({ done: 0, total: 10, elapsedMs: 5_000 })).toBe('0%');
    expect(progressFigures({ done: 5, total: 10, elapsedMs: 0 })).toBe('50%');
    expect(progressFigures({ done: 10, total: 10, elapsedMs: 4_000 })).toBe('100%, 2.5 files/s');
    expect(progressFigures({ done: 0, total: 0, elapsedMs: 0 })).toBe('100%');
  });
});

describe('formatDuration', () => {
  it('reads as seconds, minutes or hours', () => {
    expect(formatDuration(42_400)).toBe('42s');
    expect(formatDuration(187_000)).toBe('3m 07s');
    expect(formatDuration(7_500_000)).toBe('2h 05m');
  });
});

describe('ProgressLine', () => {
  it('rewrites one line per phase at most every interval, always showing the end of a phase', () => {
    let now = 0;
    const written: string[] = [];
    const line = new ProgressLine(
      'audit',
      'documents',
      (text) => written.push(text),
      () => now,
      250,
    );
    line.update('reading raw documents', 1, 200);
    now = 100;
    line.update('reading raw documents', 20, 200); // too soon: skipped
    now = 10_000;
    line.update('reading raw documents', 100, 200);
    line.update('reading raw documents', 200, 200); // the end of the phase, however soon
    now = 12_000;
    line.update('looking up outcomes', 0, 200);
    line.end();
    expect(written).toEqual([
      '\raudit: reading raw documents 1/200 (0%)',
      '\raudit: reading raw documents 100/200 (50%, 10 documents/s, ETA 10s)',
      '\raudit: reading raw documents 200/200 (100%, 20 documents/s)',
      '\n',
      '\raudit: looking up outcomes 0/200 (0%)',
      '\n',
    ]);
  });
});
