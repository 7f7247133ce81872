import { DependencyUnavailableError } from '@inkstream/errors';
import mongoose, { type Connection } from 'mongoose';
import { isMongoUnavailable, translateMongoErrorsPlugin } from './mongo-errors';

export interface ConnectMongoOptions {
  appName: string;
  /**
   * Told of every command sent (one database round trip each), with its collection when it has one: how services
   * count round trips per article (`inkstream_db_commands_total`).
   */
  onCommand?: (command: string, collection: string) => void;
}

/** A command as sent, with the database it went to. */
export interface ObservedCommand {
  database: string;
  command: Record<string, unknown>;
}

const observers = new Set<(observed: ObservedCommand) => void>();

/**
 * Sees every command any connection of this process sends from now on, until the returned function is called: how
 * the query-plan test collects the queries the services really run, without a list that could drift from the code.
 */
export function observeMongoCommands(observer: (observed: ObservedCommand) => void): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

/**
 * One mongoose connection per service. Short server-selection timeout so a missing database surfaces as a clear
 * startup error or a failing health check within seconds, not a hang.
 */
export async function connectMongo(uri: string, options: ConnectMongoOptions): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    appName: options.appName,
    serverSelectionTimeoutMS: 5_000,
    autoIndex: false,
    maxPoolSize: 20,
    // Command events cost an object per round trip, and give the round-trip count every service reports.
    monitorCommands: true,
    // No buffering while disconnected: an outage surfaces as the driver's own error class within the server
    // selection timeout, which mongo-errors.ts translates, instead of a mongoose buffering timeout with none.
    bufferCommands: false,
  });
  connection.plugin(translateMongoErrorsPlugin);
  const onCommand = options.onCommand;
  connection.getClient().on('commandStarted', (event) => {
    const target = event.command[event.commandName];
    onCommand?.(event.commandName, typeof target === 'string' ? target : '');
    for (const observer of observers) observer({ database: event.databaseName, command: event.command });
  });
  try {
    await connection.asPromise();
  } catch (error) {
    await connection.close().catch(() => undefined);
    const message = `cannot connect to MongoDB at ${redactUri(uri)}: ${(error as Error).message}`;
    // No server answering is an outage to wait out (the supervisor restarts without counting a crash); anything
    // else (a refused password, a bad URI, a host name that does not resolve) is for the operator to fix.
    throw isMongoUnavailable(error) && !/\bENOTFOUND\b/.test(message)
      ? new DependencyUnavailableError(message, { cause: error })
      : new Error(message, { cause: error });
  }
  return connection;
}

export async function pingMongo(connection: Connection): Promise<void> {
  if (!connection.db) throw new Error('MongoDB connection is not open');
  await connection.db.admin().ping();
}

/** Credentials never reach logs or error messages. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/[^@/]+@/, '//***@');
}

export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/** One document an unordered bulk write refused: its position in the write and the server's code. */
export interface WriteFailure {
  index: number;
  code: number;
}

/**
 * The documents an unordered bulk write refused, when every refusal is a duplicate key (a record someone wrote
 * first); null for any other failure, which the caller must rethrow. A bulk write whose connection closed under it
 * fails with the driver's MongoBulkWriteError carrying *no* write errors: read as "no document refused", every
 * document would count as written, though none may be (the resilience run lost acknowledged articles that way
 * when FerretDB was killed). So a failure with no write errors is never a duplicate-key failure.
 */
export function duplicateKeyFailures(error: unknown): WriteFailure[] | null {
  if (typeof error !== 'object' || error === null || !('writeErrors' in error)) return null;
  const raw = (error as { writeErrors: unknown }).writeErrors;
  const list = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Array<{ index?: unknown; code?: unknown }>;
  if (list.length === 0 || list.some((failure) => failure.code !== 11000)) return null;
  return list.map((failure) => ({ index: Number(failure.index), code: 11000 }));
}
