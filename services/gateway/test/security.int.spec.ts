import { call, startGateway, type TestGateway } from './support';

const READ = 'read-token-for-tests';
const RATE_LIMIT = 40;

/** A gateway with a read token, no admin token, one allowed CORS origin, a small body limit and a low rate limit. */
describe('gateway access control and limits (real Kafka + MongoDB)', () => {
  let gateway: TestGateway;
  const api = (path: string) => `${gateway.url}${path}`;

  beforeAll(async () => {
    gateway = await startGateway('gateway-security', {
      GATEWAY_READ_TOKEN: READ,
      GATEWAY_CORS_ORIGINS: 'https://news.example',
      GATEWAY_MAX_BODY_BYTES: '512',
      GATEWAY_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
    });
  });

  afterAll(async () => {
    await gateway?.service.stop();
  });

  it('requires the read token on read endpoints when one is set', async () => {
    const none = await call<{ message: string }>(api('/api/articles'));
    expect(none.status).toBe(401);
    expect(none.body.message).toMatch(/GATEWAY_READ_TOKEN/);
    expect((await call(api('/api/articles'), { token: 'wrong' })).status).toBe(401);
    expect((await call(api('/api/articles'), { token: READ })).status).toBe(200);
    expect((await call(api('/api/stats'), { token: READ })).status).toBe(200);
  });

  it('sends no-sniff and no-referrer headers and does not advertise the framework', async () => {
    const { headers } = await call(api('/health'));
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('x-powered-by')).toBeNull();
  });

  it('refuses admin endpoints when no admin token is configured, whatever is sent', async () => {
    const refused = await call<{ message: string }>(api('/api/sources'), {
      method: 'POST',
      token: READ,
      body: { kind: 'feed', url: 'https://example.org/feed', name: 'x' },
    });
    expect(refused.status).toBe(503);
    expect(refused.body.message).toMatch(/admin endpoints are disabled: set GATEWAY_ADMIN_TOKEN/);
  });

  it('answers CORS preflights for the configured origin only', async () => {
    const preflight = (origin: string) =>
      fetch(api('/api/articles'), {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' },
      });
    const allowed = await preflight('https://news.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://news.example');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const other = await preflight('https://evil.example');
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses bodies over GATEWAY_MAX_BODY_BYTES before authenticating them', async () => {
    const big = await call<{ message: string }>(api('/api/sources'), {
      method: 'POST',
      body: { kind: 'feed', url: 'https://example.org/feed', name: 'x'.repeat(1_000) },
    });
    expect(big.status).toBe(413);
    expect(big.body.message).toMatch(/over the limit of 512/);
  });

  it('rate-limits each client per minute', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < RATE_LIMIT + 5; index += 1) {
      statuses.push((await call(api('/health'))).status);
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(5);
  });
});
