import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { startDemo, startDemoFeedServer } from './demo';
import { freePort } from './ports';

const ROOT = join(__dirname, '..', '..');

describe('demo feed server', () => {
  it('serves the demo feed with links on the port it really listens on', async () => {
    const port = await freePort('127.0.0.1');
    const server = await startDemoFeedServer(ROOT, port);
    try {
      const body = await (await fetch(`http://127.0.0.1:${port}/city-desk.rss`)).text();
      expect(body).toContain(`http://127.0.0.1:${port}/news/`);
      expect(body).not.toContain('127.0.0.1:4010');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a port in use fails naming the demo, --no-demo and --ports, before touching the database', async () => {
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const { port } = squatter.address() as { port: number };
    try {
      await expect(
        startDemo({ root: ROOT, mongoUri: 'mongodb://127.0.0.1:1/unused', feedPort: port, log: () => undefined }),
      ).rejects.toThrow(
        `the demo feed server cannot listen: port ${port} on 127.0.0.1 is already in use (another pipeline's demo?); ` +
          'start with --no-demo (INKSTREAM_DEMO=0), or move every port with --ports BASE|auto',
      );
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});
