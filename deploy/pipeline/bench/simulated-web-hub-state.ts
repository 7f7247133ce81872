// What the simulated web's WebSub hub (W3C WebSub §5–§7) decides, without sockets or clocks: a subscribe request
// read and checked, the lease it grants, who is owed a push of a topic at a given time, and the signature a push
// carries. The HMAC is computed here with node:crypto, not with @inkstream/feeds, so the bench checks the fetcher's
// verification against an independent signer.
import { createHmac } from 'node:crypto';

export interface HubRequest {
  mode: 'subscribe' | 'unsubscribe';
  topic: string;
  callback: string;
  /** hub.secret; null when the subscriber sent none (its pushes are then unsigned) */
  secret: string | null;
  /** hub.lease_seconds asked for; null when not given */
  leaseSeconds: number | null;
}

export type HubRequestCheck = { ok: true; request: HubRequest } | { ok: false; message: string };

/** The longest hub.secret the spec allows (§5.1: less than 200 bytes). */
const MAX_SECRET_BYTES = 199;

/** A subscription request's form, checked: the hub answers 400 with `message` when it is not one it can serve. */
export function readHubRequest(form: URLSearchParams, knownTopic: (topic: string) => boolean): HubRequestCheck {
  const mode = form.get('hub.mode');
  if (mode !== 'subscribe' && mode !== 'unsubscribe') {
    return { ok: false, message: `hub.mode ${JSON.stringify(mode)}: expected subscribe or unsubscribe` };
  }
  const topic = form.get('hub.topic') ?? '';
  if (!knownTopic(topic)) return { ok: false, message: `hub.topic ${JSON.stringify(topic)} is not published here` };
  const callback = form.get('hub.callback') ?? '';
  if (!URL.canParse(callback) || !/^https?:$/.test(new URL(callback).protocol)) {
    return { ok: false, message: `hub.callback ${JSON.stringify(callback)}: expected an absolute http(s) URL` };
  }
  const secret = form.get('hub.secret');
  if (secret !== null && Buffer.byteLength(secret) > MAX_SECRET_BYTES) {
    return { ok: false, message: `hub.secret is ${Buffer.byteLength(secret)} bytes; at most ${MAX_SECRET_BYTES}` };
  }
  const leaseText = form.get('hub.lease_seconds');
  const leaseSeconds = leaseText === null || leaseText === '' ? null : Number(leaseText);
  if (leaseSeconds !== null && (!Number.isInteger(leaseSeconds) || leaseSeconds < 1)) {
    return { ok: false, message: `hub.lease_seconds ${JSON.stringify(leaseText)}: expected a whole number >= 1` };
  }
  return { ok: true, request: { mode, topic, callback, secret: secret || null, leaseSeconds } };
}

/** The lease the hub grants: what was asked, within the hub's own limit (the hub's answer is what counts). */
export function grantedLease(asked: number | null, maxSeconds: number): number {
  return Math.max(1, Math.min(asked ?? maxSeconds, maxSeconds));
}

/** X-Hub-Signature of a push body (§8: `method=signature`, HMAC of the exact bytes with the subscriber's secret). */
export function hubSignature(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface HubSubscription {
  topic: string;
  callback: string;
  secret: string | null;
  leaseSeconds: number;
  verifiedAt: number;
  expiresAt: number;
}

/** The hub's verified subscriptions: one per (topic, callback), replaced by a renewal, gone once its lease ran out. */
export class HubBook {
  private readonly byKey = new Map<string, HubSubscription>();

  /** A subscription whose intent the callback confirmed at `now` (a renewal replaces the earlier one). */
  verified(request: HubRequest, leaseSeconds: number, now: number): HubSubscription {
    const subscription = {
      topic: request.topic,
      callback: request.callback,
      secret: request.secret,
      leaseSeconds,
      verifiedAt: now,
      expiresAt: now + leaseSeconds * 1000,
    };
    this.byKey.set(key(request), subscription);
    return subscription;
  }

  unsubscribed(request: Pick<HubRequest, 'topic' | 'callback'>): void {
    this.byKey.delete(key(request));
  }

  /** Who gets a push of `topic` at `now`: verified subscriptions whose lease still holds (§6: it lapses unrenewed). */
  subscribers(topic: string, now: number): HubSubscription[] {
    return [...this.byKey.values()].filter(
      (subscription) => subscription.topic === topic && subscription.expiresAt > now,
    );
  }

  /** Subscriptions with a lease that holds at `now`. */
  active(now: number): number {
    return [...this.byKey.values()].filter((subscription) => subscription.expiresAt > now).length;
  }
}

function key(request: Pick<HubRequest, 'topic' | 'callback'>): string {
  return `${request.topic}\n${request.callback}`;
}
