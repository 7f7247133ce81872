import { mongo } from 'mongoose';
import { duplicateKeyFailures, redactUri } from './connection';

describe('redactUri', () => {
  it('keeps credentials out of logs', () => {
    expect(redactUri('mongodb://user:secret@db:27017/inkstream')).toBe('mongodb://***@db:27017/inkstream');
  });
});

describe('duplicateKeyFailures', () => {
  it('lists the positions refused as duplicate keys', () => {
    const error = {
      writeErrors: [
        { index: 0, code: 11000 },
        { index: 2, code: 11000 },
      ],
    };
    expect(duplicateKeyFailures(error)).toEqual([
      { index: 0, code: 11000 },
      { index: 2, code: 11000 },
    ]);
    expect(duplicateKeyFailures({ writeErrors: { index: 1, code: 11000 } })).toEqual([{ index: 1, code: 11000 }]);
  });

  it('is null when any refusal is something else', () => {
    expect(
      duplicateKeyFailures({
        writeErrors: [
          { index: 0, code: 11000 },
          { index: 1, code: 121 },
        ],
      }),
    ).toBeNull();
  });

  it('is null for a bulk write that lost its connection: no write errors does not mean every document was written', () => {
    // What the driver throws when FerretDB dies under an insertMany (seen in the resilience run and reproduced on
    // the embedded stack): a MongoBulkWriteError with an empty writeErrors list and the ResetPool label.
    const closed = new mongo.MongoBulkWriteError(
      { message: 'connection 3 to 127.0.0.1:27999 closed', code: undefined, writeErrors: [] } as never,
      {
        insertedCount: 0,
        matchedCount: 0,
        modifiedCount: 0,
        deletedCount: 0,
        upsertedCount: 0,
        upsertedIds: {},
        insertedIds: {},
      } as never,
    );
    expect(closed.writeErrors).toEqual([]);
    expect(duplicateKeyFailures(closed)).toBeNull();
    expect(duplicateKeyFailures({ writeErrors: [] })).toBeNull();
    expect(duplicateKeyFailures(new Error('connection closed'))).toBeNull();
    expect(duplicateKeyFailures(null)).toBeNull();
  });
});
