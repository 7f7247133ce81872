import { FetchError, findFetchError, isTransientStatus, parseRetryAfter } from './fetch-error';

describe('fetch errors', () => {
  it('retries only statuses that mean "not now"', () => {
    expect([408, 425, 429, 500, 502, 503, 504].every(isTransientStatus)).toBe(true);
    expect([400, 401, 403, 404, 410, 451].some(isTransientStatus)).toBe(false);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Sat, 28 Nov 2026 12:05:00 GMT', now)).toBe(300);
    expect(parseRetryAfter('Sat, 28 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('finds a FetchError wrapped as a cause', () => {
    const inner = new FetchError('refused', 'refused to connect');
    expect(findFetchError(new Error('fetch failed', { cause: inner }))).toBe(inner);
    expect(findFetchError(new Error('other'))).toBeNull();
  });
});
