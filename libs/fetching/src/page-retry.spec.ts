import { FetchError } from './fetch-error';
import { afterPageFailure } from './page-retry';

const policy = { maxAttempts: 3, baseDelayMs: 10_000 };

describe('afterPageFailure', () => {
  it('waits out a deferral (origin Retry-After) without counting it', () => {
    const deferred = new FetchError('deferred', 'held off', { retryAfterSeconds: 120 });
    expect(afterPageFailure(deferred, 2, policy)).toEqual({ action: 'retry', delayMs: 120_000, failed: false });
  });

  it('retries a transient failure with a doubling wait, never before Retry-After, then falls back', () => {
    const timeout = new FetchError('timeout', 'slow', { transient: true });
    expect(afterPageFailure(timeout, 0, policy)).toEqual({ action: 'retry', delayMs: 10_000, failed: true });
    expect(afterPageFailure(timeout, 1, policy)).toEqual({ action: 'retry', delayMs: 20_000, failed: true });
    expect(afterPageFailure(timeout, 2, policy)).toEqual({ action: 'fallback' });
    const busy = new FetchError('http', 'HTTP 429', { status: 429, transient: true, retryAfterSeconds: 60 });
    expect(afterPageFailure(busy, 0, policy)).toEqual({ action: 'retry', delayMs: 60_000, failed: true });
  });

  it('falls back at once on what will not get better', () => {
    expect(afterPageFailure(new FetchError('http', 'HTTP 404', { status: 404 }), 0, policy)).toEqual({
      action: 'fallback',
    });
    expect(afterPageFailure(new FetchError('robots', 'disallowed'), 0, policy)).toEqual({ action: 'fallback' });
  });
});
