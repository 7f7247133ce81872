// The bundled demo: the `samples/` drop folder (the messy sample page and an HTML page) and a feed served on
// loopback by a tiny static server, registered as sources so `npm start` shows articles flowing at once.
import { connectMongo, SourceExistsError, SourceRepository, type NewSource } from '@inkstream/persistence';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_DEMO_FEED_PORT } from './ports';

export interface RunningDemo {
  feedServerUrl: string;
  stop(): Promise<void>;
}

/**
 * Serves deploy/demo/feeds/* on 127.0.0.1 only; anything else is 404. The feeds' links name the default port; they
 * are served with the port the server really has, so the items stay on the feed's own origin whatever `--ports` is.
 */
export function startDemoFeedServer(root: string, port: number): Promise<Server> {
  const written = `http://127.0.0.1:${DEFAULT_DEMO_FEED_PORT}`;
  const served = `http://127.0.0.1:${port}`;
  const dir = join(root, 'deploy', 'demo', 'feeds');
  const server = createServer((request, response) => {
    const name = (request.url ?? '/').split('?')[0].replace(/^\/+/, '');
    if (!/^[a-z0-9-]+\.(rss|atom|xml)$/.test(name)) {
      response.writeHead(404).end('not found');
      return;
    }
    readFile(join(dir, name), 'utf8').then(
      (body) =>
        response
          .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
          .end(body.replaceAll(written, served)),
      () => response.writeHead(404).end('not found'),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(demoListenError(error, port)));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** A listen failure that says it is the demo's, and the two ways out. */
export function demoListenError(error: NodeJS.ErrnoException, port: number): Error {
  const why =
    error.code === 'EADDRINUSE'
      ? `port ${port} on 127.0.0.1 is already in use (another pipeline's demo?)`
      : `${error.code ?? 'error'}: ${error.message}`;
  return new Error(
    `the demo feed server cannot listen: ${why}; start with --no-demo (INKSTREAM_DEMO=0), or move every port ` +
      'with --ports BASE|auto',
    { cause: error },
  );
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
  /** the feed server's port (ports.ts demoFeedPort: follows --ports) */
  feedPort: number;
  log: (line: string) => void;
}): Promise<RunningDemo> {
  const server = await startDemoFeedServer(options.root, options.feedPort);
  const feedServerUrl = `http://127.0.0.1:${options.feedPort}`;
  options.log(`demo feed server on ${feedServerUrl}`);
  const mongo = await connectMongo(options.mongoUri, { appName: 'inkstream-demo' });
  try {
    const sources = new SourceRepository(mongo);
    await sources.ensureIndexes();
    for (const { id, source } of demoSources(options.root, feedServerUrl)) {
      try {
        // Registered by an earlier run on other ports: the feed moved with them, so its source must too.
        const registered = await sources.get(id);
        if (registered && registered.url !== source.url) {
          await sources.remove(id);
          options.log(`demo source ${id} moved from ${registered.url}`);
        }
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
