// An operator setting a source's own limits through the API: on add, bulk add and edit, refused with the field
// named when they do not fit, shown in the listing, and null for sources stored before the limits existed.
import { connectMongo, SourceRepository } from '@inkstream/persistence';
import type { Connection } from 'mongoose';
import { call, startGateway, type TestGateway } from './support';

const ADMIN = 'admin-token-for-tests';

interface SourceRow {
  id: string;
  pollIntervalSeconds: number | null;
  minIntervalSeconds: number | null;
  maxIntervalSeconds: number | null;
  maxItemsPerRun: number | null;
  backoffMaxSeconds: number | null;
  nextRunAt: string;
  message?: string;
}

const DEFAULTS = { minIntervalSeconds: null, maxIntervalSeconds: null, maxItemsPerRun: null, backoffMaxSeconds: null };

describe('per-source limits through the API (real Kafka + MongoDB)', () => {
  let gateway: TestGateway;
  let mongo: Connection;
  const api = (path: string) => `${gateway.url}${path}`;
  const post = (path: string, body: unknown) =>
    call<SourceRow & { refused: Array<{ url: string; reason: string }>; added: number }>(api(path), {
      method: 'POST',
      token: ADMIN,
      body,
    });
  const patch = (id: string, body: unknown) =>
    call<SourceRow>(api(`/api/sources/${id}`), { method: 'PATCH', token: ADMIN, body });

  beforeAll(async () => {
    gateway = await startGateway('gateway-source-limits', { GATEWAY_ADMIN_TOKEN: ADMIN });
    mongo = await connectMongo(gateway.mongoUri, { appName: 'gateway-source-limits-test' });
  });

  afterAll(async () => {
    await mongo?.close();
    await gateway?.service.stop();
  });

  it('adds sources with limits, one at a time and in bulk, refusing what does not fit by name', async () => {
    const added = await post('/api/sources', {
      kind: 'feed',
      url: 'https://limits.example/huge.xml',
      name: 'Huge',
      maxItemsPerRun: 5000,
      minIntervalSeconds: 120,
      maxIntervalSeconds: 900,
      backoffMaxSeconds: 600,
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      maxItemsPerRun: 5000,
      minIntervalSeconds: 120,
      maxIntervalSeconds: 900,
      backoffMaxSeconds: 600,
    });
    const plain = await post('/api/sources', { kind: 'feed', url: 'https://limits.example/plain.xml', name: 'Plain' });
    expect(plain.body).toMatchObject(DEFAULTS);

    const refused = await post('/api/sources', {
      kind: 'feed',
      url: 'https://limits.example/bad.xml',
      name: 'Bad',
      minIntervalSeconds: 600,
      maxIntervalSeconds: 60,
    });
    expect([refused.status, refused.body.message]).toEqual([
      400,
      'invalid body: maxIntervalSeconds: must be at least minIntervalSeconds (600), got 60',
    ]);

    const bulk = await post('/api/sources/bulk', [
      { kind: 'sitemap', url: 'https://limits.example/sitemap.xml', name: 'S', maxItemsPerRun: 500 },
      { kind: 'page', url: 'https://limits.example/page', name: 'P', maxItemsPerRun: 5 },
    ]);
    expect(bulk.body.added).toBe(1);
    expect(bulk.body.refused).toEqual([
      {
        index: 1,
        url: 'https://limits.example/page',
        reason: 'maxItemsPerRun: applies to feed, sitemap and drop sources (a page is one item)',
      },
    ]);
  });

  it('edits limits in place, clears them with null, and names the field it refuses', async () => {
    const source = (await post('/api/sources', { kind: 'feed', url: 'https://limits.example/edit.xml', name: 'E' }))
      .body;
    // Due far off (as after a quiet poll): a lower maximum brings the next run within it.
    await mongo
      .collection('sources')
      .updateOne({ _id: source.id as never }, { $set: { nextRunAt: new Date(Date.now() + 86_400_000) } });
    const before = Date.now();
    const edited = await patch(source.id, { maxIntervalSeconds: 300, maxItemsPerRun: 2000 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ maxIntervalSeconds: 300, maxItemsPerRun: 2000, minIntervalSeconds: null });
    expect(Date.parse(edited.body.nextRunAt)).toBeLessThanOrEqual(Date.now() + 300_000);
    expect(Date.parse(edited.body.nextRunAt)).toBeGreaterThanOrEqual(before + 300_000);

    expect((await patch(source.id, { maxItemsPerRun: null })).body).toMatchObject({ maxItemsPerRun: null });
    for (const [body, message] of [
      [
        { minIntervalSeconds: 600 },
        'invalid body: maxIntervalSeconds: must be at least minIntervalSeconds (600), got 300',
      ],
      [{ maxItemsPerRun: 0 }, 'invalid body: maxItemsPerRun: must be a positive number of items'],
      [{ backoffMaxSeconds: 'soon' }, 'invalid body: backoffMaxSeconds: must be a number of seconds or null'],
      [{ maxItems: 10 }, 'invalid body: unknown field(s): maxItems'],
    ] as const) {
      const refused = await patch(source.id, body);
      expect([refused.status, refused.body.message]).toEqual([400, expect.stringContaining(message)]);
    }
    // Lowering the maximum and raising the minimum in one edit is checked as a whole.
    expect((await patch(source.id, { minIntervalSeconds: 600, maxIntervalSeconds: 1200 })).body).toMatchObject({
      minIntervalSeconds: 600,
      maxIntervalSeconds: 1200,
    });
  });

  it('shows null limits in the listing for a source stored before they existed (no migration)', async () => {
    const sources = new SourceRepository(mongo);
    const old = await sources.add({ kind: 'feed', url: 'https://limits.example/old.xml', name: 'Old' }, new Date());
    await mongo
      .collection('sources')
      .updateOne(
        { _id: old._id as never },
        { $unset: { minIntervalSeconds: '', maxIntervalSeconds: '', maxItemsPerRun: '', backoffMaxSeconds: '' } },
      );
    const stored = await mongo.collection('sources').findOne({ _id: old._id as never });
    expect(stored).not.toHaveProperty('maxItemsPerRun');

    const listing = await call<{ sources: SourceRow[] }>(api('/api/sources?q=old'));
    expect(listing.body.sources).toEqual([expect.objectContaining({ id: old._id, ...DEFAULTS })]);
    expect((await call<SourceRow>(api(`/api/sources/${old._id}`))).body).toMatchObject(DEFAULTS);
    // An edit of an old record validates against the defaults it reads.
    expect((await patch(old._id, { maxItemsPerRun: 100 })).body).toMatchObject({ ...DEFAULTS, maxItemsPerRun: 100 });
  });
});
