import { request } from 'node:http';
import { call, startGateway, type TestGateway } from './support';

const ADMIN = 'admin-token-for-strictness';

/** Raw HTTP, because fetch will not send a Host header of the caller's choosing. */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('gateway strictness: unknown query parameters and Host names (real Kafka + MongoDB)', () => {
  let gateway: TestGateway;
  const api = (path: string) => `${gateway.url}${path}`;

  beforeAll(async () => {
    gateway = await startGateway('gateway-strict', {
      GATEWAY_ADMIN_TOKEN: ADMIN,
      GATEWAY_ALLOWED_HOSTS: 'localhost,news.example.org',
    });
  });

  afterAll(async () => {
    await gateway?.service.stop();
  });

  it('refuses unknown query parameters on writes and on endpoints that take none, naming them', async () => {
    const body = { kind: 'feed', url: 'https://news.example.org/feed.xml', name: 'Example' };
    const write = await call<{ message: string }>(api('/api/sources?x=1'), { method: 'POST', token: ADMIN, body });
    expect(write.status).toBe(400);
    expect(write.body.message).toBe('invalid query: unknown field(s): x');
    expect((await call(api('/api/sources'), { method: 'POST', token: ADMIN, body })).status).toBe(201);

    const pause = await call<{ message: string }>(api('/api/sources/src-none/pause?force=1'), {
      method: 'POST',
      token: ADMIN,
    });
    expect(pause.body.message).toMatch(/unknown field\(s\): force/);
    expect((await call<{ message: string }>(api('/health?verbose=1'))).status).toBe(400);
    expect((await call(api('/health'))).status).toBe(200);
  });

  it('answers only to the allowed names and to IP literals; any other Host gets 421 naming the variable', async () => {
    const { port } = new URL(gateway.url);
    expect((await getWithHost(api('/health'), `localhost:${port}`)).status).toBe(200);
    expect((await getWithHost(api('/health'), 'news.example.org')).status).toBe(200);
    expect((await getWithHost(api('/health'), `127.0.0.1:${port}`)).status).toBe(200);
    const rebound = await getWithHost(api('/api/articles'), `attacker.example:${port}`);
    expect(rebound.status).toBe(421);
    expect(JSON.parse(rebound.body).message).toBe(
      `Host "attacker.example:${port}" is not a name this gateway answers to (GATEWAY_ALLOWED_HOSTS)`,
    );
  });
});
