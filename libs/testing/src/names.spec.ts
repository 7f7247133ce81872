import { mongoUriFor, uniqueName } from './names';

describe('uniqueName', () => {
  it('keeps the prefix, names the worker and differs on every call', () => {
    const first = uniqueName('articles');
    expect(first).toMatch(new RegExp(`^articles-w${process.env.JEST_WORKER_ID ?? '0'}-[a-z0-9]+-[0-9a-f]{8}$`));
    expect(uniqueName('articles')).not.toBe(first);
  });

  it('only uses characters legal in Kafka topics and database names, within 63 characters', () => {
    const name = uniqueName('news.raw/v1 $weird '.repeat(10));
    expect(name).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(uniqueName('...')).toMatch(/^test-w/);
  });
});

describe('mongoUriFor', () => {
  it('puts the database in the path and keeps the options', () => {
    expect(mongoUriFor('db1', 'mongodb://127.0.0.1:27017/')).toBe('mongodb://127.0.0.1:27017/db1');
    expect(mongoUriFor('db1', 'mongodb://localhost:32768/?directConnection=true')).toBe(
      'mongodb://localhost:32768/db1?directConnection=true',
    );
    expect(mongoUriFor('db2', 'mongodb://u:p@h:1/other?authSource=admin')).toBe(
      'mongodb://u:p@h:1/db2?authSource=admin',
    );
  });

  it('rejects what is not a MongoDB URI', () => {
    expect(() => mongoUriFor('db', 'http://x')).toThrow('Cannot derive');
  });
});
