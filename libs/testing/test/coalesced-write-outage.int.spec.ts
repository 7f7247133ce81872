// An acknowledged write is stored: SIGKILL FerretDB or PostgreSQL while concurrent callers write through the
// coalesced commands (what the store and the deduplicator write with), restart it, and every write a caller was told
// succeeded is in the database. An outage fails an insertMany or bulkWrite with the driver's bulk-write error and
// no write errors ("connection N closed", FerretDB's "failed to connect" while PostgreSQL is down); read as "no
// document refused", the coalesced commands once answered callers "written" for documents never kept: measured
// here on the driver's collection, 35 acknowledged documents missing after a FerretDB kill, 61,005 after a
// PostgreSQL kill (every insert of the outage acknowledged).
//
// On a stack of its own: killing the run's shared database would fail every other suite running beside this one.
import type { StackComponent } from '@inkstream/embedded-stack';
import { CoalescedInsert, CoalescedUpsert, collectionOf, connectMongo } from '@inkstream/persistence';
import { mongo as driver, Schema, type Connection } from 'mongoose';
import { startPrivateStack, type PrivateStack } from '../src';

interface Note {
  _id: string;
  writer: number;
  version: number;
}

type CollectionKind = 'driver' | 'translated';

const WRITERS = 8;
const BATCH = 5;
/** Writing before the kill, so that commands are in flight when it lands. */
const RUN_BEFORE_KILL_MS = 1_500;
/**
 * Longer than the driver's server selection (5 s): writes sent while FerretDB is down fail too, so every kill is
 * seen as failures even if no command happened to be in flight when it landed.
 */
const OUTAGE_MS = 6_000;
/** Writing after the restart, so that every writer has come back through its retries. */
const RUN_AFTER_RESTART_MS = 2_000;
const RETRY_MS = 200;
/** A kill, a restart (PostgreSQL replays its WAL) and the writers coming back. */
const TEST_TIMEOUT_MS = 240_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the writers were told: ids acknowledged (written, or found there already), failures seen on the way. */
interface Ledger {
  acknowledged: Set<string>;
  failures: number;
}

/**
 * One writer as a consume loop drives it: a batch is retried until the write is acknowledged (a failure holds the
 * batch, as an outage holds a partition), and only then does the writer go on to new ids.
 */
async function writeUntil(
  running: () => boolean,
  write: (batch: readonly Note[]) => Promise<void>,
  writer: number,
  ledger: Ledger,
): Promise<void> {
  for (let round = 0; running(); round += 1) {
    const batch = Array.from({ length: BATCH }, (_, i) => ({ _id: `w${writer}-r${round}-${i}`, writer, version: 1 }));
    for (;;) {
      try {
        await write(batch);
        break;
      } catch {
        ledger.failures += 1;
        await pause(RETRY_MS);
      }
    }
    for (const note of batch) ledger.acknowledged.add(note._id);
  }
}

describe('an acknowledged coalesced write is stored when the database dies under it', () => {
  let stack: PrivateStack;
  let mongo: Connection;

  beforeAll(async () => {
    stack = await startPrivateStack({ components: ['postgres', 'ferretdb'] });
    mongo = await connectMongo(`${stack.mongoUri}coalesced-outage`, { appName: 'coalesced-outage-test' });
  }, 300_000);

  afterAll(async () => {
    await mongo?.close(true);
    await stack?.stop();
  });

  /**
   * `translated`: the collection the repositories write through (collectionOf: an outage fails as
   * DependencyUnavailableError). `driver`: the driver's own, whose outage failures are bulk-write errors with no write
   * errors: the coalesced commands must not depend on the translation to tell those from duplicate keys.
   */
  const collectionFor = (name: string, kind: CollectionKind): driver.Collection<Note> =>
    kind === 'driver'
      ? (mongo.db as driver.Db).collection<Note>(name)
      : collectionOf(
          mongo.models[name] ??
            mongo.model<Note>(
              name,
              new Schema<Note>({ _id: String, writer: Number, version: Number }, { collection: name }),
            ),
        );

  async function killUnderWriters(
    component: StackComponent,
    write: (batch: readonly Note[]) => Promise<void>,
  ): Promise<Ledger> {
    const ledger: Ledger = { acknowledged: new Set(), failures: 0 };
    let running = true;
    const writers = Array.from({ length: WRITERS }, (_, writer) => writeUntil(() => running, write, writer, ledger));
    await pause(RUN_BEFORE_KILL_MS);
    await stack.kill([component]);
    await pause(OUTAGE_MS);
    await stack.restart();
    await pause(RUN_AFTER_RESTART_MS);
    running = false;
    // Each writer ends once its batch in hand is acknowledged: the test's timeout bounds a writer that never is.
    await Promise.all(writers);
    return ledger;
  }

  async function expectEveryAcknowledgedStored(collection: driver.Collection<Note>, ledger: Ledger): Promise<void> {
    // The outage was seen (some writes failed and were retried), and writing went on around it.
    expect(ledger.failures).toBeGreaterThan(0);
    expect(ledger.acknowledged.size).toBeGreaterThan(WRITERS * BATCH * 10);
    const stored = new Set((await collection.find({}, { projection: { _id: 1 } }).toArray()).map(({ _id }) => _id));
    expect([...ledger.acknowledged].filter((id) => !stored.has(id))).toEqual([]);
  }

  const cases: Array<[StackComponent, CollectionKind]> = [
    ['ferretdb', 'driver'],
    ['postgres', 'driver'],
    ['ferretdb', 'translated'],
    ['postgres', 'translated'],
  ];

  it.each(cases)(
    'SIGKILL %s under concurrent coalesced inserts (%s collection): every acknowledged document is stored',
    async (component, kind) => {
      const collection = collectionFor(`inserts_${component}_${kind}`, kind);
      const inserts = new CoalescedInsert(collection);
      // A retried batch may find its own documents written by the attempt that failed: taken ids count as stored.
      const ledger = await killUnderWriters(component, async (batch) => void (await inserts.insert(batch)));
      await expectEveryAcknowledgedStored(collection, ledger);
    },
    TEST_TIMEOUT_MS,
  );

  it.each(cases.filter(([, kind]) => kind === 'driver'))(
    'SIGKILL %s under concurrent coalesced upserts (%s collection): every acknowledged document is stored',
    async (component, kind) => {
      const collection = collectionFor(`upserts_${component}_${kind}`, kind);
      const upserts = new CoalescedUpsert(collection);
      const ledger = await killUnderWriters(component, async (batch) => {
        await Promise.all(
          batch.map(({ _id, writer, version }) =>
            upserts.upsert({ filter: { _id, version: { $lt: version } }, update: { $set: { writer, version } } }),
          ),
        );
      });
      await expectEveryAcknowledgedStored(collection, ledger);
    },
    TEST_TIMEOUT_MS,
  );
});
