import type { mongo } from 'mongoose';
import { CoalescedInsert, CoalescedUpsert } from './coalesced-commands';

type Doc = { _id: string };

/** A collection whose writes fail as the driver fails them when the connection closes mid-command. */
function collectionFailingWith(error: unknown): mongo.Collection<Doc> {
  return {
    insertMany: () => Promise.reject(error),
    bulkWrite: () => Promise.reject(error),
  } as unknown as mongo.Collection<Doc>;
}

const connectionClosed = Object.assign(new Error('connection 3 to 127.0.0.1:27999 closed'), {
  name: 'MongoBulkWriteError',
  writeErrors: [],
  errorLabels: ['ResetPool'],
});

describe('CoalescedInsert', () => {
  it('reports the ids that existed when the server refuses them as duplicate keys', async () => {
    const inserts = new CoalescedInsert(
      collectionFailingWith({ name: 'MongoBulkWriteError', writeErrors: [{ index: 1, code: 11000 }] }),
    );
    await expect(inserts.insert([{ _id: 'new' }, { _id: 'taken' }])).resolves.toEqual(['taken']);
  });

  it('fails its callers when the write failed with no write errors (a closed connection), never reads it as written', async () => {
    const inserts = new CoalescedInsert(collectionFailingWith(connectionClosed));
    await expect(inserts.insert([{ _id: 'a' }, { _id: 'b' }])).rejects.toThrow(/closed/);
  });
});

describe('CoalescedUpsert', () => {
  it('fails its callers when the write failed with no write errors, never answers "written"', async () => {
    const upserts = new CoalescedUpsert(collectionFailingWith(connectionClosed));
    await expect(upserts.upsert({ filter: { _id: 'a' }, update: { $set: { _id: 'a' } } })).rejects.toThrow(/closed/);
  });
});
