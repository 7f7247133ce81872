import type { WebSubState } from '@inkstream/contracts';
import type { WebSubDiscovery } from './websub-discovery';

/** What the subscription rules read of a stored subscription. */
export interface WebSubSubscription {
  hub: string;
  topic: string;
  state: WebSubState;
  /** when we last asked the hub (first request or renewal) and are still waiting for it to verify; else null */
  pendingSince: Date | null;
  /** when the verified lease ends; null before the first verification */
  expiresAt: Date | null;
  /** when an active subscription is to be renewed */
  renewAt: Date | null;
  /** when a refused or expired subscription may be asked for again */
  retryAt: Date | null;
}

export interface WebSubPolicy {
  /** hub.lease_seconds we ask for (the hub decides; its answer is what counts) */
  leaseSeconds: number;
  /** how long a request may wait for the hub's verification before it counts as refused */
  verifyWaitSeconds: number;
  /** how long after a refusal or a lapse the subscription is asked for again */
  retrySeconds: number;
  /** while a lease holds, the feed is still polled this often, as a safety net against a silent hub */
  safetyPollSeconds: number;
}

/** Renew once this share of the lease has passed, leaving the rest for the hub to verify the renewal. */
export const RENEW_AT_LEASE_SHARE = 0.8;

/** Whether a poll that discovered `discovery` should (re)subscribe, given what is stored. */
export function shouldSubscribe(existing: WebSubSubscription | null, discovery: WebSubDiscovery, now: Date): boolean {
  if (!existing) return true;
  if (existing.hub !== discovery.hub || existing.topic !== discovery.topic) return true;
  if (existing.state === 'pending' || existing.state === 'active') return false;
  return existing.retryAt === null || existing.retryAt.getTime() <= now.getTime();
}

/** The hub's verification request on our callback (`GET ?hub.mode=…`), as query parameters. */
export interface VerificationQuery {
  mode?: string;
  topic?: string;
  challenge?: string;
  leaseSeconds?: string;
  reason?: string;
}

export type VerificationDecision =
  /** answer 200 with the challenge; the subscription is active for `leaseSeconds` */
  | { kind: 'confirm'; challenge: string; leaseSeconds: number }
  /** the hub turned the subscription down: answer 200, record the refusal */
  | { kind: 'denied'; reason: string }
  /** answer `status` with `message`: not ours to confirm */
  | { kind: 'reject'; status: 400 | 404; message: string };

/**
 * Confirms a hub's intent only for a request we made and still wait on (a pending first request or renewal) for the
 * same topic: anyone can call the callback, and echoing every challenge would let them subscribe us to anything.
 */
export function decideVerification(
  existing: WebSubSubscription | null,
  query: VerificationQuery,
): VerificationDecision {
  const { mode, topic } = query;
  if (!mode || !topic) return { kind: 'reject', status: 400, message: 'hub.mode and hub.topic are required' };
  const ours = existing !== null && existing.topic === topic;
  if (mode === 'denied') {
    if (!ours) return { kind: 'reject', status: 404, message: `no subscription to ${topic} here` };
    return { kind: 'denied', reason: query.reason?.trim() || 'the hub denied the subscription (no reason given)' };
  }
  if (mode !== 'subscribe') {
    // We never ask to unsubscribe: letting a lease lapse is how a subscription ends here.
    return { kind: 'reject', status: 404, message: `hub.mode=${mode} was not requested` };
  }
  if (!query.challenge) return { kind: 'reject', status: 400, message: 'hub.challenge is required' };
  if (!ours || existing.pendingSince === null) {
    return { kind: 'reject', status: 404, message: `no pending subscription to ${topic} here` };
  }
  const leaseSeconds = parseLeaseSeconds(query.leaseSeconds);
  if (leaseSeconds === null) {
    return { kind: 'reject', status: 400, message: 'hub.lease_seconds must be a positive whole number of seconds' };
  }
  return { kind: 'confirm', challenge: query.challenge, leaseSeconds };
}

