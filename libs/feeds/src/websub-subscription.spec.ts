import {
  checkSubscription,
  decideVerification,
  leaseTimes,
  nextCheckAt,
  pollNotBefore,
  renewalRetryAt,
  shouldSubscribe,
  type WebSubSubscription,
} from './websub-subscription';

const NOW = new Date('2026-01-01T00:00:00Z');
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const DISCOVERY = { hub: 'https://hub.example/', topic: 'https://news.example/feed' };
const POLICY = { verifyWaitSeconds: 60, safetyPollSeconds: 3600 };

function subscription(overrides: Partial<WebSubSubscription> = {}): WebSubSubscription {
  return {
    ...DISCOVERY,
    state: 'pending',
    pendingSince: NOW,
    expiresAt: null,
    renewAt: null,
    retryAt: null,
    ...overrides,
  };
}

describe('shouldSubscribe', () => {
  it('subscribes when nothing is stored or the hub or topic changed', () => {
    expect(shouldSubscribe(null, DISCOVERY, NOW)).toBe(true);
    expect(shouldSubscribe(subscription({ state: 'active' }), { ...DISCOVERY, hub: 'https://h2.example/' }, NOW)).toBe(
      true,
    );
  });

  it('leaves a pending or active subscription alone, and retries a refused one only after its retry time', () => {
    expect(shouldSubscribe(subscription(), DISCOVERY, NOW)).toBe(false);
    expect(shouldSubscribe(subscription({ state: 'active' }), DISCOVERY, NOW)).toBe(false);
    expect(shouldSubscribe(subscription({ state: 'refused', retryAt: at(10) }), DISCOVERY, NOW)).toBe(false);
    expect(shouldSubscribe(subscription({ state: 'expired', retryAt: at(10) }), DISCOVERY, at(10))).toBe(true);
  });
});

describe('decideVerification', () => {
  const query = { mode: 'subscribe', topic: DISCOVERY.topic, challenge: 'c-123', leaseSeconds: '86400' };

  it('confirms a pending request for the same topic with the lease the hub grants', () => {
    expect(decideVerification(subscription(), query)).toEqual({
      kind: 'confirm',
      challenge: 'c-123',
      leaseSeconds: 86400,
    });
    // A renewal: active, with a request pending.
    expect(decideVerification(subscription({ state: 'active' }), query).kind).toBe('confirm');
  });

  it('rejects another topic, an unknown subscription, a request not pending, and unsubscribing', () => {
    expect(decideVerification(subscription(), { ...query, topic: 'https://evil.example/' })).toMatchObject({
      kind: 'reject',
      status: 404,
    });
    expect(decideVerification(null, query)).toMatchObject({ kind: 'reject', status: 404 });
    expect(decideVerification(subscription({ state: 'active', pendingSince: null }), query)).toEqual({
      kind: 'reject',
      status: 404,
      message: `no pending subscription to ${DISCOVERY.topic} here`,
    });
    expect(decideVerification(subscription(), { ...query, mode: 'unsubscribe' })).toMatchObject({
      kind: 'reject',
      status: 404,
      message: 'hub.mode=unsubscribe was not requested',
    });
  });

  it('rejects a malformed request with 400', () => {
    expect(decideVerification(subscription(), { ...query, challenge: undefined })).toMatchObject({ status: 400 });
    expect(decideVerification(subscription(), { ...query, leaseSeconds: '-5' })).toMatchObject({ status: 400 });
    expect(decideVerification(subscription(), { ...query, leaseSeconds: undefined })).toMatchObject({ status: 400 });
    expect(decideVerification(subscription(), { topic: DISCOVERY.topic })).toMatchObject({ status: 400 });
  });

  it('takes a denial for our topic with its reason', () => {
    expect(
      decideVerification(subscription(), { mode: 'denied', topic: DISCOVERY.topic, reason: 'not allowed' }),
    ).toEqual({ kind: 'denied', reason: 'not allowed' });
    expect(decideVerification(null, { mode: 'denied', topic: DISCOVERY.topic })).toMatchObject({ kind: 'reject' });
  });
});

describe('lease times and checks', () => {
  it('renews when four fifths of the lease have passed', () => {
    expect(leaseTimes(NOW, 100)).toEqual({ expiresAt: at(100), renewAt: at(80) });
  });

  it('renews an active subscription at its renewal time, expires it at its end', () => {
    const active = subscription({ state: 'active', pendingSince: null, expiresAt: at(100), renewAt: at(80) });
    expect(checkSubscription(active, at(79), POLICY)).toEqual({ kind: 'wait' });
    expect(checkSubscription(active, at(80), POLICY)).toEqual({ kind: 'renew' });
    expect(checkSubscription({ ...active, pendingSince: at(80) }, at(90), POLICY)).toEqual({ kind: 'wait' });
    expect(checkSubscription({ ...active, pendingSince: at(80) }, at(100), POLICY)).toEqual({
      kind: 'expire',
      reason: 'lease lapsed at 2026-01-01T00:01:40.000Z without a verified renewal',
    });
    expect(nextCheckAt(active, POLICY)).toEqual(at(80));
    expect(nextCheckAt({ ...active, pendingSince: at(80) }, POLICY)).toEqual(at(100));
  });

  it('asks for a renewal again when the last request was never verified and the lease still holds', () => {
    const renewing = subscription({ state: 'active', pendingSince: at(80), expiresAt: at(1000), renewAt: at(80) });
    expect(nextCheckAt(renewing, POLICY)).toEqual(at(140));
    expect(checkSubscription(renewing, at(139), POLICY)).toEqual({ kind: 'wait' });
    expect(checkSubscription(renewing, at(140), POLICY)).toEqual({ kind: 'renew' });
  });

  it('counts a request never verified as refused after the wait', () => {
    expect(checkSubscription(subscription(), at(59), POLICY)).toEqual({ kind: 'wait' });
    expect(checkSubscription(subscription(), at(60), POLICY)).toEqual({
      kind: 'refuse',
      reason: 'the hub did not verify the subscription within 60 s',
    });
    expect(nextCheckAt(subscription(), POLICY)).toEqual(at(60));
    expect(nextCheckAt(subscription({ state: 'refused', pendingSince: null }), POLICY)).toBeNull();
  });

  it('retries a renewal the hub could not take after a quarter of the time left', () => {
    expect(renewalRetryAt(NOW, at(40))).toEqual(at(10));
    expect(renewalRetryAt(NOW, at(2))).toEqual(at(1));
  });
});

describe('pollNotBefore', () => {
  it('holds polling off while a lease holds, up to the safety poll or the lease end', () => {
    const active = subscription({ state: 'active', pendingSince: null, expiresAt: at(86400) });
    expect(pollNotBefore(active, NOW, POLICY)).toEqual(at(3600));
    expect(pollNotBefore({ ...active, expiresAt: at(600) }, NOW, POLICY)).toEqual(at(600));
  });

  it('does not hold polling off without an active lease', () => {
    expect(pollNotBefore(null, NOW, POLICY)).toBeNull();
    expect(pollNotBefore(subscription(), NOW, POLICY)).toBeNull();
    expect(pollNotBefore(subscription({ state: 'active', expiresAt: at(-1) }), NOW, POLICY)).toBeNull();
  });
});
