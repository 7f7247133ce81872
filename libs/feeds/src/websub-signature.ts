import { createHmac, timingSafeEqual } from 'node:crypto';

/** The HMAC algorithms WebSub names for `X-Hub-Signature` (sha1 for older hubs, sha256 and up for the rest). */
export const WEBSUB_SIGNATURE_ALGORITHMS = ['sha1', 'sha256', 'sha384', 'sha512'] as const;
export type WebSubSignatureAlgorithm = (typeof WEBSUB_SIGNATURE_ALGORITHMS)[number];

export type PushSignatureCheck =
  | { ok: true; algorithm: WebSubSignatureAlgorithm }
  | { ok: false; reason: 'unsigned' | 'bad-signature'; message: string };

/**
 * Checks a push's `X-Hub-Signature: <method>=<hex HMAC of the raw body with the subscription's secret>`. The
 * comparison runs in constant time over the digests; a missing header, an unknown method and a mismatch are told
 * apart in the message (the hub's operator needs to know which) but all refuse the push.
 */
export function checkPushSignature(
  header: string | null | undefined,
  body: Uint8Array,
  secret: string,
): PushSignatureCheck {
  const value = header?.trim();
  if (!value)
    return { ok: false, reason: 'unsigned', message: 'no X-Hub-Signature header: unsigned pushes are refused' };
  const match = /^([A-Za-z0-9]+)=([0-9A-Fa-f]+)$/.exec(value);
  if (!match) {
    return { ok: false, reason: 'bad-signature', message: 'X-Hub-Signature is not <method>=<hex digest>' };
  }
  const algorithm = match[1].toLowerCase() as WebSubSignatureAlgorithm;
  if (!WEBSUB_SIGNATURE_ALGORITHMS.includes(algorithm)) {
    return {
      ok: false,
      reason: 'bad-signature',
      message: `X-Hub-Signature method ${match[1]} is not one of ${WEBSUB_SIGNATURE_ALGORITHMS.join(', ')}`,
    };
  }
  const expected = createHmac(algorithm, secret).update(body).digest();
  const given = Buffer.from(match[2], 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad-signature', message: `X-Hub-Signature (${algorithm}) does not match the body` };
  }
  return { ok: true, algorithm };
}

/** The header value a hub sends for `body` (tests and local hubs sign with it). */
export function pushSignature(algorithm: WebSubSignatureAlgorithm, body: Uint8Array | string, secret: string): string {
  return `${algorithm}=${createHmac(algorithm, secret).update(body).digest('hex')}`;
}
