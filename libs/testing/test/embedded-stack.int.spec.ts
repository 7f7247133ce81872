// The embedded stack's lifecycle rules, checked against the stack this run already started (no second broker:
// starting one costs seconds). Runs only when the harness uses the embedded stack.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import mongoose from 'mongoose';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findFreePorts,
  psql,
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

  it("keeps FerretDB's PostgreSQL connections across sorted and counting queries", async () => {
    // Such queries are DocumentDB "persistent" cursors; unless their state goes to files, FerretDB closes the
    // connection each one used, and every query pays for a new backend.
    const backends = (): string[] => {
      const result = psql(ports.postgres, "SELECT pid FROM pg_stat_activity WHERE application_name = 'FerretDB'");
      expect(result.ok).toBe(true);
      return result.output.split('\n').filter(Boolean);
    };
    const connection = await mongoose.createConnection(`${info.mongoUri}stack-spec-cursors`).asPromise();
    try {
      const collection = connection.db!.collection<{ _id: string; rank: number }>('ranked');
      await collection.deleteMany({});
      await collection.insertMany(Array.from({ length: 300 }, (_, i) => ({ _id: `doc-${i}`, rank: (i * 7) % 300 })));
      await collection.find({}).sort({ rank: 1 }).limit(5).toArray();
      const before = backends();
      expect(before.length).toBeGreaterThan(0);
      for (let i = 0; i < 20; i++) {
        const page = await collection
          .find({ rank: { $gte: 10 } })
          .sort({ rank: -1 })
          .skip(5)
          .limit(50)
          .toArray();
        expect(page[0].rank).toBe(294);
        expect(await collection.countDocuments({ rank: { $lt: 100 } })).toBe(100);
      }
      // Every pooled backend of before is still there (other test files may have opened more meanwhile).
      expect(before.filter((pid) => !backends().includes(pid))).toEqual([]);
      // And a sorted read that needs more than one batch still pages correctly from the cursor's files.
      const all = await collection.find({}, { batchSize: 7 }).sort({ rank: 1 }).toArray();
      expect(all.map((doc) => doc.rank)).toEqual(Array.from({ length: 300 }, (_, i) => i));
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
