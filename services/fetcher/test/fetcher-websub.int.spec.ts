import { waitFor } from '@inkstream/testing';
import { WebSubSubscriptionRepository, type SourceRecord } from '@inkstream/persistence';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FetcherFixture, fetcherTestEnv, TestSite } from './fetcher-harness';
import { LocalHub } from './local-hub';

/** A port nobody listens on now: the fetcher's, known before it starts, so its callback base can name it. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function rss(hub: string, self: string, items: string[]): string {
  return (
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Pushed News</title>' +
    `<atom:link rel="hub" href="${hub}"/><atom:link rel="self" href="${self}"/>` +
    items
      .map(
        (title) =>
          `<item><title>${title}</title><link>https://news.example/${encodeURIComponent(title)}</link>` +
          `<guid>https://news.example/${encodeURIComponent(title)}</guid><description>${title} text</description></item>`,
      )
      .join('') +
    '</channel></rss>'
  );
}

describe('WebSub: the fetcher subscribes at a local hub and takes signed pushes (real Kafka + MongoDB)', () => {
  const site = new TestSite();
  const hub = new LocalHub();
  let fetcher: FetcherFixture;
  let callbackBase = '';

  beforeAll(async () => {
    await site.start();
    await hub.start();
    const port = await freePort();
    callbackBase = `http://127.0.0.1:${port}`;
    fetcher = new FetcherFixture(
      fetcherTestEnv('fetcher-websub', {
        HTTP_PORT: String(port),
        FETCH_WEBSUB_CALLBACK_BASE: `${callbackBase}/`,
        FETCH_WEBSUB_LEASE_SECONDS: '7200',
        FETCH_WEBSUB_SAFETY_POLL_SECONDS: '900',
        // Every other endpoint of the fetcher needs it; the callback must not.
        GATEWAY_ADMIN_TOKEN: 'test-admin-token',
      }),
    );
    await fetcher.start();
  });

  afterAll(async () => {
    await fetcher.stop();
    await hub.stop();
    await site.stop();
  });

  async function websubState(id: string, state: string): Promise<SourceRecord> {
    let source: SourceRecord | null = null;
    await waitFor(
      async () => {
        source = await fetcher.sources.get(id);
        return source?.websub?.state === state;
      },
      { timeoutMs: 15_000, intervalMs: 25, description: `source ${id} WebSub state ${state}` },
    );
    return source as unknown as SourceRecord;
  }

  async function metric(name: string, outcome: string): Promise<number> {
    const text = await (await fetch(`${fetcher.services[0].url}/metrics`)).text();
    const line = text
      .split('\n')
      .find((entry) => entry.startsWith(`${name}{`) && entry.includes(`outcome="${outcome}"`));
    return line ? Number(line.split(' ').at(-1)) : 0;
  }

  it('subscribes where the feed advertises a hub, confirms the verification, and publishes a signed push like a poll', async () => {
    const self = site.url('/pushed.xml');
    let feed = rss(hub.url, self, ['First story']);
    site.routes.set('/pushed.xml', (_request, response) =>
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed),
    );
    const source = await fetcher.add({ kind: 'feed', url: self, name: 'Pushed', pollIntervalSeconds: 60 });
    await fetcher.settled(source._id);

    const active = await websubState(source._id, 'active');
    const request = hub.subscription(self);
    expect(request).toMatchObject({
      mode: 'subscribe',
      topic: self,
      callback: `${callbackBase}/websub/${source._id}`,
      leaseSeconds: 7200,
    });
    expect(request?.secret).toMatch(/^[0-9a-f]{64}$/);
    // The source turns active as the callback answers; the hub notes the answer only once it has read it.
    await waitFor(async () => hub.verifications.length > 0, {
      timeoutMs: 5_000,
      intervalMs: 25,
      description: 'the hub to note the verification',
    });
    expect(hub.verifications).toEqual([expect.objectContaining({ topic: self, status: 200, echoed: true })]);
    expect(active.websub).toMatchObject({ hub: hub.url, topic: self, leaseSeconds: 3600, lastError: null });
    // The secret stays in the subscription, never on the source the API shows.
    expect(JSON.stringify(active)).not.toContain(request?.secret);

    feed = rss(hub.url, self, ['Second story', 'First story']);
    expect(await hub.push(self, feed)).toEqual({ status: 204, text: '' });
    const documents = await fetcher.rawDocuments(source._id);
    expect(documents.map((document) => [document.feedItem?.title, document.isUpdate])).toEqual([
      ['First story', false],
      ['Second story', false],
    ]);
    expect(documents[1]).toMatchObject({
      source: { id: source._id, name: 'Pushed', kind: 'feed' },
      url: 'https://news.example/Second%20story',
      feedItem: { feedTitle: 'Pushed News' },
    });
    expect((await fetcher.sources.get(source._id))?.websub).toMatchObject({ pushes: 1, itemsPublished: 1 });

    // With a lease holding, the next poll rests until the safety poll (900 s), not the source's 60 s.
    const polled = await fetcher.pollAgain(source._id);
    const restSeconds = (polled.nextRunAt.getTime() - (polled.status.lastFetchAt?.getTime() ?? 0)) / 1000;
    expect(restSeconds).toBeGreaterThan(800);
    expect(hub.requests.filter((entry) => entry.topic === self)).toHaveLength(1);
  });

  it('refuses unsigned and badly signed pushes, counted, and confirms no verification it did not ask for', async () => {
    const self = site.url('/pushed.xml');
    const before = (await fetcher.rawDocuments()).length;
    const body = rss(hub.url, self, ['Forged story']);

    const unsigned = await hub.push(self, body, { signature: null });
    expect(unsigned).toEqual({ status: 403, text: 'no X-Hub-Signature header: unsigned pushes are refused' });
    const forged = await hub.push(self, body, { secret: 'not-the-secret' });
    expect(forged).toEqual({ status: 403, text: 'X-Hub-Signature (sha256) does not match the body' });
    expect(await metric('inkstream_fetch_websub_pushes_total', 'unsigned')).toBe(1);
    expect(await metric('inkstream_fetch_websub_pushes_total', 'bad-signature')).toBe(1);
    expect(await fetcher.rawDocuments()).toHaveLength(before);

    // Someone else's topic on our callback, and a subscription already verified: neither challenge is echoed.
    const subscribe = hub.subscription(self);
    if (!subscribe) throw new Error('no subscription');
    expect(await hub.verify(subscribe, 60, 'https://elsewhere.example/feed')).toMatchObject({
      status: 404,
      echoed: false,
    });
    expect(await hub.verify(subscribe, 60)).toMatchObject({ status: 404, echoed: false });
    const unknown = await fetch(`${callbackBase}/websub/nosuchsource`, { method: 'POST', body: 'x' });
    expect(unknown.status).toBe(410);
  });

  it('refuses a push over the body limit, and notes a push that is not a feed on the source', async () => {
    const self = site.url('/pushed.xml');
    const huge = await hub.push(self, `<rss>${'x'.repeat(250_000)}</rss>`);
    expect(huge).toEqual({ status: 413, text: 'push body over the 200000-byte limit (FETCH_MAX_BODY_BYTES)' });
    expect(await metric('inkstream_fetch_websub_pushes_total', 'too-large')).toBe(1);

    const notFeed = await hub.push(self, '<html><body>moved</body></html>', { contentType: 'text/html' });
    expect(notFeed.status).toBe(400);
    expect(notFeed.text).toMatch(/pushed\.xml is not a readable feed: not a feed/);
    const source = await fetcher.sources.get(hub.subscription(self)?.callback.split('/').at(-1) ?? '');
    expect(source?.websub?.lastError).toMatch(/^push refused: .* is not a readable feed/);
    expect(source?.websub?.state).toBe('active');
  });

  it('keeps the subscription across a restart', async () => {
    const self = site.url('/pushed.xml');
    await fetcher.stop();
    await fetcher.start();
    const body = rss(hub.url, self, ['After restart', 'Second story', 'First story']);
    expect((await hub.push(self, body)).status).toBe(204);
    const titles = (await fetcher.rawDocuments()).map((document) => document.feedItem?.title);
    expect(titles).toContain('After restart');
  });

  it('renews before the lease lapses, and resumes polling when the renewal is never verified', async () => {
    const self = site.url('/short-lease.xml');
    hub.rules.set(self, { leaseSeconds: 3, verifyRenewals: false });
    site.routes.set('/short-lease.xml', (_request, response) =>
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(hub.url, self, ['Only story'])),
    );
    const source = await fetcher.add({ kind: 'feed', url: self, name: 'Short lease' });
    await fetcher.settled(source._id);
    const active = await websubState(source._id, 'active');
    const expiresAt = active.websub?.expiresAt as Date;

    const expired = await websubState(source._id, 'expired');
    const renewals = hub.requests.filter((entry) => entry.topic === self).slice(1);
    expect(renewals.length).toBeGreaterThanOrEqual(1);
    expect(renewals[0].at.getTime()).toBeLessThan(expiresAt.getTime());
    expect(expired.websub?.lastError).toMatch(/^lease lapsed at .* without a verified renewal$/);
    // Polling resumes at once, although the source's own interval (an hour) has not passed.
    await waitFor(async () => site.count('/short-lease.xml') >= 2, {
      timeoutMs: 10_000,
      intervalMs: 25,
      description: 'the feed to be polled again',
    });
  });

  it('falls back to polling when the hub refuses, with the hub’s reason on the source', async () => {
    const self = site.url('/refused.xml');
    hub.rules.set(self, { leaseSeconds: 60, verifyRenewals: true, refuse: 'topic not allowed here' });
    site.routes.set('/refused.xml', (_request, response) =>
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(hub.url, self, ['Story'])),
    );
    const source = await fetcher.add({ kind: 'feed', url: self, name: 'Refused', pollIntervalSeconds: 60 });
    await fetcher.settled(source._id);
    const refused = await websubState(source._id, 'refused');
    expect(refused.websub?.lastError).toBe(`hub ${hub.url} answered HTTP 403: topic not allowed here`);
    expect(refused.status.consecutiveErrors).toBe(0);
  });

  it('takes a hub’s denial of an active subscription and polls again at once', async () => {
    const self = site.url('/pushed.xml');
    const subscribe = hub.subscription(self);
    if (!subscribe) throw new Error('no subscription');
    const sourceId = subscribe.callback.split('/').at(-1) ?? '';
    const polls = site.count('/pushed.xml');
    const url = new URL(subscribe.callback);
    url.searchParams.set('hub.mode', 'denied');
    url.searchParams.set('hub.topic', self);
    url.searchParams.set('hub.reason', 'publisher revoked access');
    expect((await fetch(url)).status).toBe(200);
    const refused = await websubState(sourceId, 'refused');
    expect(refused.websub?.lastError).toBe('the hub denied the subscription: publisher revoked access');
    await waitFor(async () => site.count('/pushed.xml') > polls, {
      timeoutMs: 10_000,
      intervalMs: 25,
      description: 'the feed to be polled again',
    });
    expect((await hub.push(self, rss(hub.url, self, ['Late story']))).status).toBe(410);
  });

  it('discovers the hub from Link headers, which win over the document', async () => {
    const self = site.url('/linked-self.xml');
    hub.rules.set(self, { leaseSeconds: 60, verifyRenewals: true, refuse: 'not today' });
    site.routes.set('/linked.xml', (_request, response) => {
      // Two Link headers: the client must read both, not only the first.
      response.setHeader('link', [`<${self}>; rel="self"`, `<${hub.url}>; rel="hub"`]);
      response
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(rss('https://document-hub.example/', site.url('/document-self.xml'), ['Linked story']));
    });
    const source = await fetcher.add({ kind: 'feed', url: site.url('/linked.xml'), name: 'Linked' });
    await fetcher.settled(source._id);
    await websubState(source._id, 'refused');
    expect(hub.subscription(self)).toMatchObject({ topic: self, callback: `${callbackBase}/websub/${source._id}` });
  });

  it('does not renew the subscription of a paused source', async () => {
    const self = site.url('/paused.xml');
    hub.rules.set(self, { leaseSeconds: 2, verifyRenewals: true });
    site.routes.set('/paused.xml', (_request, response) =>
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(hub.url, self, ['Paused story'])),
    );
    const source = await fetcher.add({ kind: 'feed', url: self, name: 'Paused' });
    await fetcher.settled(source._id);
    await websubState(source._id, 'active');
    await fetcher.sources.setEnabled(source._id, false, new Date());
    const ended = await websubState(source._id, 'expired');
    expect(ended.websub?.lastError).toBe('not renewed: the source is paused');
    expect(hub.requests.filter((entry) => entry.topic === self)).toHaveLength(1);
  });

  it('drops the subscription of a removed source instead of renewing it', async () => {
    const self = site.url('/removed.xml');
    hub.rules.set(self, { leaseSeconds: 2, verifyRenewals: true });
    site.routes.set('/removed.xml', (_request, response) =>
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(hub.url, self, ['Removed story'])),
    );
    const source = await fetcher.add({ kind: 'feed', url: self, name: 'Removed' });
    await fetcher.settled(source._id);
    await websubState(source._id, 'active');
    const subscriptions = new WebSubSubscriptionRepository(fetcher.mongo);
    await fetcher.sources.remove(source._id);
    await waitFor(async () => (await subscriptions.get(source._id)) === null, {
      timeoutMs: 10_000,
      intervalMs: 25,
      description: 'the subscription to be dropped',
    });
    expect(hub.requests.filter((entry) => entry.topic === self)).toHaveLength(1);
  });
});
