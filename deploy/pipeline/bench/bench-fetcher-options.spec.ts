import { parseFetchBenchArgs } from './bench-fetcher-options';

describe('bench:fetcher options', () => {
  it("default to issue 26's setup at 2,000 feeds, the warm-up one longest interval", () => {
    const options = parseFetchBenchArgs([]);
    expect(options).toEqual(
      expect.objectContaining({ feeds: 2000, origins: 10, intervalMinSeconds: 60, intervalMaxSeconds: 120 }),
    );
    expect(options.warmSeconds).toBe(120);
    expect(options.write).toBe(true);
  });

  it('take each option as "--flag value" or "--flag=value"', () => {
    const options = parseFetchBenchArgs(['--feeds', '300', '--interval-max=40', '--minutes', '2', '--no-write']);
    expect(options).toEqual(expect.objectContaining({ feeds: 300, intervalMaxSeconds: 40, minutes: 2, write: false }));
    expect(options.warmSeconds).toBe(40);
  });

  it('refuse what it cannot run, naming the option', () => {
    expect(() => parseFetchBenchArgs(['--feed', '3'])).toThrow('unknown option --feed');
    expect(() => parseFetchBenchArgs(['--feeds', 'many'])).toThrow('--feeds many: expected a number');
    expect(() => parseFetchBenchArgs(['--feeds'])).toThrow('--feeds : expected a number');
    expect(() => parseFetchBenchArgs(['--fault-share', '2'])).toThrow('--fault-share');
    expect(() => parseFetchBenchArgs(['--minutes', '1', '--warm-seconds', '60'])).toThrow('no time after the warm-up');
    expect(() => parseFetchBenchArgs(['--origin-limit', '0'])).toThrow('--origin-limit');
    expect(() => parseFetchBenchArgs(['--websub-share', '1.5'])).toThrow('--websub-share 1.5: a share, 0..1');
    expect(() => parseFetchBenchArgs(['--hub-drop-share', '3'])).toThrow('--hub-drop-share');
    expect(() => parseFetchBenchArgs(['--hub-lease-seconds', '0'])).toThrow('--hub-lease-seconds');
  });

  it('give half the healthy feeds a WebSub hub that is a little slow and loses some pushes, unless told otherwise', () => {
    expect(parseFetchBenchArgs([])).toEqual(
      expect.objectContaining({ websubShare: 0.5, hubDelayMs: 1_000, hubDropShare: 0.1, safetyPollSeconds: 300 }),
    );
    expect(parseFetchBenchArgs(['--websub-share', '0', '--hub-drop-share=0.3'])).toEqual(
      expect.objectContaining({ websubShare: 0, hubDropShare: 0.3 }),
    );
  });
});
