import { exampleRawDocument, Headers, Topics } from '@inkstream/contracts';
import { createKafka, PipelineProducer } from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import { ArticleRepository, articleModels, connectMongo } from '@inkstream/persistence';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import type { Page } from 'playwright-core';
import { partitionForKey } from '../src/topics/stage-trace';
import { launchBrowser, textContaining, textOf, type TestBrowser } from './browser';
import { article, call, cleanFrom, duplicateNotice, startGateway, type TestGateway } from './support';

const ADMIN = 'console-admin-token';
const READ = 'console-read-token';
const PARTITIONS = 2;

interface PageGlobals {
  document: {
    documentElement: { scrollWidth: number; clientWidth: number };
    body: unknown;
    querySelector(css: string): { getAttribute(name: string): string | null } | null;
  };
  getComputedStyle(element: unknown): { backgroundColor: string };
}

describe("operator's console in headless Chromium (real Kafka + MongoDB)", () => {
  let gateway: TestGateway;
  let producer: PipelineProducer;
  let mongo: Connection;
  let browser: TestBrowser;
  let page: Page;

  const story = {
    ...article({ id: 'art_console', title: 'Console story' }),
    traceId: 'trace-console',
    fetchedAt: new Date().toISOString(),
  };
  /** Before anything of this suite was produced (its messages' broker times are later). */
  const suiteStart = new Date(Date.now() - 1_000).toISOString();
  const storyPartition = partitionForKey(Topics.enrichedArticles, story.id, PARTITIONS);

  beforeAll(async () => {
    gateway = await startGateway('gateway-console', {
      GATEWAY_ADMIN_TOKEN: ADMIN,
      GATEWAY_READ_TOKEN: READ,
      GATEWAY_HISTORY_SAMPLE_MS: '1000',
    });
    producer = new PipelineProducer(
      createKafka({ clientId: 'gateway-console-test', brokers: gateway.brokers, logger: createLogger('test', 'warn') }),
      gateway.prefix,
    );
    await producer.connect();
    mongo = await connectMongo(gateway.mongoUri, { appName: 'gateway-console-test' });

    // The article's trip: its raw document, then the article on every keyed stage, then the stored record.
    await producer.publish(Topics.rawDocuments, exampleRawDocument({ id: 'raw_console', traceId: story.traceId }));
    await producer.publish(Topics.enrichedArticles, [
      article({ id: 'art_other_1' }),
      story,
      article({ id: 'art_other_2' }),
    ]);
    await producer.publish(Topics.cleanArticles, cleanFrom(story));
    const repository = new ArticleRepository(articleModels(mongo));
    const now = new Date().toISOString();
    await repository.upsertEnriched(story, now);
    await repository.recordDuplicate(duplicateNotice('art_console_copy', story.id, story.clusterId), now);

    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(gateway.url);
    await page.fill('#admin-token', ADMIN);
    await page.press('#admin-token', 'Tab');
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.service.stop();
    await producer?.disconnect();
    await mongo?.close();
  });

  it('browses a partition by key, trace id and header, shows a message with headers and pretty JSON, pages on', async () => {
    await page.waitForSelector(`#browse-topic option[value="${Topics.enrichedArticles}"]`, {
      state: 'attached',
      timeout: 30_000,
    });
    await page.selectOption('#browse-topic', Topics.enrichedArticles);
    await page.selectOption('#browse-partition', String(storyPartition));
    await page.fill('#browse-key', story.id);
    await page.click('#browse button[type="submit"]');
    const message = '#browse-result details.message';
    await page.waitForSelector(message, { timeout: 30_000 });
    expect(await page.locator(message).count()).toBe(1);
    expect(await page.textContent(`${message} [data-field="key"]`)).toBe(story.id);
    await page.click(`${message} summary`);
    expect(await page.textContent(`${message} table.headers`)).toContain(`${Headers.traceId}${story.traceId}`);
    // Pretty JSON: indented, one field per line.
    expect(await page.textContent(`${message} pre.json`)).toContain(`\n  "id": "${story.id}",\n`);

    // A trace id and a header find the same message; a header nobody sent finds none, and says so.
    await page.fill('#browse-key', '');
    await page.fill('#browse-trace', story.traceId);
    await page.click('#browse button[type="submit"]');
    await textContaining(page, '#browse-result [data-field="key"]', story.id);
    await page.fill('#browse-trace', '');
    await page.fill('#browse-header', `${Headers.sourceId}=nobody`);
    await page.click('#browse button[type="submit"]');
    await textContaining(page, '#browse-result', 'No message matched.');

    // Unfiltered, one message per page, from the first offset: Next page moves on by one.
    await page.fill('#browse-header', '');
    await page.fill('#browse-offset', '0');
    await page.fill('#browse-limit', '1');
    await page.click('#browse button[type="submit"]');
    await textContaining(page, '#browse-result [data-field="browse-summary"]', 'read 1 from 0');
    await page.click('#browse-result button[data-action="browse-next"]');
    await textContaining(page, '#browse-result [data-field="browse-summary"]', 'read 1 from 1');

    // From a time: one before the suite starts at the partition's first message; one in the future at its end.
    await page.fill('#browse-offset', '');
    await page.fill('#browse-timestamp', suiteStart);
    await page.click('#browse button[type="submit"]');
    await textContaining(page, '#browse-result [data-field="browse-summary"]', 'read 1 from 0');
    await page.fill('#browse-timestamp', new Date(Date.now() + 3_600_000).toISOString());
    await page.click('#browse button[type="submit"]');
    await textContaining(page, '#browse-result [data-field="browse-summary"]', 'reached the end of the partition');
    expect(await page.textContent('#browse-result')).toContain('No message matched.');
    await page.fill('#browse-timestamp', '');
  });

  it('opens an article from the latest list: duplicates, story, and its messages per stage into the browser', async () => {
    await page.click(`tr[data-article="${story.id}"] a`);
    await textOf(page, '[data-field="article-title"]', 'Console story');
    expect(await page.textContent('[data-field="trace-id"]')).toBe(story.traceId);
    expect(await page.textContent('[data-field="duplicates"]')).toContain('Copycat');
    for (const stage of ['fetched', 'enriched', 'stored and published']) {
      await page.waitForSelector(`tr[data-stage="${stage}"] button[data-action="browse-at"]`, { timeout: 60_000 });
    }
    // Nothing was sent to the candidate topic for this article: the page says it was not found, not an error.
    expect(await page.textContent('tr[data-stage="split"] [data-field="found"]')).toMatch(/not found/);

    await page.click('tr[data-stage="stored and published"] button[data-action="browse-at"]');
    await textContaining(page, '#browse-result [data-field="browse-summary"]', Topics.cleanArticles);
    expect(await page.textContent('#browse-result [data-field="key"]')).toBe(story.id);
  });

  it('adds, edits, pauses, resumes and removes a source with the admin token, and explains an import it cannot do', async () => {
    await page.fill('#source-url', 'https://feeds.example.org/world.xml');
    await page.fill('#source-name', 'Console Feed');
    await page.click('#source-add button[type="submit"]');
    await textContaining(page, '#status', 'added source Console Feed');
    const listed = await call<{ sources: Array<{ id: string; name: string }> }>(`${gateway.url}/api/sources`, {
      token: READ,
    });
    const added = listed.body.sources.find((source) => source.name === 'Console Feed');
    const row = `tr[data-source="${added?.id}"]`;
    await textContaining(page, row, 'active');
    await page.click(`${row} button[data-action="source-pause"]`);
    await textContaining(page, row, 'paused');
    await page.click(`${row} button[data-action="source-resume"]`);
    await textContaining(page, row, 'active');

    // Its detail and edit form: limits set, a refusal shown with the field the gateway named, then saved.
    await page.click(`${row} button[data-action="source-edit"]`);
    const form = '#source-edit-form';
    await page.waitForSelector(form);
    await page.fill(`${form} input[name="maxItemsPerRun"]`, '5000');
    await page.fill(`${form} input[name="minIntervalSeconds"]`, '600');
    await page.fill(`${form} input[name="maxIntervalSeconds"]`, '60');
    await page.click(`${form} button[type="submit"]`);
    await textContaining(
      page,
      `${form} [data-field="source-edit-error"]`,
      'maxIntervalSeconds: must be at least minIntervalSeconds (600)',
    );
    await page.fill(`${form} input[name="maxIntervalSeconds"]`, '');
    await page.click(`${form} button[type="submit"]`);
    await textContaining(page, '#status', 'saved source Console Feed (minIntervalSeconds, maxItemsPerRun)');
    const edited = await call(`${gateway.url}/api/sources/${added?.id}`, { token: READ });
    expect(edited.body).toMatchObject({ maxItemsPerRun: 5000, minIntervalSeconds: 600, maxIntervalSeconds: null });
    expect(await page.inputValue(`${form} input[name="maxItemsPerRun"]`)).toBe('5000');
    await page.click(`${form} button[data-action="source-edit-close"]`);
    await page.waitForSelector('#source-detail', { state: 'hidden' });
    page.once('dialog', (dialog) => void dialog.accept());
    await page.click(`${row} button[data-action="source-remove"]`);
    await textContaining(page, '#status', 'removed source');
    await page.waitForSelector(row, { state: 'detached', timeout: 30_000 });

    // The import endpoint belongs to the sources API; the page's handling of its answers is what is tested here.
    const opml = { name: 'feeds.opml', mimeType: 'text/x-opml', buffer: Buffer.from('<opml version="2.0"/>') };
    await page.route('**/api/sources/import', (route) =>
      route.fulfill({ status: 404, contentType: 'application/json', body: '{"message":"Cannot POST"}' }),
    );
    await page.setInputFiles('#opml-file', opml);
    await page.click('#source-import button[type="submit"]');
    await textContaining(page, '[data-field="import-error"]', 'cannot import OPML yet');
    await page.unroute('**/api/sources/import');
    await page.route('**/api/sources/import', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ added: 2, existing: 1, refused: [{ url: 'ftp://x', reason: 'not http(s)' }] }),
      }),
    );
    await page.click('#source-import button[type="submit"]');
    await textContaining(page, '[data-field="import-summary"]', '2 added · 1 already there · 1 refused');
    await page.unroute('**/api/sources/import');
  });

  it('draws the rate from the history the gateway keeps, so a reload starts with the charts drawn', async () => {
    const history = await call<{ times: number[]; series: Record<string, Array<number | null>> }>(
      `${gateway.url}/api/history`,
      { token: READ },
    );
    expect(history.status).toBe(200);
    expect(history.body.series[`topic-end ${Topics.enrichedArticles}`]?.at(-1)).toBe(3);
    await page.reload();
    // The browser keeps nothing between loads: a drawn line right after a reload came from the server.
    await page.waitForFunction(
      () =>
        (
          (globalThis as unknown as PageGlobals).document
            .querySelector('tr[data-topic="news.enriched.v1"] svg path')
            ?.getAttribute('d') ?? ''
        ).length > 0,
      undefined,
      { timeout: 30_000 },
    );
  });

  it('follows the system dark mode and fits 390 px without horizontal scrolling', async () => {
    const background = () =>
      page.evaluate(() => {
        const window = globalThis as unknown as PageGlobals;
        return window.getComputedStyle(window.document.body).backgroundColor;
      });
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await background()).toBe('rgb(249, 250, 251)');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await background()).toBe('rgb(12, 17, 29)');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${gateway.url}/#article/${story.id}`);
    await textOf(page, '[data-field="article-title"]', 'Console story');
    await page.waitForSelector('tr[data-article]', { timeout: 30_000 });
    // For a look by eye (never a tracked file): the article page, dark, on a phone-sized screen.
    await page.screenshot({
      path: join(__dirname, '..', '..', '..', '.cache', 'test-results', 'console-390-dark.png'),
    });
    const width = await page.evaluate(
      () => (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(390);
  });

  it('refuses unknown parameters, unknown topics and missing tokens on the browser API', async () => {
    const base = `${gateway.url}/api/topics`;
    expect((await call(`${base}`)).status).toBe(401);
    const typo = await call<{ message: string }>(`${base}/news.clean.v1/partitions/0/messages?offest=1`, {
      token: READ,
    });
    expect(typo.status).toBe(400);
    expect(typo.body.message).toMatch(/offest/);
    const secret = await call<{ message: string }>(`${base}/__consumer_offsets/partitions/0/messages`, {
      token: READ,
    });
    expect(secret.status).toBe(400);
    expect((await call(`${base}/news.clean.v1/partitions/0/messages?limit=1000`, { token: READ })).status).toBe(400);
    const missing = await call<{ message: string }>(`${base}/news.clean.v1/partitions/7/messages`, { token: READ });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain('has no partition 7');
    expect((await call(`${gateway.url}/api/history?window=2h`, { token: READ })).status).toBe(400);
    expect((await call(`${gateway.url}/api/articles/art_console/trace?x=1`, { token: READ })).status).toBe(400);
  });
});
