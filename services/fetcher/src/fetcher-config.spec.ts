import { ConfigError } from '@inkstream/config';
import { loadFetcherConfig } from './fetcher-config';

describe('fetcher config', () => {
  it('has polite, bounded defaults and a unique owner id per process', () => {
    const config = loadFetcherConfig({});
    expect(config).toMatchObject({
      FETCHER_SCHEDULER_ENABLED: true,
      FETCH_USER_AGENT: 'Inkstream/0.1 (+https://github.com/inkstream)',
      FETCH_ALLOW_LIST: [],
      FETCH_RESPECT_ROBOTS: true,
      FETCH_PER_ORIGIN_CONCURRENCY: 2,
      FETCH_MAX_REDIRECTS: 5,
      FETCH_GZIP_THRESHOLD_BYTES: 262144,
      FETCH_JITTER_RATIO: 0.1,
    });
    expect(config.FETCHER_OWNER_ID).toMatch(/-\d+-[0-9a-f]{6}$/);
    expect(loadFetcherConfig({}).FETCHER_OWNER_ID).not.toBe(config.FETCHER_OWNER_ID);
  });

  it('parses lists and names every bad variable', () => {
    expect(
      loadFetcherConfig({ FETCH_ALLOW_LIST: '10.0.0.0/8, news.internal,file:///srv/drop/' }).FETCH_ALLOW_LIST,
    ).toEqual(['10.0.0.0/8', 'news.internal', 'file:///srv/drop/']);
    let caught: unknown;
    try {
      loadFetcherConfig({ FETCH_TIMEOUT_MS: '0', FETCH_JITTER_RATIO: '2', FETCH_RESPECT_ROBOTS: 'maybe' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems).toHaveLength(3);
    expect((caught as ConfigError).message).toMatch(/FETCH_JITTER_RATIO: must be 0..0.5 \(got "2"\)/);
  });

  it('reads per-origin politeness overrides and names a bad entry', () => {
    expect(loadFetcherConfig({ FETCH_ORIGIN_LIMITS: 'a.example=4/250' }).FETCH_ORIGIN_LIMITS).toEqual(
      new Map([['a.example', { maxConcurrent: 4, minIntervalMs: 250 }]]),
    );
    expect(() => loadFetcherConfig({ FETCH_ORIGIN_LIMITS: 'a.example=fast' })).toThrow(
      /FETCH_ORIGIN_LIMITS: "a.example=fast" is not key=concurrency\/intervalMs/,
    );
  });

  it('refuses bounds that cross, naming the variable', () => {
    expect(() => loadFetcherConfig({ FETCHER_CONCURRENCY: '16', FETCH_MAX_CONCURRENCY: '8' })).toThrow(
      /FETCH_MAX_CONCURRENCY: must be at least FETCHER_CONCURRENCY \(16\) \(got "8"\)/,
    );
    expect(() => loadFetcherConfig({ FETCH_MIN_INTERVAL_SECONDS: '600', FETCH_MAX_INTERVAL_SECONDS: '60' })).toThrow(
      /FETCH_MAX_INTERVAL_SECONDS: must be at least FETCH_MIN_INTERVAL_SECONDS \(600\)/,
    );
  });

  it('refuses a stop grace period that leaves the rest of the stop no room in SHUTDOWN_TIMEOUT_MS', () => {
    expect(() => loadFetcherConfig({ FETCHER_STOP_GRACE_MS: '14000' })).toThrow(
      /FETCHER_STOP_GRACE_MS: must end 3000 ms before SHUTDOWN_TIMEOUT_MS \(15000\)/,
    );
    expect(loadFetcherConfig({ FETCHER_STOP_GRACE_MS: '14000', SHUTDOWN_TIMEOUT_MS: '20000' })).toMatchObject({
      FETCHER_STOP_GRACE_MS: 14000,
    });
  });
});
