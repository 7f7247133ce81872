// The runner's supervision of the embedded stack, on a stack of its own (the run's shared stack is never killed):
// SIGKILL PostgreSQL, then FerretDB, then Kafka, and each must come back on its own, answer real work, and be
// reported as restarted.
import {
  embeddedStackStatus,
  findFreePorts,
  kafkaAnswers,
  psql,
  removeStackData,
  startEmbeddedStack,
  stopEmbeddedStack,
  type RunningStack,
  type StackComponent,
} from '@inkstream/embedded-stack';
import { waitFor } from '@inkstream/testing';
import mongoose from 'mongoose';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveStackStatus } from '../stack-status-server';
import { superviseStack, type StackSupervisor } from '../stack-supervisor';

const RESTART_TIMEOUT_MS = 150_000;

describe('the runner supervises the embedded stack', () => {
  let dataDir: string;
  let stack: RunningStack;
  let supervisor: StackSupervisor;
  let statusServer: Server;
  const lines: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'inkstream-supervised-stack-'));
    const [kafkaPort, controllerPort, mongoPort, postgresPort] = await findFreePorts(4);
    stack = await startEmbeddedStack({ dataDir, kafkaPort, controllerPort, mongoPort, postgresPort, detached: false });
    supervisor = superviseStack({
      dataDir,
      ports: stack.ports,
      log: (line) => lines.push(line),
      detached: false,
      policy: { initialDelayMs: 200, maxDelayMs: 2_000, maxCrashes: 5, windowMs: 300_000 },
      intervalMs: 300,
    });
    statusServer = await serveStackStatus('127.0.0.1', 0, () => supervisor.current());
  }, 300_000);

  afterAll(async () => {
    statusServer?.close();
    await supervisor?.stop();
    await stack?.stop({ timeoutMs: 0 });
    removeStackData(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function killAndAwaitRestart(component: StackComponent): Promise<void> {
    const before = (await embeddedStackStatus(dataDir))[component].pid;
    expect(before).toBeDefined();
    process.kill(before!, 'SIGKILL');
    await waitFor(
      () => supervisor.current()[component].state === 'up' && supervisor.current()[component].restarts === 1,
      { timeoutMs: RESTART_TIMEOUT_MS, intervalMs: 250, description: `${component} restarted by the supervisor` },
    );
    const after = await embeddedStackStatus(dataDir);
    expect(after[component].state).toBe('running');
    expect(after[component].pid).not.toBe(before);
  }

  /** A document written and read back through FerretDB: both FerretDB and its PostgreSQL do real work. */
  async function roundTrip(value: string): Promise<void> {
    const client = new mongoose.mongo.MongoClient(stack.mongoUri, { serverSelectionTimeoutMS: 2_000 });
    try {
      await client.connect();
      const collection = client.db('supervised').collection<{ _id: string }>('probe');
      await collection.insertOne({ _id: value });
      expect(await collection.findOne({ _id: value })).toEqual({ _id: value });
    } finally {
      await client.close();
    }
  }

  it(
    'restarts PostgreSQL after a SIGKILL, and FerretDB stores through it again',
    async () => {
      await roundTrip('before');
      await killAndAwaitRestart('postgres');
      expect(psql(stack.ports.postgres, 'SELECT 1')).toEqual({ ok: true, output: '1' });
      await waitFor(() => roundTrip('after-postgres').then(() => true), {
        timeoutMs: 30_000,
        intervalMs: 500,
        description: 'a write through FerretDB after PostgreSQL came back',
      });
      expect(lines).toContainEqual(expect.stringMatching(/^!! PostgreSQL died; restarting in /));
      expect(lines).toContainEqual(expect.stringMatching(/^PostgreSQL restarted and answering/));
      expect(lines).toContainEqual('stack: Kafka up · FerretDB up · PostgreSQL up (1 restart)');
    },
    RESTART_TIMEOUT_MS + 60_000,
  );

  it(
    'restarts FerretDB after a SIGKILL',
    async () => {
      await killAndAwaitRestart('ferretdb');
      await roundTrip('after-ferretdb');
      expect(lines).toContainEqual(expect.stringMatching(/^!! FerretDB died; restarting in /));
      expect(lines).toContainEqual('stack: Kafka up · FerretDB up (1 restart) · PostgreSQL up (1 restart)');
    },
    RESTART_TIMEOUT_MS + 30_000,
  );

  it(
    'restarts Kafka after a SIGKILL',
    async () => {
      await killAndAwaitRestart('kafka');
      expect(await kafkaAnswers(stack.kafkaBrokers)).toBe(true);
      expect(lines).toContainEqual(expect.stringMatching(/^!! Kafka died; restarting in /));
      expect(lines).toContainEqual('stack: Kafka up (1 restart) · FerretDB up (1 restart) · PostgreSQL up (1 restart)');
      // What the gateway's dashboard scrapes as the `stack` card.
      const { port } = statusServer.address() as AddressInfo;
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({
        service: 'stack',
        status: 'up',
        checks: { Kafka: { status: 'up', detail: 'restarted 1×' } },
      });
    },
    RESTART_TIMEOUT_MS + 30_000,
  );

  it(
    'brings back PostgreSQL and FerretDB killed together, PostgreSQL first',
    async () => {
      const status = await embeddedStackStatus(dataDir);
      process.kill(status.ferretdb.pid!, 'SIGKILL');
      process.kill(status.postgres.pid!, 'SIGKILL');
      await waitFor(
        () =>
          (['postgres', 'ferretdb'] as const).every((component) => {
            const { state, restarts } = supervisor.current()[component];
            return state === 'up' && restarts >= 2;
          }),
        { timeoutMs: RESTART_TIMEOUT_MS, intervalMs: 250, description: 'PostgreSQL and FerretDB restarted' },
      );
      expect(lines).toContainEqual(expect.stringMatching(/^PostgreSQL, FerretDB restarted and answering/));
      await waitFor(() => roundTrip('after-both').then(() => true), {
        timeoutMs: 30_000,
        intervalMs: 500,
        description: 'a write through FerretDB after both came back',
      });
    },
    RESTART_TIMEOUT_MS + 60_000,
  );

  it('refuses to start FerretDB alone while its PostgreSQL is down', async () => {
    await supervisor.stop();
    await stopEmbeddedStack(dataDir, { components: ['ferretdb', 'postgres'], timeoutMs: 0 });
    await expect(
      startEmbeddedStack({
        dataDir,
        kafkaPort: stack.ports.kafka,
        controllerPort: stack.ports.controller,
        mongoPort: stack.ports.mongo,
        postgresPort: stack.ports.postgres,
        detached: false,
        components: ['ferretdb'],
      }),
    ).rejects.toThrow(/Cannot start FerretDB .* without its PostgreSQL/);
    expect((await embeddedStackStatus(dataDir)).ferretdb.state).toBe('stopped');
  });
});
