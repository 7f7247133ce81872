import { DependencyUnavailableError } from '@inkstream/errors';
import mongoose, { mongo } from 'mongoose';
import {
  isMongoUnavailable,
  translateMongoError,
  translateMongoErrorsPlugin,
  translatingMongoErrors,
} from './mongo-errors';

const serverError = (fields: { message: string; code?: number; codeName?: string; errorLabels?: string[] }) =>
  new mongo.MongoServerError(fields);

// What FerretDB 2 answered when PostgreSQL was SIGKILLed under it (measured; the text is pgx's, passed through).
const FERRETDB_BACKEND_DOWN =
  '[msg_insert.go:55 handler.(*Handler).msgInsert] [pool.go:97 documentdb.(*Pool).WithConn] [pool.go:86 ' +
  'documentdb.(*Pool).Acquire] failed to connect to `user=postgres database=postgres`:\n\t127.0.0.1:34039 ' +
  '(127.0.0.1): dial error: dial tcp 127.0.0.1:34039: connect: connection refused';

describe('isMongoUnavailable: by driver class', () => {
  it.each([
    ['MongoNetworkError', new mongo.MongoNetworkError('read ECONNRESET')],
    ['MongoNetworkTimeoutError', new mongo.MongoNetworkTimeoutError('timed out')],
    ['MongoServerSelectionError', new mongo.MongoServerSelectionError('connect ECONNREFUSED', {} as never)],
    ['MongoTopologyClosedError', new mongo.MongoTopologyClosedError()],
    ['MongoNotConnectedError', new mongo.MongoNotConnectedError('not connected')],
    ['MongoServerClosedError', new mongo.MongoServerClosedError()],
  ])('%s is an outage', (_name, error) => {
    expect(isMongoUnavailable(error)).toBe(true);
  });

  it('knows the pool errors the driver does not export by their name', () => {
    for (const name of ['MongoWaitQueueTimeoutError', 'MongoPoolClosedError', 'MongoPoolClearedError']) {
      expect(isMongoUnavailable(Object.assign(new Error('pool'), { name }))).toBe(true);
    }
  });

  it("knows mongoose's own server selection error (a first connection that found no server)", () => {
    const error = new mongoose.Error.MongooseServerSelectionError('connect ECONNREFUSED 127.0.0.1:27017');
    expect(isMongoUnavailable(error)).toBe(true);
  });
});

describe('isMongoUnavailable: by label and code', () => {
  it.each(['RetryableWriteError', 'ResetPool', 'SystemOverloadedError', 'TransientTransactionError'])(
    'label %s is an outage',
    (label) => {
      expect(isMongoUnavailable(serverError({ message: 'x', code: 2, errorLabels: [label] }))).toBe(true);
    },
  );

  it.each([
    [6, 'HostUnreachable'],
    [7, 'HostNotFound'],
    [89, 'NetworkTimeout'],
    [91, 'ShutdownInProgress'],
    [189, 'PrimarySteppedDown'],
    [262, 'ExceededTimeLimit'],
    [9001, 'SocketException'],
    [10107, 'NotWritablePrimary'],
    [11600, 'InterruptedAtShutdown'],
    [11602, 'InterruptedDueToReplStateChange'],
    [13435, 'NotPrimaryNoSecondaryOk'],
    [13436, 'NotPrimaryOrSecondary'],
    [134, 'ReadConcernMajorityNotAvailableYet'],
  ])('code %i (%s) is an outage', (code, codeName) => {
    expect(isMongoUnavailable(serverError({ message: 'x', code, codeName }))).toBe(true);
  });

  it('leaves errors about the operation alone: duplicate key, validation, bad query, bugs', () => {
    expect(isMongoUnavailable(serverError({ message: 'E11000 duplicate key', code: 11000 }))).toBe(false);
    expect(isMongoUnavailable(serverError({ message: 'Document failed validation', code: 121 }))).toBe(false);
    expect(isMongoUnavailable(serverError({ message: 'unknown operator: $foo', code: 2 }))).toBe(false);
    expect(isMongoUnavailable(new TypeError('cannot read properties of undefined'))).toBe(false);
    expect(isMongoUnavailable('not an error')).toBe(false);
  });
});

