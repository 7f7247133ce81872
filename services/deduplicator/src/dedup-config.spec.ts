import { ConfigError } from '@inkstream/config';
import { DEFAULT_DEDUP_POLICY, rulesFor } from '@inkstream/dedup';
import { dedupPolicyFrom, loadDedupConfig } from './dedup-config';

describe('dedup config', () => {
  it("defaults to the lib's policy", () => {
    expect(dedupPolicyFrom(loadDedupConfig({}))).toEqual(DEFAULT_DEDUP_POLICY);
  });

  it('reads the window, thresholds and per-source overrides', () => {
    const policy = dedupPolicyFrom(
      loadDedupConfig({
        DEDUP_WINDOW_HOURS: '48',
        DEDUP_MIN_CONTAINMENT: '0.7',
        DEDUP_SOURCE_OVERRIDES:
          '{"src-wire": {"windowHours": 2, "minContainment": 0.9}, "src-raw": {"disabled": true}}',
      }),
    );
    expect(policy.windowMs).toBe(48 * 3_600_000);
    expect(rulesFor(policy, 'src-wire')).toMatchObject({ windowMs: 2 * 3_600_000, minContainment: 0.9 });
    expect(rulesFor(policy, 'src-raw')).toMatchObject({ disabled: true, windowMs: 48 * 3_600_000 });
    expect(rulesFor(policy, 'other')).toMatchObject({ disabled: false, minContainment: 0.7 });
  });

  it('names a bad variable', () => {
    expect(() => loadDedupConfig({ DEDUP_SOURCE_OVERRIDES: '{oops' })).toThrow(ConfigError);
    expect(() => loadDedupConfig({ DEDUP_SOURCE_OVERRIDES: '{"s": {"windowDays": 3}}' })).toThrow(
      /DEDUP_SOURCE_OVERRIDES/,
    );
    expect(() => loadDedupConfig({ DEDUP_MIN_CONTAINMENT: '2' })).toThrow(/DEDUP_MIN_CONTAINMENT: must be between/);
  });

  it('keeps the index for 45 days by default and refuses a retention shorter than any dedup window', () => {
    expect(loadDedupConfig({})).toMatchObject({ DEDUP_RETENTION_HOURS: 45 * 24 });
    expect(() => loadDedupConfig({ DEDUP_RETENTION_HOURS: '600000' })).toThrow(
      /DEDUP_RETENTION_HOURS: must be at most/,
    );
    expect(() => loadDedupConfig({ DEDUP_RETENTION_HOURS: '24' })).toThrow(
      /DEDUP_RETENTION_HOURS: must be at least the longest dedup window, 720 hours/,
    );
    expect(() =>
      loadDedupConfig({
        DEDUP_WINDOW_HOURS: '24',
        DEDUP_RETENTION_HOURS: '48',
        DEDUP_SOURCE_OVERRIDES: '{"slow": {"windowHours": 96}}',
      }),
    ).toThrow(/at least the longest dedup window, 96 hours/);
    expect(loadDedupConfig({ DEDUP_WINDOW_HOURS: '24', DEDUP_RETENTION_HOURS: '24' }).DEDUP_RETENTION_HOURS).toBe(24);
  });
});
