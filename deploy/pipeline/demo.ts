// The bundled demo: the `samples/` drop folder (the messy sample page and an HTML page) and a feed served on
// loopback by a tiny static server, registered as sources so `npm start` shows articles flowing at once.
import { connectMongo, SourceExistsError, SourceRepository, type NewSource } from '@inkstream/persistence';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface RunningDemo {
  feedServerUrl: string;
  stop(): Promise<void>;
}

export const DEMO_FEED_PORT = 4010;

/** Serves deploy/demo/feeds/* on 127.0.0.1 only; anything else is 404. */
function startFeedServer(root: string, port: number): Promise<Server> {
  const dir = join(root, 'deploy', 'demo', 'feeds');
  const server = createServer((request, response) => {
    const name = (request.url ?? '/').split('?')[0].replace(/^\/+/, '');
    if (!/^[a-z0-9-]+\.(rss|atom|xml)$/.test(name)) {
      response.writeHead(404).end('not found');
      return;
    }
    readFile(join(dir, name)).then(
      (body) => response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(body),
      () => response.writeHead(404).end('not found'),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

export function demoSources(root: string, feedServerUrl: string): Array<{ id: string; source: NewSource }> {
  return [
    {
      id: 'demo-drop',
      source: {
        kind: 'drop',
        url: `file://${join(root, 'samples')}/`,
        name: 'Demo drop folder',
        allowListed: true,
        tags: ['demo'],
      },
    },
    {
      id: 'demo-city-desk',
      source: {
        kind: 'feed',
        url: `${feedServerUrl}/city-desk.rss`,
        name: 'City Desk (demo feed)',
        pollIntervalSeconds: 60,
        allowListed: true,
        tags: ['demo'],
      },
    },
  ];
}

export async function startDemo(options: {
  root: string;
  mongoUri: string;
  log: (line: string) => void;
}): Promise<RunningDemo> {
  const server = await startFeedServer(options.root, DEMO_FEED_PORT);
  const feedServerUrl = `http://127.0.0.1:${DEMO_FEED_PORT}`;
  options.log(`demo feed server on ${feedServerUrl}`);
  const mongo = await connectMongo(options.mongoUri, { appName: 'inkstream-demo' });
  try {
    const sources = new SourceRepository(mongo);
    await sources.ensureIndexes();
    for (const { id, source } of demoSources(options.root, feedServerUrl)) {
      try {
        await sources.add(source, new Date(), id);
        options.log(`registered demo source ${id}: ${source.url}`);
      } catch (error) {
        if (!(error instanceof SourceExistsError)) throw error;
        options.log(`demo source ${id} already registered`);
      }
    }
  } finally {
    await mongo.close();
  }
  return {
    feedServerUrl,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