describe('isMongoUnavailable: FerretDB with its PostgreSQL gone (code 1, no label: only the text says it)', () => {
  it.each([
    ['the pool cannot connect (PostgreSQL down)', FERRETDB_BACKEND_DOWN],
    ['a connection exception (SQLSTATE class 08)', 'ERROR: connection failure (SQLSTATE 08006)'],
    ['admin shutdown', 'FATAL: terminating connection due to administrator command (SQLSTATE 57P01)'],
    ['crash shutdown', 'FATAL: terminating connection because of crash of another server process (SQLSTATE 57P02)'],
    ['starting up', 'FATAL: the database system is starting up (SQLSTATE 57P03)'],
    ['the connection died mid-command', '[pool.go:97] unexpected EOF'],
    ['a closed pooled connection', '[pool.go:97] conn closed'],
    ['reset', 'read tcp 127.0.0.1:5432: read: connection reset by peer'],
    ['broken pipe', 'write tcp 127.0.0.1:5432: write: broken pipe'],
    // Measured while PostgreSQL died and came back under FerretDB 2 (no SQLSTATE in what FerretDB passes on):
    ['PostgreSQL dying', 'terminating connection due to unexpected postmaster exit'],
    ['PostgreSQL restarting', 'the database system is starting up'],
    ['PostgreSQL recovering', 'the database system is not yet accepting connections'],
    ['PostgreSQL in recovery mode', 'the database system is in recovery mode'],
    ['PostgreSQL shutting down', 'the database system is shutting down'],
  ])('%s is an outage', (_case, message) => {
    expect(isMongoUnavailable(serverError({ message, code: 1, codeName: 'InternalError' }))).toBe(true);
  });

  it('needs both: other InternalErrors, and the same words under another code, are not outages', () => {
    expect(isMongoUnavailable(serverError({ message: 'invalid key path', code: 1, codeName: 'InternalError' }))).toBe(
      false,
    );
    expect(isMongoUnavailable(serverError({ message: FERRETDB_BACKEND_DOWN, code: 2 }))).toBe(false);
    expect(isMongoUnavailable(new Error(FERRETDB_BACKEND_DOWN))).toBe(false);
  });
});

describe('translateMongoError', () => {
  it('turns an outage into DependencyUnavailableError with the driver error as cause', () => {
    const outage = new mongo.MongoNetworkError('read ECONNRESET');
    const translated = translateMongoError(outage);
    expect(translated).toBeInstanceOf(DependencyUnavailableError);
    expect((translated as Error).cause).toBe(outage);
  });

  it('returns anything else as it is', () => {
    const duplicate = serverError({ message: 'E11000', code: 11000 });
    expect(translateMongoError(duplicate)).toBe(duplicate);
  });
});

describe('translatingMongoErrors', () => {
  it('translates rejected promises and thrown errors, and passes results through', async () => {
    const collection = translatingMongoErrors({
      insertOne: () => Promise.reject(new mongo.MongoNetworkError('down')),
      findOne: () => Promise.resolve(42),
      countDocuments: () => {
        throw new mongo.MongoNotConnectedError('closed');
      },
    });
    await expect(collection.insertOne()).rejects.toBeInstanceOf(DependencyUnavailableError);
    await expect(collection.findOne()).resolves.toBe(42);
    expect(() => collection.countDocuments()).toThrow(DependencyUnavailableError);
  });
});

describe('translateMongoErrorsPlugin', () => {
  it('routes a failing model operation through the translation (a query, as the repositories run them)', async () => {
    const connection = mongoose.createConnection();
    connection.plugin(translateMongoErrorsPlugin);
    const schema = new mongoose.Schema({ _id: String });
    // The driver error is raised where mongoose would run the command (no server needed).
    const outage = new mongo.MongoNetworkError('connection reset');
    schema.pre('findOne', () => {
      throw outage;
    });
    const model = connection.model('Probe', schema);
    const failure = await model
      .findOne({ _id: 'x' })
      .exec()
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DependencyUnavailableError);
    expect((failure as Error).cause).toBe(outage);
    await connection.close();
  });
});
