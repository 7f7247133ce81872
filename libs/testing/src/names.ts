// Per-test names, so tests in parallel workers (and repeated runs against a reused stack) never share a topic,
// consumer group or database.
import { randomBytes } from 'node:crypto';
import { testStack } from './stack-info';

/** FerretDB and MongoDB both accept [A-Za-z0-9_-] in database names; MongoDB caps them at 63 bytes. */
const MAX_NAME_LENGTH = 63;

/**
 * `<prefix>-w<worker>-<time>-<random>`, using only characters legal in Kafka topic names and database names.
 * The prefix is sanitised and shortened so the result stays within 63 characters.
 */
export function uniqueName(prefix: string): string {
  const worker = process.env.JEST_WORKER_ID ?? '0';
  const suffix = `-w${worker}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const clean = prefix.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'test';
  return `${clean.slice(0, MAX_NAME_LENGTH - suffix.length)}${suffix}`;
}

/** A MongoDB URI for one database on the test server, keeping the server URI's options (e.g. directConnection). */
export function mongoUriFor(dbName: string, serverUri: string = testStack().mongoUri): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(serverUri);
  if (!match) throw new Error(`Cannot derive a database URI from ${serverUri}`);
  return `${match[1]}/${encodeURIComponent(dbName)}${match[2] ?? ''}`;
}
