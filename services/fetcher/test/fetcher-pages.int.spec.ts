import { spawn, type ChildProcess } from 'node:child_process';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { waitFor } from '@inkstream/testing';
import { contentOf, FetcherFixture, fetcherTestEnv, TestSite } from './fetcher-harness';

const ROOT = join(__dirname, '..', '..', '..');

interface FetcherProcess {
  child: ChildProcess;
  exited: Promise<NodeJS.Signals | number | null>;
  output: () => string;
}

/** The fetcher as a process of its own (main.ts, as deployed), so it can be SIGKILLed and SIGTERMed. */
function startFetcher(env: Record<string, string>): FetcherProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'services/fetcher/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  return { child, exited, output: () => output };
}

/** A failed wait shows what the fetcher process said. */
async function withOutput<T>(fetcherProcess: FetcherProcess, waiting: Promise<T>): Promise<T> {
  return waiting.catch((error: Error) => {
    throw new Error(`${error.message}\nfetcher output:\n${fetcherProcess.output().slice(-4000)}`);
  });
}

describe('full-text pages on the durable page queue (real process, SIGKILL and SIGTERM)', () => {
  jest.setTimeout(120_000);
  const site = new TestSite();
  const setup = fetcherTestEnv('fetcher-pages', {
    // Hung pages stay in flight for the whole test (they are cut by the kill or the stop, not by a timeout).
    FETCH_TIMEOUT_MS: '60000',
    FETCH_DEADLINE_MS: '90000',
    // A killed replica's page leases lapse quickly; the live one renews its own every second.
    FETCHER_LEASE_MS: '3000',
    FETCHER_STOP_GRACE_MS: '2000',
    FETCH_PAGE_CONCURRENCY: '4',
  });
  const fetcher = new FetcherFixture(setup);
  const hung: ServerResponse[] = [];
  let holdPages = true;
  let items = [1, 2, 3];
  const running: FetcherProcess[] = [];

  beforeAll(async () => {
    site.routes.set('/ft.xml', (_request, response) => {
      const entries = items
        .map(
          (n) =>
            `<item><title>Story ${n}</title><link>${site.url(`/p/${n}`)}</link><description>teaser ${n}</description></item>`,
        )
        .join('');
      response
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(`<rss version="2.0"><channel><title>FT</title>${entries}</channel></rss>`);
    });
    for (const n of [1, 2, 3, 4]) {
      site.routes.set(`/p/${n}`, (_request, response) => {
        if (holdPages || n === 4) {
          hung.push(response);
          return;
        }
        response
          .writeHead(200, { 'content-type': 'text/html' })
          .end(`<html><body><p>The whole story ${n}.</p></body></html>`);
      });
    }
    await site.start();
    await fetcher.connect();
  });

  afterAll(async () => {
    for (const fetcherProcess of running) fetcherProcess.child.kill('SIGKILL');
    await fetcher.stop();
    await site.stop();
  });

  it('loses no queued page when the fetcher is killed, refetches no seen item, and stops in order with pages in flight', async () => {
    const source = await fetcher.add({ kind: 'feed', url: site.url('/ft.xml'), fullText: true });

    // 1. The feed run queues its three pages and records the items seen; the pages hang; the process is killed.
    const first = startFetcher(setup.env);
    running.push(first);
    await withOutput(first, fetcher.settled(source._id, null, 60_000));
    await waitFor(async () => [1, 2, 3].every((n) => site.count(`/p/${n}`) === 1), {
      timeoutMs: 30_000,
      description: 'the three pages to be requested',
    });
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    expect(await fetcher.pages.countQueued(source._id)).toBe(3);
    expect((await fetcher.sources.get(source._id))?.status).toMatchObject({ itemsSeen: 3, itemsPublished: 0 });

    // 2. Restarted, once the dead replica's leases lapse, the queue publishes every page.
    holdPages = false;
    for (const response of hung.splice(0)) response.destroy();
    const second = startFetcher({ ...setup.env, LOG_LEVEL: 'info' });
    running.push(second);
    await fetcher.pagesDone(source._id, 30_000);
    const documents = await fetcher.rawDocuments(source._id);
    expect(documents.map((document) => [document.url, document.fetchedFrom, document.feedItem?.title]).sort()).toEqual(
      [1, 2, 3].map((n) => [site.url(`/p/${n}`), site.url(`/p/${n}`), `Story ${n}`]),
    );
    expect(documents.map(contentOf).sort()).toEqual([1, 2, 3].map((n) => expect.stringContaining(`story ${n}.`)));

    // 3. Polled again with one new item: the three seen items are not queued or fetched again, the new one is.
    items = [4, 1, 2, 3];
    await fetcher.pollAgain(source._id);
    await waitFor(async () => site.count('/p/4') === 1, { timeoutMs: 20_000, description: 'the new page requested' });
    expect([1, 2, 3].map((n) => site.count(`/p/${n}`))).toEqual([2, 2, 2]);

    // 4. A stop with that page hung in flight: in order, within the shutdown timeout, and the page stays queued.
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(second.output()).toContain('shutdown complete');
    expect(second.output()).not.toContain('shutdown timed out');
    expect(await fetcher.pages.countQueued(source._id)).toBe(1);
    for (const response of hung.splice(0)) response.destroy();
  });
});
