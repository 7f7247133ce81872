import {
  DependencyUnavailableError,
  EXIT_DEPENDENCY_UNAVAILABLE,
  PermanentError,
  startupExitCode,
} from '@inkstream/errors';
import { mongo } from 'mongoose';
import { asStartupOutage } from './run-service';

describe('asStartupOutage: a startup failure that reached serviceMain untranslated', () => {
  it("is an outage when the database did not answer (a module's index creation with PostgreSQL down)", () => {
    const createIndexes = new mongo.MongoServerError({
      message: '[msg_createindexes.go:63] failed to connect to `user=postgres database=postgres`: connection refused',
      code: 1,
    });
    const outage = asStartupOutage(createIndexes);
    expect(outage).toBeInstanceOf(DependencyUnavailableError);
    expect((outage as Error).cause).toBe(createIndexes);
    expect(startupExitCode(outage)).toBe(EXIT_DEPENDENCY_UNAVAILABLE);
    expect(asStartupOutage(new mongo.MongoNetworkError('connect ECONNREFUSED 127.0.0.1:27017'))).toBeInstanceOf(
      DependencyUnavailableError,
    );
  });

  it("is an outage when no broker answered (the consumer's first connection)", () => {
    const refused = Object.assign(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092'), {
      name: 'KafkaJSConnectionError',
      code: 'ECONNREFUSED',
    });
    expect(startupExitCode(asStartupOutage(refused))).toBe(EXIT_DEPENDENCY_UNAVAILABLE);
  });

  it('leaves translated errors and everything else as they are', () => {
    const permanent = new PermanentError('no such topic');
    expect(asStartupOutage(permanent)).toBe(permanent);
    const bug = new TypeError("Cannot read properties of undefined (reading 'x')");
    expect(asStartupOutage(bug)).toBe(bug);
    const duplicate = new mongo.MongoServerError({ message: 'E11000 duplicate key', code: 11000 });
    expect(asStartupOutage(duplicate)).toBe(duplicate);
  });
});
