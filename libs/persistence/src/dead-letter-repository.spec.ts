import { deadLetterKey, onlyDuplicateKeys } from './dead-letter-repository';

describe('dead-letter records', () => {
  it('are keyed by physical position', () => {
    expect(deadLetterKey({ topic: 'p.news.raw.v1.inkstream.splitter.dlq', partition: 0, offset: '12' })).toBe(
      'p.news.raw.v1.inkstream.splitter.dlq:0:12',
    );
  });

  it('treat a lost upsert race (duplicate keys only) as already recorded, and nothing else', () => {
    expect(onlyDuplicateKeys({ code: 11000 })).toBe(true);
    expect(onlyDuplicateKeys({ writeErrors: [{ code: 11000 }, { code: 11000 }] })).toBe(true);
    expect(onlyDuplicateKeys({ writeErrors: [{ code: 11000 }, { code: 121 }] })).toBe(false);
    expect(onlyDuplicateKeys(new Error('MongoNetworkError'))).toBe(false);
    // A bulk write whose connection closed under it: no write errors, nothing known to be recorded.
    expect(onlyDuplicateKeys({ writeErrors: [], code: 11000 })).toBe(false);
  });
});
