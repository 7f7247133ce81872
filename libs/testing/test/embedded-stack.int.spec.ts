// The embedded stack's lifecycle rules, checked against the stack this run already started (no second broker:
// starting one costs seconds). Runs only when the harness uses the embedded stack.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import mongoose from 'mongoose';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findFreePorts,
  removeStackData,
  startEmbeddedStack,
  stopEmbeddedStack,
  writePidRecord,
} from '@inkstream/embedded-stack';
import { testStackInfo } from '../src';

const info = testStackInfo();
const embedded = info.embedded;
const describeEmbedded = embedded ? describe : describe.skip;

describeEmbedded('embedded stack lifecycle', () => {
  const { dataDir, ports } = embedded ?? { dataDir: '', ports: { kafka: 0, controller: 0, mongo: 0, postgres: 0 } };
  let scratch: string;

  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'inkstream-stack-spec-'));
  });
  afterEach(() => {
    removeStackData(scratch);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('reuses a stack that is already running from the same data dir', async () => {
    const again = await startEmbeddedStack({
      dataDir,
      kafkaPort: ports.kafka,
      controllerPort: ports.controller,
      mongoPort: ports.mongo,
      postgresPort: ports.postgres,
    });
    expect(again.alreadyRunning).toBe(true);
    expect(again.reused.sort()).toEqual(['ferretdb', 'kafka', 'postgres']);
    expect(again.kafkaBrokers).toEqual(info.kafkaBrokers);
    expect(again.mongoUri).toBe(info.mongoUri);
  });

  it('serves sorted reads that span several batches of varied documents without crashing PostgreSQL', async () => {
    // DocumentDB's file-based persisted cursors (documentdb.useFileBasedPersistedCursors, default off upstream) kept
    // FerretDB's pooled backends alive across sorted finds, but this exact read segfaulted the backend on every try,
    // and a segfault restarts all of PostgreSQL: CI saw it as "unexpected EOF" then "in recovery mode". The stack
    // leaves them off; this read is the regression test.
    const connection = await mongoose.createConnection(`${info.mongoUri}stack-spec-cursors`).asPromise();
    try {
      const collection = connection.db!.collection<{ _id: string; body: string; rank: number }>('ranked');
      await collection.deleteMany({});
      for (let i = 0; i < 130; i++) {
        await collection.insertOne({ _id: `doc-${i}`, body: 'x'.repeat(3_000 + i * 37), rank: (i * 7) % 130 });
      }
      const byId = await collection.find({}).sort({ _id: 1 }).toArray();
      expect(byId.map((doc) => doc._id)).toEqual(Array.from({ length: 130 }, (_, i) => `doc-${i}`).sort());
      const byRank = await collection.find({}, { batchSize: 7 }).sort({ rank: 1 }).toArray();
      expect(byRank.map((doc) => doc.rank)).toEqual(Array.from({ length: 130 }, (_, i) => i));
      const page = await collection
        .find({ rank: { $gte: 10 } })
        .sort({ rank: -1 })
        .skip(5)
        .limit(50)
        .toArray();
      expect(page[0].rank).toBe(124);
    } finally {
      await connection.dropDatabase().catch(() => undefined);
      await connection.close();
    }
  });

  it('refuses another port for a running stack, naming the running one', async () => {
    const [otherPort] = await findFreePorts(1);
    await expect(
      startEmbeddedStack({ dataDir, kafkaPort: otherPort, controllerPort: ports.controller, mongoPort: ports.mongo }),
    ).rejects.toThrow(`already running on port ${ports.kafka}`);
  });

  it('names the port when a foreign process holds it, and starts nothing', async () => {
    const [controllerPort, mongoPort, postgresPort] = await findFreePorts(3);
    const foreign: Server = createServer();
    await new Promise<void>((done) => foreign.listen({ host: '127.0.0.1', port: 0 }, done));
    const address = foreign.address();
    const foreignPort = typeof address === 'object' && address ? address.port : 0;
    try {
      await expect(
        startEmbeddedStack({ dataDir: scratch, kafkaPort: foreignPort, controllerPort, mongoPort, postgresPort }),
      ).rejects.toThrow(`port ${foreignPort} (Kafka) is in use`);
      expect(existsSync(join(scratch, 'run', 'kafka.pid'))).toBe(false);
      expect(existsSync(join(scratch, 'run', 'ferretdb.pid'))).toBe(false);
      expect(existsSync(join(scratch, 'run', 'postgres.pid'))).toBe(false);
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
    writePidRecord(join(scratch, 'run', 'postgres.pid'), {
      component: 'postgres',
      pid: process.pid,
      port: 2,
      dataDir: scratch,
      startedAt: new Date().toISOString(),
    });
    expect(await stopEmbeddedStack(scratch)).toEqual({
      kafka: 'stale pid file removed',
      postgres: 'stale pid file removed',
      ferretdb: 'not running',
    });
    expect(existsSync(join(scratch, 'run', 'kafka.pid'))).toBe(false);
    expect(existsSync(join(scratch, 'run', 'postgres.pid'))).toBe(false);
  });

  it('keeps every stored document across a stop and start, with PostgreSQL running unprivileged', async () => {
    // mkdtemp makes the data dir private (0700): as root, the unprivileged PostgreSQL user cannot enter it, so this
    // also exercises the cluster kept outside the data dir.
    const ports = await findFreePorts(4);
    const options = {
      dataDir: scratch,
      kafkaPort: ports[0],
      controllerPort: ports[1],
      mongoPort: ports[2],
      postgresPort: ports[3],
      detached: false,
    };
    const first = await startEmbeddedStack(options);
    try {
      const postgresPid = Number(JSON.parse(readFileSync(join(scratch, 'run', 'postgres.pid'), 'utf8')).pid);
      expect(statSync(`/proc/${postgresPid}`).uid).not.toBe(0);
      await withCollection(first.mongoUri, (articles) =>
        articles.insertMany([{ _id: 'kept-1' }, { _id: 'kept-2' }] as never[]),
      );
      expect(await first.stop()).toEqual({ kafka: 'stopped', postgres: 'stopped', ferretdb: 'stopped' });
      const second = await startEmbeddedStack(options);
      expect(second.reused).toEqual([]);
      const ids = await withCollection(second.mongoUri, (articles) => articles.find({}).sort({ _id: 1 }).toArray());
      expect(ids.map((doc) => doc._id)).toEqual(['kept-1', 'kept-2']);
    } finally {
      await stopEmbeddedStack(scratch, { timeoutMs: 0 });
      removeStackData(scratch);
    }
  });
});

async function withCollection<T>(
  uri: string,
  work: (collection: import('mongodb').Collection<{ _id: string }>) => Promise<T>,
): Promise<T> {
  const client = new mongoose.mongo.MongoClient(uri);
  try {
    await client.connect();
    return await work(client.db('restart').collection<{ _id: string }>('articles'));
  } finally {
    await client.close();
  }
}
