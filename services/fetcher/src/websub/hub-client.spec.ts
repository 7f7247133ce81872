import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HubClient } from './hub-client';

/** A hub on loopback that accepts every subscribe request and remembers its form. */
async function acceptingHub(): Promise<{ server: Server; origin: string; forms: URLSearchParams[] }> {
  const forms: URLSearchParams[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      forms.push(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      response.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, forms };
}

const subscription = (hub: string) => ({
  hub,
  topic: 'http://127.0.0.1:1/feed.xml',
  callback: 'http://127.0.0.1:2/websub/src-1',
  secret: 's3cret',
  leaseSeconds: 600,
});

describe('HubClient', () => {
  it("reaches a loopback hub allow-listed by its origin, and refuses the same host's other ports", async () => {
    const { server, origin, forms } = await acceptingHub();
    const client = new HubClient({ allowList: [origin], connectTimeoutMs: 2_000, timeoutMs: 5_000, userAgent: 'test' });
    try {
      const signal = new AbortController().signal;
      expect(await client.subscribe(subscription(`${origin}/hub`), signal)).toEqual({ ok: true, status: 202 });
      expect(forms[0].get('hub.mode')).toBe('subscribe');
      expect(forms[0].get('hub.secret')).toBe('s3cret');
      const port = Number(new URL(origin).port);
      const other = await client.subscribe(
        subscription(`http://127.0.0.1:${port === 65535 ? 1 : port + 1}/hub`),
        signal,
      );
      expect(other).toMatchObject({ ok: false, permanent: true, message: expect.stringContaining('not allow-listed') });
      expect(forms).toHaveLength(1);
    } finally {
      await client.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
