import { checkPushSignature } from '@inkstream/feeds';
import { grantedLease, HubBook, hubSignature, readHubRequest } from './simulated-web-hub-state';

const TOPIC = 'http://127.0.0.1:8080/feeds/1.xml';
const CALLBACK = 'http://127.0.0.1:9000/websub/fb-1';
const known = (topic: string) => topic === TOPIC;

function form(fields: Record<string, string>): URLSearchParams {
  return new URLSearchParams({
    'hub.mode': 'subscribe',
    'hub.topic': TOPIC,
    'hub.callback': CALLBACK,
    'hub.secret': 's3cret',
    'hub.lease_seconds': '86400',
    ...fields,
  });
}

describe("the simulated web's WebSub hub", () => {
  it('reads a subscribe request, and refuses one it cannot serve, saying which field and why', () => {
    expect(readHubRequest(form({}), known)).toEqual({
      ok: true,
      request: { mode: 'subscribe', topic: TOPIC, callback: CALLBACK, secret: 's3cret', leaseSeconds: 86400 },
    });
    const bare = readHubRequest(form({ 'hub.secret': '', 'hub.lease_seconds': '' }), known);
    expect(bare).toMatchObject({ ok: true, request: { secret: null, leaseSeconds: null } });
    expect(readHubRequest(form({ 'hub.mode': 'publish' }), known)).toMatchObject({ ok: false, message: /hub.mode/ });
    expect(readHubRequest(form({ 'hub.topic': 'http://elsewhere/x' }), known)).toMatchObject({
      ok: false,
      message: /not published here/,
    });
    expect(readHubRequest(form({ 'hub.callback': 'ftp://x/y' }), known)).toMatchObject({ message: /hub.callback/ });
    expect(readHubRequest(form({ 'hub.secret': 'x'.repeat(200) }), known)).toMatchObject({ message: /hub.secret/ });
    expect(readHubRequest(form({ 'hub.lease_seconds': '1.5' }), known)).toMatchObject({ message: /lease_seconds/ });
  });

  it('grants the lease asked for within its own limit', () => {
    expect(grantedLease(86_400, 300)).toBe(300);
    expect(grantedLease(60, 300)).toBe(60);
    expect(grantedLease(null, 300)).toBe(300);
  });

  it('signs a push as the fetcher checks it: HMAC-SHA256 of the exact bytes with the subscriber secret', () => {
    const body = '<rss version="2.0"><channel><title>é</title></channel></rss>';
    const signature = hubSignature('s3cret', body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(checkPushSignature(signature, Buffer.from(body), 's3cret')).toMatchObject({ ok: true });
    expect(checkPushSignature(signature, Buffer.from(body), 'other')).toMatchObject({ ok: false });
  });

  it('pushes to verified subscriptions whose lease holds: a renewal replaces, a lapse or unsubscribe ends it', () => {
    const book = new HubBook();
    const check = readHubRequest(form({}), known);
    if (!check.ok) throw new Error(check.message);
    book.verified(check.request, 300, 0);
    expect(book.subscribers(TOPIC, 299_999)).toHaveLength(1);
    expect(book.subscribers(TOPIC, 300_000)).toHaveLength(0);
    expect(book.subscribers('http://127.0.0.1:8080/feeds/2.xml', 0)).toHaveLength(0);
    book.verified(check.request, 300, 200_000);
    expect(book.subscribers(TOPIC, 400_000).map((subscription) => subscription.expiresAt)).toEqual([500_000]);
    expect(book.active(400_000)).toBe(1);
    book.unsubscribed(check.request);
    expect(book.active(400_000)).toBe(0);
  });
});
