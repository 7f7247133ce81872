import { loadFetcherConfig } from '../fetcher-config';

describe('WebSub config', () => {
  it('is off without FETCH_WEBSUB_CALLBACK_BASE, with bounded defaults', () => {
    expect(loadFetcherConfig({})).toMatchObject({
      FETCH_WEBSUB_CALLBACK_BASE: null,
      FETCH_WEBSUB_LEASE_SECONDS: 86400,
      FETCH_WEBSUB_SAFETY_POLL_SECONDS: 3600,
      FETCH_WEBSUB_VERIFY_WAIT_SECONDS: 300,
      FETCH_WEBSUB_RETRY_SECONDS: 3600,
    });
    expect(loadFetcherConfig({ FETCH_WEBSUB_CALLBACK_BASE: '  ' }).FETCH_WEBSUB_CALLBACK_BASE).toBeNull();
  });

  it('takes an http(s) base URL, path included, without its trailing slash', () => {
    expect(
      loadFetcherConfig({ FETCH_WEBSUB_CALLBACK_BASE: 'https://fetcher.example.com/inkstream/' })
        .FETCH_WEBSUB_CALLBACK_BASE,
    ).toBe('https://fetcher.example.com/inkstream');
  });

  it('refuses a base hubs could not call back, naming the variable', () => {
    for (const bad of ['fetcher.example.com', 'ftp://fetcher.example.com', 'https://f.example/?a=1']) {
      expect(() => loadFetcherConfig({ FETCH_WEBSUB_CALLBACK_BASE: bad })).toThrow(
        /FETCH_WEBSUB_CALLBACK_BASE: must be an absolute http\(s\) URL without query or fragment/,
      );
    }
    expect(() => loadFetcherConfig({ FETCH_WEBSUB_LEASE_SECONDS: '0' })).toThrow(/FETCH_WEBSUB_LEASE_SECONDS/);
  });
});
