import { DependencyUnavailableError } from '@inkstream/errors';
import { redactUri, withMongo } from './connection';

describe('withMongo', () => {
  it('turns an unreachable database into a dependency outage, so the partition waits instead of dead-lettering', async () => {
    const outage = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27017'), {
      name: 'MongoServerSelectionError',
    });
    await expect(withMongo(() => Promise.reject(outage))).rejects.toBeInstanceOf(DependencyUnavailableError);
  });

  it('leaves other errors as they are and passes results through', async () => {
    const bug = new TypeError('cannot read properties of undefined');
    await expect(withMongo(() => Promise.reject(bug))).rejects.toBe(bug);
    await expect(withMongo(async () => 42)).resolves.toBe(42);
  });
});

describe('redactUri', () => {
  it('keeps credentials out of logs', () => {
    expect(redactUri('mongodb://user:secret@db:27017/inkstream')).toBe('mongodb://***@db:27017/inkstream');
  });
});
