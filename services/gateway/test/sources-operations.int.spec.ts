// An operator registering and running thousands of feeds through the API: bulk add and OPML import in one call each
// (not throttled by the rate limit), export and re-import to the same sources, edits, and the paged listing.
import { call, startGateway, type TestGateway } from './support';

const ADMIN = 'admin-token-for-tests';
const FEEDS = 2_000;

interface SourceRow {
  id: string;
  kind: string;
  url: string;
  name: string;
  tags: string[];
  pollIntervalSeconds: number | null;
  fullText: boolean;
  enabled: boolean;
  sites: string[];
  state: string;
  latenessMs: number;
  nextRunAt: string;
  polls?: unknown[];
  terms?: unknown;
}
interface Listing {
  sources: SourceRow[];
  nextCursor: string | null;
  total: number;
}
interface Summary {
  added: number;
  existing: number;
  refused: Array<{ index?: number; url: string; reason: string }>;
  results: Array<{ index: number; outcome: string }>;
}

const OPML = (outlines: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><opml version="2.0"><head><title>t</title></head><body>${outlines}</body></opml>`;

describe('sources for many feeds through the API (real Kafka + MongoDB)', () => {
  let gateway: TestGateway;
  let copy: TestGateway;
  const api = (path: string, on: TestGateway = gateway) => `${on.url}${path}`;

  beforeAll(async () => {
    // A rate limit far below the number of feeds: one bulk call must count once.
    const env = {
      GATEWAY_ADMIN_TOKEN: ADMIN,
      GATEWAY_RATE_LIMIT_PER_MINUTE: '60',
      GATEWAY_MAX_IMPORT_BYTES: '1000000',
    };
    gateway = await startGateway('gateway-sources-ops', env);
    copy = await startGateway('gateway-sources-copy', env);
  });

  afterAll(async () => {
    await gateway?.service.stop();
    await copy?.service.stop();
  });

  /** Every source of a gateway, walking the pages. */
  const everySource = async (on: TestGateway): Promise<SourceRow[]> => {
    const rows: SourceRow[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/sources?limit=500&sort=name${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page: { status: number; body: Listing } = await call<Listing>(api(query, on));
      expect(page.status).toBe(200);
      rows.push(...page.body.sources);
      cursor = page.body.nextCursor;
    } while (cursor);
    return rows;
  };

  it('adds 2,000 feeds in one bulk call, each with its outcome, under a rate limit of 60 a minute', async () => {
    const feeds = Array.from({ length: FEEDS }, (_unused, index) => ({
      kind: 'feed',
      url: `https://origin${index % 10}.example/feeds/${index}.xml`,
      name: `Feed ${index}`,
      tags: index % 2 ? ['odd'] : [],
      pollIntervalSeconds: 60 + (index % 61),
    }));
    const started = Date.now();
    const added = await call<Summary>(api('/api/sources/bulk'), { method: 'POST', token: ADMIN, body: feeds });
    process.stdout.write(`bulk add of ${FEEDS} feeds: ${Date.now() - started} ms\n`);
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ added: FEEDS, existing: 0, refused: [] });

    const mixed = await call<Summary>(api('/api/sources/bulk'), {
      method: 'POST',
      token: ADMIN,
      body: [
        feeds[0],
        { kind: 'feed', url: 'https://new.example/rss', name: 'New', pollInterval: 5 },
        { kind: 'page', url: 'https://new.example/page', name: 'Page', fullText: true },
        'not an object',
        { kind: 'sitemap', url: 'https://new.example/sitemap.xml', name: 'Sitemap' },
      ],
    });
    expect(mixed.body.results.map((result) => result.outcome)).toEqual([
      'existing',
      'refused',
      'refused',
      'refused',
      'added',
    ]);
    expect(mixed.body.refused).toEqual([
      { index: 1, url: 'https://new.example/rss', reason: 'unknown field(s): pollInterval' },
      {
        index: 2,
        url: 'https://new.example/page',
        reason: 'fullText: full-text mode applies to feed sources only',
      },
      { index: 3, url: '', reason: '(root): Expected object, received string' },
    ]);

    const tooMany = await call<{ message: string }>(api('/api/sources/bulk'), {
      method: 'POST',
      token: ADMIN,
      body: Array.from({ length: 10_001 }, () => ({})),
    });
    expect(tooMany).toMatchObject({ status: 400, body: { message: expect.stringMatching(/at most 10000 sources/) } });
    const tooBig = await call<{ message: string }>(api('/api/sources/bulk'), {
      method: 'POST',
      token: ADMIN,
      body: [{ kind: 'feed', url: 'https://big.example/rss', name: 'x'.repeat(1_100_000) }],
    });
    expect(tooBig).toMatchObject({
      status: 413,
      body: { message: expect.stringMatching(/over the limit of 1000000 \(GATEWAY_MAX_IMPORT_BYTES\)/) },
    });
    expect((await call(api('/api/sources/bulk'), { method: 'POST', body: [feeds[0]] })).status).toBe(401);
  });

  it('pages and filters the listing with a total, state and lateness per source, and refuses bad parameters', async () => {
    const first = await call<Listing>(api('/api/sources?limit=3&sort=lateness'));
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(FEEDS + 1);
    expect(first.body.sources).toHaveLength(3);
    expect(first.body.sources[0]).toMatchObject({ state: 'ok', latenessMs: expect.any(Number) });
    expect(first.body.sources[0].terms).toBeUndefined();
    expect(first.body.sources[0].polls).toBeUndefined();
    const second = await call<Listing>(api(`/api/sources?limit=3&sort=lateness&cursor=${first.body.nextCursor}`));
    expect(second.body.sources.map((source) => source.id)).not.toContain(first.body.sources[2].id);

    // origin3 lists the feeds numbered 3, 13, 23…: all 200 odd ones.
    const odd = await call<Listing>(api('/api/sources?host=origin3.example&q=feed&tag=odd&limit=500'));
    expect(odd.body.total).toBe(200);
    expect(odd.body.sources.every((source) => source.url.startsWith('https://origin3.example/'))).toBe(true);
    const byWord = await call<Listing>(api('/api/sources?q=sitem'));
    expect(byWord.body.sources.map((source) => source.name)).toEqual(['Sitemap']);
    expect((await call<Listing>(api('/api/sources?state=paused'))).body).toEqual({
      sources: [],
      nextCursor: null,
      total: 0,
    });

    for (const [query, message] of [
      ['state=broken', /state: Invalid enum value/],
      ['sort=size', /sort: Invalid enum value/],
      ['limit=501', /limit: must be at most 500/],
      ['cursor=forged', /cursor: cursor is not one this API issued/],
      [`sort=name&cursor=${first.body.nextCursor}`, /cursor: was issued for sort=lateness, not sort=name/],
      ['verbose=1', /unknown field\(s\): verbose/],
    ] as const) {
      const refused = await call<{ message: string }>(api(`/api/sources?${query}`));
      expect([query, refused.status, refused.body.message]).toEqual([query, 400, expect.stringMatching(message)]);
    }
  });

  it('edits interval, full-text mode, tags, name and enabled in place; shows the poll history', async () => {
    const [row] = (await call<Listing>(api('/api/sources?host=origin7.example&limit=1'))).body.sources;
    const patch = (body: unknown, id = row.id) =>
      call<SourceRow & { message: string }>(api(`/api/sources/${id}`), { method: 'PATCH', token: ADMIN, body });
    const edited = await patch({ pollIntervalSeconds: 30, fullText: true, tags: ['edited'], name: 'Edited' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      id: row.id,
      url: row.url,
      pollIntervalSeconds: 30,
      fullText: true,
      tags: ['edited'],
      name: 'Edited',
    });
    expect((await patch({ enabled: false })).body).toMatchObject({ enabled: false, state: 'paused' });
    expect((await patch({ enabled: true })).body).toMatchObject({ enabled: true, state: 'ok' });
    expect((await patch({ pollInterval: 30 })).body.message).toMatch(/unknown field\(s\): pollInterval/);
    expect((await patch({ pollIntervalSeconds: 0 })).body.message).toMatch(/pollIntervalSeconds: must be a positive/);
    expect((await patch({})).status).toBe(400);
    expect((await patch({ name: 'x' }, 'src_missing')).status).toBe(404);
    const page = (await call<Listing>(api('/api/sources?q=sitemap'))).body.sources[0];
    expect((await patch({ fullText: true }, page.id)).body.message).toMatch(/full-text mode applies to feed sources/);

    const shown = await call<SourceRow>(api(`/api/sources/${row.id}`));
    expect(shown.body).toMatchObject({ id: row.id, name: 'Edited', polls: [], pollSummary: null });
  });

  it('imports OPML in one call, exports it, and a fresh gateway imports the export to the same sources', async () => {
    const imported = await call<Summary>(api('/api/sources/import'), {
      method: 'POST',
      token: ADMIN,
      headers: { 'Content-Type': 'text/x-opml' },
      body: OPML(
        '<outline text="World"><outline type="rss" text="Arab News" xmlUrl="https://www.arabnews.com/rss.xml"/></outline>' +
          '<outline type="rss" text="Again" xmlUrl="https://origin0.example/feeds/0.xml"/>' +
          '<outline type="rss" text="Nowhere"/>' +
          '<outline type="rss" text="Bad" xmlUrl="javascript:alert(1)"/>',
      ),
    });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({
      added: 1,
      existing: 1,
      refused: [
        { url: '', reason: 'outline 3 ("Nowhere") has no xmlUrl or url' },
        { url: 'javascript:alert(1)', reason: expect.stringMatching(/url: /) },
      ],
    });
    const arab = (await call<Listing>(api('/api/sources?q=arab'))).body.sources[0];
    expect(arab).toMatchObject({ name: 'Arab News', tags: ['World'], kind: 'feed' });

    const wrongType = await call<{ message: string }>(api('/api/sources/import'), {
      method: 'POST',
      token: ADMIN,
      body: { opml: '<opml/>' },
    });
    expect(wrongType).toMatchObject({ status: 415, body: { message: expect.stringMatching(/text\/x-opml/) } });
    const notOpml = await call<{ message: string }>(api('/api/sources/import'), {
      method: 'POST',
      token: ADMIN,
      headers: { 'Content-Type': 'application/xml' },
      body: '<rss><channel/></rss>',
    });
    expect(notOpml).toMatchObject({ status: 400, body: { message: expect.stringMatching(/not an OPML document/) } });

    const exported = await call<string>(api('/api/sources/export'));
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/^text\/x-opml/);
    const started = Date.now();
    const intoCopy = await call<Summary>(api('/api/sources/import', copy), {
      method: 'POST',
      token: ADMIN,
      headers: { 'Content-Type': 'text/xml' },
      body: exported.body,
    });
    process.stdout.write(`import of ${intoCopy.body.added} sources from OPML: ${Date.now() - started} ms\n`);
    expect(intoCopy.body).toMatchObject({ existing: 0, refused: [] });

    const fields = (rows: SourceRow[]) =>
      rows.map(({ id, kind, url, name, tags, pollIntervalSeconds, fullText, enabled, sites }) => ({
        id,
        kind,
        url,
        name,
        tags,
        pollIntervalSeconds,
        fullText,
        enabled,
        sites,
      }));
    const original = fields(await everySource(gateway));
    expect(original).toHaveLength(FEEDS + 2);
    expect(fields(await everySource(copy))).toEqual(original);
  });
});
