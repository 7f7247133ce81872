// Who owns an article (docs/reliability.md), end to end on real Kafka and a real MongoDB-protocol server, with the
// real fetcher: an outlet and a squatter on two ports of one loopback host, the outlet's feed and sitemap as two
// sources, two drop sources over overlapping folders and a folder ingested under two source ids. Squats must never
// take the outlet's article; legitimate sharing must give one article plus duplicate records; nothing is dead-lettered.
import { runAudit } from '@inkstream/audit';
import { newTraceId, scopedArticleId, Topics, type CleanArticle } from '@inkstream/contracts';
import { buildRawDocument, DEFAULT_RAW_DOCUMENT_LIMITS, fileUrl } from '@inkstream/fetching';
import { createKafka, PipelineProducer } from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import { connectMongo, SourceRepository } from '@inkstream/persistence';
import type { RunningService } from '@inkstream/runtime';
import { serviceTestEnv, waitFor } from '@inkstream/testing';
import type { Admin, Kafka } from 'kafkajs';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Collection, Connection } from 'mongoose';
import { startStages, stopStages } from './pipeline-stages';

type StoredArticle = CleanArticle & { _id: string };

// Stories written apart, so none is a near-copy of another: only the copies a test makes on purpose are.
const STORIES = {
  footbridge: [
    'The harbour board approved a new footbridge across the inner basin after two years of planning disputes.',
    'Engineers expect the steel span to arrive by barge in March and to be lifted into place over one weekend.',
    'Fishing crews had argued that a fixed bridge would block their masts, so the design now swings open at high tide.',
    'The cost, 6.2 million euros, will be shared between the port authority and a regional transport fund.',
  ],
  tram: [
    'City councillors agreed on Thursday to extend the number 4 tram line to the university campus in the north.',
    'Construction of the 3.5 kilometre extension should begin next autumn and take roughly thirty months to finish.',
    'Shopkeepers along Mill Street asked for compensation during the works, which will close the road to cars.',
    'Transport officials predict twelve thousand extra passengers a day once the five new stops are open.',
  ],
  bridgeHoax: [
    'An anonymous blog claimed that the harbour crossing was cancelled because divers found an unexploded mine.',
    'No naval source confirmed any such discovery, and the photographs attached to the post were years old.',
    'Readers shared the claim thousands of times before local radio presenters began to question where it came from.',
  ],
  tramHoax: [
    'A viral message said the northern tram project had collapsed after its contractor went bankrupt overnight.',
    'The contractor named in the message does not exist in the company register, according to our checks.',
    'Several commuters said they had received the same text twice from numbers they did not recognise.',
  ],
  library: [
    'Eastfield library reopened its doors on Saturday after a fire in the reading room closed it for a year.',
    'Volunteers rebound more than four hundred damaged books and a local bakery donated breakfast for the opening.',
    'The children’s corner now has a small stage where authors will read every second Sunday of the month.',
  ],
  budget: [
    'Westbrook council postponed its budget vote after two members fell ill and the chamber lacked a quorum.',
    'The finance committee had proposed cutting street lighting hours to close a gap of 900,000 pounds.',
    'Opposition members said the delay gives residents a chance to comment on the lighting plan before it passes.',
  ],
};

const html = (title: string, paragraphs: string[], canonical: string | null) =>
  `<!doctype html><html><head><title>${title}</title>` +
  (canonical ? `<link rel="canonical" href="${canonical}">` : '') +
  `</head><body><article><h1>${title}</h1>${paragraphs.map((text) => `<p>${text}</p>`).join('')}</article></body></html>`;

