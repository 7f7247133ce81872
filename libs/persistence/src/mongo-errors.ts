import { DependencyUnavailableError } from '@inkstream/errors';
import { mongo, type Schema } from 'mongoose';

// The one place MongoDB driver errors are translated. Repositories never see a raw outage: the connection's plugin
// (models) and collectionOf (driver collections) pass every failure through translateMongoError, so a handler
// throws DependencyUnavailableError and the consume loop holds the partition, whoever forgot what.

/** Driver errors that mean "no server to talk to", whatever the operation. */
const UNREACHABLE_CLASSES = [
  mongo.MongoNetworkError, // includes MongoNetworkTimeoutError and PoolClearedError
  mongo.MongoServerSelectionError,
  mongo.MongoTopologyClosedError,
  mongo.MongoNotConnectedError,
  mongo.MongoServerClosedError,
  mongo.MongoClientClosedError,
  mongo.MongoStalePrimaryError,
];

/** Errors known by their stable `name`: the driver's it does not export, and mongoose's own. */
const UNREACHABLE_NAMES = new Set([
  'MongoWaitQueueTimeoutError',
  'MongoPoolClosedError',
  'MongoPoolClearedError',
  // mongoose's own, for a first connection that found no server (not a subclass of the driver's)
  'MongooseServerSelectionError',
]);

/** Labels the server or driver attaches when the same operation may succeed once the server is back. */
const UNREACHABLE_LABELS = ['RetryableWriteError', 'ResetPool', 'SystemOverloadedError', 'TransientTransactionError'];

/** Server codes of a node that is shutting down, stepping down, unreachable or overloaded (the driver's retry set). */
const UNREACHABLE_CODES = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  89, // NetworkTimeout
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  262, // ExceededTimeLimit
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
  134, // ReadConcernMajorityNotAvailableYet
]);

/**
 * FerretDB answers every command with code 1 (InternalError) and no label when the PostgreSQL behind it is gone:
 * the only thing that tells a dead backend from a bug is the backend's own error text, passed through. Measured
 * by killing PostgreSQL under FerretDB 2 (libs/testing/test/dependency-outage.int.spec.ts); each pattern has a
 * unit test.
 */
const FERRETDB_INTERNAL_ERROR = 1;
const BACKEND_UNREACHABLE: readonly RegExp[] = [
  /failed to connect to `/, // pgx: the pool cannot open a connection (PostgreSQL down, refused, not resolvable)
  /SQLSTATE 08[0-9A-Z]{3}/, // class 08, connection exception
  /SQLSTATE 57P0[1-3]/, // admin shutdown, crash shutdown, cannot connect now (starting up, recovering)
  /unexpected EOF/, // the connection died mid-command
  /\bconn closed\b/, // pgx: a pooled connection found closed
  /connection reset by peer|broken pipe/,
  // PostgreSQL's own words, which FerretDB passes on without the SQLSTATE: dying, restarting, recovering.
  /terminating connection (due to|because of)/, // unexpected postmaster exit, administrator command, a crash
  /the database system is (starting up|shutting down|not yet accepting connections|in recovery mode)/,
];

interface DriverErrorShape {
  code?: unknown;
  message?: unknown;
  hasErrorLabel?: (label: string) => boolean;
}

/** True for errors that mean "the database cannot be reached", as opposed to "this operation is wrong". */
export function isMongoUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof DependencyUnavailableError) return true;
  if (UNREACHABLE_CLASSES.some((type) => error instanceof type) || UNREACHABLE_NAMES.has(error.name)) return true;
  const driver = error as DriverErrorShape;
  if (typeof driver.hasErrorLabel === 'function' && UNREACHABLE_LABELS.some((label) => driver.hasErrorLabel?.(label)))
    return true;
  if (typeof driver.code === 'number' && UNREACHABLE_CODES.has(driver.code)) return true;
  return (
    error instanceof mongo.MongoServerError &&
    driver.code === FERRETDB_INTERNAL_ERROR &&
    BACKEND_UNREACHABLE.some((pattern) => pattern.test(error.message))
  );
}

/** An outage becomes DependencyUnavailableError (the driver error as cause); anything else is returned as it is. */
export function translateMongoError(error: unknown): unknown {
  if (!isMongoUnavailable(error) || error instanceof DependencyUnavailableError) return error;
  return new DependencyUnavailableError(`MongoDB unavailable: ${(error as Error).message}`, { cause: error });
}

/** Mongoose operations with error middleware: every query, aggregate and model-level write the repositories use. */
const TRANSLATED_OPERATIONS = new RegExp(
  `^(${[
    ...['countDocuments', 'distinct', 'estimatedDocumentCount', 'find', 'findOne', 'findOneAndReplace'],
    ...['findOneAndUpdate', 'replaceOne', 'updateMany', 'updateOne', 'deleteMany', 'deleteOne', 'findOneAndDelete'],
    ...['aggregate', 'bulkWrite', 'insertMany', 'save'],
  ].join('|')})$`,
);

/** Mongoose plugin (registered on each connection by connectMongo): model operations fail already translated. */
export function translateMongoErrorsPlugin(schema: Schema): void {
  schema.post(TRANSLATED_OPERATIONS, { errorHandler: true, document: true, query: true }, (error, _result, next) => {
    next(translateMongoError(error) as Error);
  });
}

/**
 * A driver object (collection, cursor) whose calls fail already translated. Promise results are translated;
 * cursors returned (find, aggregate, and cursor methods that return the cursor) are wrapped the same way.
 */
export function translatingMongoErrors<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        let result: unknown;
        try {
          result = (value as (...parameters: unknown[]) => unknown).apply(object, args);
        } catch (error) {
          throw translateMongoError(error);
        }
        if (result instanceof Promise)
          return result.catch((error: unknown) => Promise.reject(translateMongoError(error)));
        if (result instanceof mongo.AbstractCursor) return translatingMongoErrors(result);
        return result;
      };
    },
  });
}
