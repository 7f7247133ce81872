import { createServer } from 'node:net';
import { PLAINTEXT_KAFKA } from '@inkstream/config';
import { connectAdminFailFast } from '../live/connection';

describe('inkstream stats without a broker', () => {
  it('fails within seconds with a message naming the brokers, not after minutes of retries', async () => {
    // a port that was free a moment ago: nothing listens on it
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const started = Date.now();
    await expect(connectAdminFailFast([`127.0.0.1:${port}`], PLAINTEXT_KAFKA)).rejects.toThrow(
      new RegExp(`cannot reach Kafka at 127\\.0\\.0\\.1:${port} \\(.+\\); is the pipeline running\\?`),
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