const rss = (title: string, items: Array<{ title: string; link: string; paragraphs: string[] }>) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${title}</title>` +
  items
    .map(
      (item) =>
        `<item><title>${item.title}</title><link>${item.link}</link><guid>${item.link}</guid>` +
        `<pubDate>Tue, 01 Dec 2026 09:00:00 GMT</pubDate>` +
        `<description><![CDATA[${item.paragraphs.map((text) => `<p>${text}</p>`).join('')}]]></description></item>`,
    )
    .join('') +
  '</channel></rss>';

const sitemap = (urls: string[]) =>
  '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' +
  urls.map((url) => `<url><loc>${url}</loc><lastmod>2026-12-01T09:00:00Z</lastmod></url>`).join('') +
  '</urlset>';

/** A loopback site answering from a path → [content type, body] table. */
async function site(pages: Map<string, [string, string]>): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const page = pages.get(request.url ?? '');
    if (!page) response.writeHead(404).end();
    else response.writeHead(200, { 'content-type': page[0] }).end(page[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Messages ever written to this test's dead-letter topics. */
async function deadLetterCount(admin: Admin, prefix: string): Promise<number> {
  const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix) && topic.endsWith('.dlq'));
  let count = 0;
  for (const topic of topics) {
    for (const partition of await admin.fetchTopicOffsets(topic)) count += Number(partition.high);
  }
  return count;
}

describe('who owns an article, end to end (fetcher to store, real Kafka + MongoDB protocol)', () => {
  const e2e = serviceTestEnv('owners', { KAFKA_TOPIC_PARTITIONS: '2' });
  const drop = mkdtempSync(join(tmpdir(), 'inkstream-owners-drop-'));
  const dropUrl = pathToFileURL(`${drop}/`).href;
  const services: RunningService[] = [];
  const servers: Server[] = [];
  const outletPages = new Map<string, [string, string]>();
  const squatterPages = new Map<string, [string, string]>();
  const since = Date.now();
  let outlet = '';
  let squatter = '';
  let mongo: Connection;
  let articles: Collection<StoredArticle>;
  let sources: SourceRepository;
  let kafka: Kafka;
  let admin: Admin;

  const first = { title: 'Harbour footbridge approved', paragraphs: STORIES.footbridge };
  const second = { title: 'Tram line extension agreed', paragraphs: STORIES.tram };
  const urlOf = (slug: string) => `${outlet}/news/${slug}`;
  const addSource = (id: string, kind: 'feed' | 'sitemap' | 'drop', url: string) =>
    sources.add({ kind, url, name: id }, new Date(), id);
  const articleFrom = (sourceId: string, url: string) =>
    waitFor(async () => articles.findOne({ sourceId, url }), {
      timeoutMs: 60_000,
      intervalMs: 300,
      description: `the article of ${url} from ${sourceId}`,
    });

  beforeAll(async () => {
    ({ server: servers[0], origin: outlet } = await site(outletPages));
    ({ server: servers[1], origin: squatter } = await site(squatterPages));
    outletPages.set('/news/first', ['text/html', html(first.title, first.paragraphs, urlOf('first'))]);
    outletPages.set('/news/second', ['text/html', html(second.title, second.paragraphs, urlOf('second'))]);
    outletPages.set('/feed.xml', [
      'application/rss+xml',
      rss('The Outlet', [
        { ...first, link: urlOf('first') },
        { ...second, link: urlOf('second') },
      ]),
    ]);
    outletPages.set('/sitemap.xml', ['application/xml', sitemap([urlOf('first'), urlOf('second')])]);
    // The squatter's feeds list the outlet's URLs with text of their own.
    squatterPages.set('/before.xml', [
      'application/rss+xml',
      rss('Squatter', [{ title: 'Footbridge scrapped', link: urlOf('first'), paragraphs: STORIES.bridgeHoax }]),
    ]);
    squatterPages.set('/after.xml', [
      'application/rss+xml',
      rss('Squatter', [{ title: 'Tram line cancelled', link: urlOf('second'), paragraphs: STORIES.tramHoax }]),
    ]);

    const env = {
      ...e2e.env,
      FETCHER_CLAIM_INTERVAL_MS: '200',
      FETCH_ALLOW_LIST: `127.0.0.1,${dropUrl}`,
      FETCH_RESPECT_ROBOTS: 'false',
      FETCH_PER_ORIGIN_INTERVAL_MS: '0',
    };
    await startStages(env, services);
    mongo = await connectMongo(e2e.mongoUri, { appName: 'owners-test' });
    articles = mongo.collection<StoredArticle>('articles');
    sources = new SourceRepository(mongo);
    kafka = createKafka({
      clientId: 'owners-test',
      brokers: e2e.kafkaBrokers,
      logger: createLogger('owners', 'silent'),
    });
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await stopStages(services);
    await admin?.disconnect();
    await mongo?.close();
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
    rmSync(drop, { recursive: true, force: true });
  });

  it("squat before publish, from another port of the same host: the outlet's article is its own, not a duplicate", async () => {
    await addSource('squatter-before', 'feed', `${squatter}/before.xml`);
    const squat = await articleFrom('squatter-before', urlOf('first'));
    await addSource('outlet-feed', 'feed', `${outlet}/feed.xml`);
    const own = await articleFrom('outlet-feed', urlOf('first'));

    expect(own._id).not.toBe(squat._id);
    expect(squat._id).toBe(scopedArticleId('squatter-before', own._id));
    expect(own).toMatchObject({ title: first.title, paragraphs: first.paragraphs });
    expect(own.contentOrigin).toMatchObject({ urlIdentity: true });
    expect(squat.contentOrigin).toMatchObject({ urlIdentity: false, sourceSites: [squatter.replace('http://', '')] });
    // Neither is recorded as the other's copy: the squatter's text does not hold the URL.
    expect(await mongo.collection('duplicates').countDocuments({})).toBe(0);
  });

  it("squat after publish: the squatter's text stays under its own id and the outlet's article is untouched", async () => {
    const own = await articleFrom('outlet-feed', urlOf('second'));
    await addSource('squatter-after', 'feed', `${squatter}/after.xml`);
    const squat = await articleFrom('squatter-after', urlOf('second'));

    expect(squat._id).toBe(scopedArticleId('squatter-after', own._id));
    expect(squat.paragraphs).toEqual(STORIES.tramHoax);
    expect(await articles.findOne({ _id: own._id })).toMatchObject({
      sourceId: 'outlet-feed',
      title: second.title,
      paragraphs: second.paragraphs,
      duplicates: [],
    });
  });

  it("the outlet's feed and its sitemap as two sources: one article each, the sitemap's pages recorded as duplicates", async () => {
    await addSource('outlet-sitemap', 'sitemap', `${outlet}/sitemap.xml`);
    for (const slug of ['first', 'second']) {
      const shared = await waitFor(
        async () =>
          articles.findOne({
            url: urlOf(slug),
            sourceId: 'outlet-feed',
            'duplicates.source.id': 'outlet-sitemap',
          }),
        { timeoutMs: 60_000, intervalMs: 300, description: `the sitemap's ${slug} page recorded as a duplicate` },
      );
      expect(shared.duplicates).toEqual([
        expect.objectContaining({ id: scopedArticleId('outlet-sitemap', shared._id), method: 'url' }),
      ]);
      // The outlet's article and the squatter's: never a second article of the outlet's.
      expect(await articles.countDocuments({ url: urlOf(slug) })).toBe(2);
    }
  });

  it("an aggregator in full-text mode fetches the outlet's page: that text is the outlet's, recorded as a duplicate", async () => {
    squatterPages.set('/aggregator.xml', [
      'application/rss+xml',
      rss('Aggregator', [{ title: 'Bridge news', link: urlOf('first'), paragraphs: ['A summary of our own.'] }]),
    ]);
    await sources.add(
      { kind: 'feed', url: `${squatter}/aggregator.xml`, name: 'aggregator', fullText: true },
      new Date(),
      'aggregator',
    );
    const shared = await waitFor(
      async () => articles.findOne({ url: urlOf('first'), 'duplicates.source.id': 'aggregator' }),
      { timeoutMs: 60_000, intervalMs: 300, description: "the aggregator's fetch of the page recorded as a duplicate" },
    );
    expect(shared).toMatchObject({ sourceId: 'outlet-feed', title: first.title });
    expect(shared.duplicates).toContainEqual(
      expect.objectContaining({ id: scopedArticleId('aggregator', shared._id), method: 'url', similarity: 1 }),
    );
    expect(await articles.countDocuments({ sourceId: 'aggregator' })).toBe(0);
  });

  it('two drop sources over overlapping folders: one article, the other recorded as its duplicate', async () => {
    mkdirSync(join(drop, 'desk'));
    writeFileSync(join(drop, 'desk', 'library.html'), html('Library reopens', STORIES.library, null));
    await addSource('drop-all', 'drop', dropUrl);
    await addSource('drop-desk', 'drop', pathToFileURL(join(drop, 'desk')).href);
    const original = await waitFor(
      async () => articles.findOne({ title: 'Library reopens', 'duplicates.0': { $exists: true } }),
      { timeoutMs: 60_000, intervalMs: 300, description: 'the dropped file stored once, with one duplicate' },
    );
    expect(await articles.countDocuments({ title: 'Library reopens' })).toBe(1);
    expect(original.duplicates).toHaveLength(1);
    expect(new Set([original.sourceId, original.duplicates[0].source.id])).toEqual(new Set(['drop-all', 'drop-desk']));
  });

  it('a folder ingested again under another source id: one article, the second ingest recorded as a duplicate', async () => {
    // What `inkstream ingest --source-id` publishes (tools/cli ingest), once per source id.
    const path = join(drop, 'ingest', 'budget.html');
    const content = html('Budget vote delayed', STORIES.budget, null);
    const producer = new PipelineProducer(kafka, e2e.prefix);
    await producer.connect();
    try {
      for (const sourceId of ['ingest-monday', 'ingest-tuesday']) {
        await producer.publish(
          Topics.rawDocuments,
          buildRawDocument(
            {
              source: { id: sourceId, name: sourceId, kind: 'drop', url: fileUrl(join(drop, 'ingest')) },
              url: fileUrl(path),
              itemKey: `file:${path}`,
              content,
              contentType: 'text/html; charset=utf-8',
              fetchedAt: new Date(),
              traceId: newTraceId(),
            },
            DEFAULT_RAW_DOCUMENT_LIMITS,
          ),
        );
      }
    } finally {
      await producer.disconnect();
    }
    const original = await waitFor(
      async () => articles.findOne({ title: 'Budget vote delayed', 'duplicates.0': { $exists: true } }),
      { timeoutMs: 60_000, intervalMs: 300, description: 'the ingested file stored once, with one duplicate' },
    );
    expect(await articles.countDocuments({ title: 'Budget vote delayed' })).toBe(1);
    expect(original.duplicates).toEqual([expect.objectContaining({ method: 'content-hash', similarity: 1 })]);
  });

  it('dead-letters nothing, and the audit names the squatters’ texts without a squat held under a URL', async () => {
    expect(await deadLetterCount(admin, e2e.prefix)).toBe(0);
    const report = await runAudit({
      kafka,
      admin,
      mongo,
      topicPrefix: e2e.prefix,
      window: { since: since - 1_000, until: Date.now() + 1_000 },
      now: Date.now(),
      inFlightGraceMs: 0,
    });
    expect(report.summary).toMatchObject({ notOwnersText: 2, squats: 0, storedTwice: 0 });
    expect(report.summary.byStatus).toMatchObject({ 'dead-letter': 0, unaccounted: 0 });
    const named = report.accounts.flatMap((account) => account.notOwnersText);
    expect(new Set(named.map((found) => found.sourceId))).toEqual(new Set(['squatter-before', 'squatter-after']));
  });
});
