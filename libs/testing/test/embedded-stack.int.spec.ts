// The embedded stack's lifecycle rules, checked against the stack this run already started (no second broker:
// starting one costs seconds). Runs only when the harness uses the embedded stack.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePorts, startEmbeddedStack, stopEmbeddedStack, writePidRecord } from '../src/local-stack';
import { testStackInfo } from '../src';

const info = testStackInfo();
const embedded = info.embedded;
const describeEmbedded = embedded ? describe : describe.skip;

describeEmbedded('embedded stack lifecycle', () => {
  const { dataDir, ports } = embedded ?? { dataDir: '', ports: { kafka: 0, controller: 0, mongo: 0 } };
  let scratch: string;

  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'inkstream-stack-spec-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('reuses a stack that is already running from the same data dir', async () => {
    const again = await startEmbeddedStack({
      dataDir,
      kafkaPort: ports.kafka,
      controllerPort: ports.controller,
      mongoPort: ports.mongo,
    });
    expect(again.alreadyRunning).toBe(true);
    expect(again.reused.sort()).toEqual(['ferretdb', 'kafka']);
    expect(again.kafkaBrokers).toEqual(info.kafkaBrokers);
    expect(again.mongoUri).toBe(info.mongoUri);
  });

  it('refuses another port for a running stack, naming the running one', async () => {
    const [otherPort] = await findFreePorts(1);
    await expect(
      startEmbeddedStack({ dataDir, kafkaPort: otherPort, controllerPort: ports.controller, mongoPort: ports.mongo }),
    ).rejects.toThrow(`already running on port ${ports.kafka}`);
  });

  it('names the port when a foreign process holds it, and starts nothing', async () => {
    const [controllerPort, mongoPort] = await findFreePorts(2);
    const foreign: Server = createServer();
    await new Promise<void>((done) => foreign.listen({ host: '127.0.0.1', port: 0 }, done));
    const address = foreign.address();
    const foreignPort = typeof address === 'object' && address ? address.port : 0;
    try {
      await expect(
        startEmbeddedStack({ dataDir: scratch, kafkaPort: foreignPort, controllerPort, mongoPort }),
      ).rejects.toThrow(`port ${foreignPort} (Kafka) is in use`);
      expect(existsSync(join(scratch, 'run', 'kafka.pid'))).toBe(false);
      expect(existsSync(join(scratch, 'run', 'ferretdb.pid'))).toBe(false);
    } finally {
      await new Promise((done) => foreign.close(done));
    }
  });

  it('cleans up a stale pid file instead of trusting it', async () => {
    // Our own pid is alive but its command line does not name the data dir: not a stack process.
    writePidRecord(join(scratch, 'run', 'kafka.pid'), {
      component: 'kafka',
      pid: process.pid,
      port: 1,
      dataDir: scratch,
      startedAt: new Date().toISOString(),
    });
    expect(await stopEmbeddedStack(scratch)).toEqual({ kafka: 'stale pid file removed', ferretdb: 'not running' });
    expect(existsSync(join(scratch, 'run', 'kafka.pid'))).toBe(false);
  });
});