function parseLeaseSeconds(value: string | undefined): number | null {
  if (!value || !/^\d{1,10}$/.test(value.trim())) return null;
  const seconds = Number(value.trim());
  return seconds > 0 ? seconds : null;
}

/** When an active subscription verified at `verifiedAt` for `leaseSeconds` ends, and when to renew it. */
export function leaseTimes(verifiedAt: Date, leaseSeconds: number): { expiresAt: Date; renewAt: Date } {
  const start = verifiedAt.getTime();
  return {
    expiresAt: new Date(start + leaseSeconds * 1000),
    renewAt: new Date(start + Math.floor(leaseSeconds * RENEW_AT_LEASE_SHARE * 1000)),
  };
}

/** What the periodic check does with a subscription whose check time came. */
export type WebSubCheck =
  { kind: 'renew' } | { kind: 'expire'; reason: string } | { kind: 'refuse'; reason: string } | { kind: 'wait' };

export function checkSubscription(
  subscription: WebSubSubscription,
  now: Date,
  policy: Pick<WebSubPolicy, 'verifyWaitSeconds'>,
): WebSubCheck {
  const at = now.getTime();
  const { state, expiresAt, pendingSince, renewAt } = subscription;
  if (state === 'active' && expiresAt && expiresAt.getTime() <= at) {
    return { kind: 'expire', reason: `lease lapsed at ${expiresAt.toISOString()} without a verified renewal` };
  }
  if (state === 'pending' && pendingSince && verifyDeadline(pendingSince, policy).getTime() <= at) {
    return {
      kind: 'refuse',
      reason: `the hub did not verify the subscription within ${policy.verifyWaitSeconds} s`,
    };
  }
  // A renewal is asked for at its time, and again when the hub left the last request unverified (lost, or we
  // stopped before it went out), as long as the lease holds.
  const renewDue = pendingSince === null ? renewAt : verifyDeadline(pendingSince, policy);
  if (state === 'active' && renewDue && renewDue.getTime() <= at) return { kind: 'renew' };
  return { kind: 'wait' };
}

/** When the periodic check should next look at a subscription; null when only a poll can move it on. */
export function nextCheckAt(
  subscription: WebSubSubscription,
  policy: Pick<WebSubPolicy, 'verifyWaitSeconds'>,
): Date | null {
  const { state, expiresAt, pendingSince, renewAt } = subscription;
  if (state === 'pending') return pendingSince ? verifyDeadline(pendingSince, policy) : null;
  if (state !== 'active') return null;
  const renewDue = pendingSince === null ? renewAt : verifyDeadline(pendingSince, policy);
  const times = [expiresAt, renewDue].filter((time): time is Date => time !== null);
  return times.length === 0 ? null : new Date(Math.min(...times.map((time) => time.getTime())));
}

function verifyDeadline(pendingSince: Date, policy: Pick<WebSubPolicy, 'verifyWaitSeconds'>): Date {
  return new Date(pendingSince.getTime() + policy.verifyWaitSeconds * 1000);
}

/**
 * A renewal the hub could not take now (network, 5xx): asked again after a quarter of what is left of the lease
 * (at least a second), so several tries fit before it lapses.
 */
export function renewalRetryAt(now: Date, expiresAt: Date): Date {
  const left = expiresAt.getTime() - now.getTime();
  return new Date(now.getTime() + Math.max(1000, Math.floor(left / 4)));
}

/**
 * The earliest next poll while a lease holds: polling continues only as a safety net (every `safetyPollSeconds`)
 * and at the lease's end at the latest. Null when no lease holds: the source polls on its own schedule.
 */
export function pollNotBefore(
  subscription: WebSubSubscription | null,
  now: Date,
  policy: Pick<WebSubPolicy, 'safetyPollSeconds'>,
): Date | null {
  if (!subscription || subscription.state !== 'active' || !subscription.expiresAt) return null;
  const expires = subscription.expiresAt.getTime();
  if (expires <= now.getTime()) return null;
  return new Date(Math.min(expires, now.getTime() + policy.safetyPollSeconds * 1000));
}
