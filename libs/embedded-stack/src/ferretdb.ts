// FerretDB v2: a MongoDB wire-protocol proxy in one Go binary that stores documents in PostgreSQL through the
// DocumentDB extension (real index use, TTL indexes, aggregation), for machines without MongoDB or Docker.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import mongoose from 'mongoose';
import type { StackBinaries } from './binaries';
import { STACK_HOST, type StackPaths } from './config';
import { spawnLogged, tailOf, waitUntilAnswering } from './processes';

export function spawnFerretdb(
  paths: StackPaths,
  port: number,
  postgresUrl: string,
  binaries: StackBinaries,
  detached: boolean,
): ChildProcess {
  mkdirSync(paths.ferretdbStateDir, { recursive: true });
  return spawnLogged({
    command: binaries.ferretdbBinary,
    // warn: info logs every connection, which floods the log during test runs.
    args: [
      '-listen',
      `${STACK_HOST}:${port}`,
      '-postgresql-url',
      postgresUrl,
      '-state-dir',
      paths.ferretdbStateDir,
      '-log-level',
      'warn',
    ],
    logFile: paths.ferretdbLog,
    cwd: paths.dataDir,
    detached,
  });
}

/** Ready means the server answers a MongoDB `ping` command (not merely that the port is open). */
export async function mongoAnswers(uri: string): Promise<boolean> {
  // mongoose re-exports the driver it ships with; we need no direct dependency on `mongodb`.
  const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 1_000, connectTimeoutMS: 1_000 });
  try {
    await client.connect();
    const reply = await client.db('admin').command({ ping: 1 });
    return reply.ok === 1;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

export async function waitForFerretdb(
  uri: string,
  paths: StackPaths,
  timeoutMs: number,
  exited: () => string | undefined,
): Promise<void> {
  await waitUntilAnswering({
    name: 'FerretDB',
    address: uri,
    answers: () => mongoAnswers(uri),
    exited,
    timeoutMs,
    intervalMs: 200,
    logTail: () => tailOf(paths.ferretdbLog),
  });
}
