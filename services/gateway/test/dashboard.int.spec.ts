import { DeadLetterHeaders, exampleRawDocument, Topics, withPrefix } from '@inkstream/contracts';
import { createKafka, PipelineProducer } from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import { ArticleRepository, articleModels, connectMongo } from '@inkstream/persistence';
import { consumeMessages } from '@inkstream/testing';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import type { Page } from 'playwright-core';
import { launchBrowser, textOf as waitForText, type TestBrowser } from './browser';
import { article, call, cleanFrom, startGateway, type TestGateway } from './support';

const ADMIN = 'dashboard-admin-token';
const STORE_DLQ = 'news.enriched.v1.inkstream.store.dlq';
// The README's screenshot is refreshed on request only (INKSTREAM_UPDATE_SCREENSHOT=1): a test run must not rewrite
// tracked files.
const SCREENSHOT = join(
  __dirname,
  ...(process.env.INKSTREAM_UPDATE_SCREENSHOT === '1'
    ? ['..', '..', '..', 'docs']
    : ['..', '..', '..', '.cache', 'test-results']),
  'dashboard.png',
);

describe('operators dashboard in headless Chromium (real Kafka + MongoDB)', () => {
  let gateway: TestGateway;
  let producer: PipelineProducer;
  let mongo: Connection;
  let browser: TestBrowser;
  let page: Page;

  const textOf = (selector: string, expected: string) => waitForText(page, selector, expected);

  beforeAll(async () => {
    // History sampled every second, so the charts (and the README's screenshot) draw within the test's few seconds.
    gateway = await startGateway('gateway-dashboard', {
      GATEWAY_ADMIN_TOKEN: ADMIN,
      GATEWAY_HISTORY_SAMPLE_MS: '1000',
    });
    producer = new PipelineProducer(
      createKafka({
        clientId: 'gateway-dashboard-test',
        brokers: gateway.brokers,
        logger: createLogger('test', 'warn'),
      }),
      gateway.prefix,
    );
    await producer.connect();
    mongo = await connectMongo(gateway.mongoUri, { appName: 'gateway-dashboard-test' });
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.service.stop();
    await producer?.disconnect();
    await mongo?.close();
  });

  it('shows topics and lag moving, services down, latest articles, and replays a dead letter from the page', async () => {
    const source = await call<{ id: string }>(`${gateway.url}/api/sources`, {
      method: 'POST',
      token: ADMIN,
      body: { kind: 'feed', url: 'https://www.arabnews.com/rss.xml', name: 'Arab News', tags: ['world'] },
    });
    await page.goto(gateway.url);
    await page.fill('#admin-token', ADMIN);
    await page.press('#admin-token', 'Tab');
    await textOf('tr[data-topic="news.enriched.v1"] [data-field="end-offsets"]', '0');
    await textOf('tr[data-group="inkstream.store news.enriched.v1"] [data-field="lag"]', '0');
    await textOf('[data-service="ghost"] [data-field="status"]', 'DOWN');
    await textOf('[data-service="gateway"] [data-field="status"]', 'up');
    expect(await page.textContent(`tr[data-source="${source.body.id}"]`)).toMatch(/Arab News.*feed.*active.*never/);

    // Traffic through the pipeline's topics; nothing consumes them here, so the store's lag grows with it.
    await producer.publish(
      Topics.rawDocuments,
      [1, 2, 3, 4].map((n) => exampleRawDocument({ id: `raw_${n}`, sourceId: `src-${n}` })),
    );
    const enriched = [1, 2, 3, 4, 5].map((n) => article({ id: `art_d${n}`, title: `Dashboard story ${n}` }));
    await producer.publish(Topics.enrichedArticles, enriched);
    await producer.publish(
      Topics.cleanArticles,
      enriched.slice(0, 3).map((item) => cleanFrom(item)),
    );
    await new ArticleRepository(articleModels(mongo)).upsertEnriched(enriched[0], new Date().toISOString());

    await textOf('tr[data-topic="news.enriched.v1"] [data-field="end-offsets"]', '5');
    await textOf('tr[data-topic="news.raw.v1"] [data-field="end-offsets"]', '4');
    await textOf('tr[data-group="inkstream.store news.enriched.v1"] [data-field="lag"]', '5');
    await textOf('tr[data-group="inkstream.splitter news.raw.v1"] [data-field="lag"]', '4');
    await page.waitForSelector('tr[data-article="art_d1"]', { timeout: 30_000 });
    expect(await page.textContent('tr[data-article="art_d1"]')).toContain('Jens Stoltenberg');

    // A dead letter appears, is opened and replayed from the page.
    await producer.sendRaw(withPrefix(gateway.prefix, STORE_DLQ), [
      {
        key: 'art_poison',
        value: '{"schemaVersion": 1, "id": "art_poison"',
        headers: {
          [DeadLetterHeaders.error]: 'InvalidMessageError: malformed JSON for enriched-article',
          [DeadLetterHeaders.errorKind]: 'invalid-message',
          [DeadLetterHeaders.originalTopic]: Topics.enrichedArticles,
          [DeadLetterHeaders.originalPartition]: '0',
          [DeadLetterHeaders.originalOffset]: '3',
          [DeadLetterHeaders.attempts]: '0',
          [DeadLetterHeaders.consumerGroup]: 'inkstream.store',
          [DeadLetterHeaders.failedAt]: new Date().toISOString(),
        },
      },
    ]);
    await textOf(`tr[data-dlq="${STORE_DLQ}"] [data-field="pending"]`, '1');
    await page.click(`button[data-action="toggle"][data-topic="${STORE_DLQ}"]`);
    const replay = `button[data-action="replay"][data-topic="${STORE_DLQ}"]`;
    await page.waitForSelector(replay, { timeout: 30_000 });
    expect(await page.textContent('#dead-letter-messages')).toContain('malformed JSON for enriched-article');
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    await page.click(replay);
    await textOf('#status', `replayed 1 dead letter(s) of ${STORE_DLQ}`);
    await textOf(`tr[data-dlq="${STORE_DLQ}"] [data-field="pending"]`, '0');
    const onTopic = await consumeMessages(gateway.brokers, withPrefix(gateway.prefix, Topics.enrichedArticles), {
      count: 6,
    });
    const replayed = onTopic.find((message) => message.key === 'art_poison');
    expect(replayed?.rawValue).toBe('{"schemaVersion": 1, "id": "art_poison"');
    expect(replayed?.headers[DeadLetterHeaders.replayCount]).toBe('1');
  });
});
