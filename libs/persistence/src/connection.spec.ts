import { DependencyUnavailableError } from '@inkstream/errors';
import { mongo } from 'mongoose';
import { createServer } from 'node:net';
import { connectMongo, duplicateKeyFailures, redactUri } from './connection';

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('connectMongo', () => {
  it('fails as a dependency outage when no server answers, naming the address without credentials', async () => {
    const port = await closedPort();
    const failure = await connectMongo(`mongodb://user:secret@127.0.0.1:${port}/inkstream`, { appName: 'test' }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(DependencyUnavailableError);
    expect((failure as Error).message).toMatch(
      new RegExp(`^cannot connect to MongoDB at mongodb://\\*\\*\\*@127\\.0\\.0\\.1:${port}/inkstream: `),
    );
    expect((failure as Error).message).not.toContain('secret');
  }, 15_000);

  it('fails as a configuration error when the host name does not resolve: no outage to wait out', async () => {
    const failure = await connectMongo('mongodb://no-such-host.invalid:27017/inkstream', { appName: 'test' }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(DependencyUnavailableError);
    expect((failure as Error).message).toMatch(
      /^cannot connect to MongoDB at mongodb:\/\/no-such-host\.invalid:27017\/inkstream: .*ENOTFOUND/,
    );
  }, 15_000);
});

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
