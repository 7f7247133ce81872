// The dedup benchmark fills its store fast instead of through the deduplicator (deploy/pipeline/bench/dedup-fill.ts):
// its figures mean something only if the fill writes what the deduplicator writes. Here both take the same stream,
// at the same times, into two databases, and the documents are compared.
import {
  CLAIM_GENERATION_MS,
  claimGenerationOf,
  claimKeys,
  DEFAULT_DEDUP_POLICY,
  fingerprintArticle,
} from '@inkstream/dedup';
import { claimCollectionOf, Deduplicator, FingerprintStore, MongoFingerprintIndex } from '@inkstream/dedup-mongo';
import { connectMongo } from '@inkstream/persistence';
import { mongoUriFor, uniqueName } from '@inkstream/testing';
import type { Connection } from 'mongoose';
import { candidateOf, DedupFill } from '../bench/dedup-fill';
import { StreamCorpus } from '../bench/stream-corpus';

// Two minutes before a claim generation ends: the stream's claims go into one generation, then two, then the next.
const T0 = Date.parse('2026-12-01T10:08:00.000Z');
const G = claimGenerationOf(T0);
const words = (n: number, tag: string) => [...Array.from({ length: n }, (_, i) => `${tag}${i}`), '.'];
const pool = Array.from({ length: 400 }, (_, i) => words(12 + (i % 5), `w${i}x`));

describe('the dedup benchmark fill (real MongoDB-protocol server)', () => {
  let filled: Connection;
  let decided: Connection;

  beforeAll(async () => {
    filled = await connectMongo(mongoUriFor(uniqueName('dedup-fill')), { appName: 'dedup-fill-test' });
    decided = await connectMongo(mongoUriFor(uniqueName('dedup-decided')), { appName: 'dedup-fill-test' });
  });

  afterAll(async () => {
    for (const connection of [filled, decided]) {
      await connection?.db?.dropDatabase();
      await connection?.close();
    }
  });

  it('writes the fingerprints, claims and decisions the deduplicator writes for the same stream', async () => {
    const candidates = new StreamCorpus(pool).next(150).map(candidateOf);
    const db = filled.db;
    if (!db) throw new Error('no database');
    // Read at the end of the stream: no claim has expired by then, as none did in the deduplicator's store.
    await new DedupFill(db, () => T0 + candidates.length * 1_000).add(candidates, (i) => T0 + i * 1_000);

    let now = T0;
    const store = new FingerprintStore(decided, { retentionMs: 45 * 24 * 3_600_000 }, () => now);
    await store.ensureIndexes();
    const deduplicator = new Deduplicator(store, new MongoFingerprintIndex(store), DEFAULT_DEDUP_POLICY, {
      clock: () => now,
    });
    const verdicts = new Set<string>();
    for (const [i, candidate] of candidates.entries()) {
      now = T0 + i * 1_000;
      verdicts.add((await deduplicator.process(candidate)).kind);
    }
    expect(verdicts).toEqual(new Set(['unique', 'duplicate']));

    // Decisions are dated by the server's clock when the deduplicator writes them: left out.
    const documents = async (connection: Connection, collection: string, omit: string[] = []) => {
      const found = await connection.collection(collection).find({}).toArray();
      return found
        .map((document) => Object.fromEntries(Object.entries(document).filter(([key]) => !omit.includes(key))))
        .sort((a, b) => String(a._id).localeCompare(String(b._id)));
    };
    for (const [collection, omit] of [
      ['dedup_fingerprints', []],
      [claimCollectionOf(G), []],
      [claimCollectionOf(G + 1), []],
      ['dedup_decisions', ['createdAt']],
    ] as const) {
      const expected = await documents(decided, collection, [...omit]);
      expect(expected.length).toBeGreaterThan(0);
      expect(await documents(filled, collection, [...omit])).toEqual(expected);
    }
  });

  it('claims every key anew in the next generation, and writes none of a generation spent by its clock', async () => {
    const db = filled.db;
    if (!db) throw new Error('no database');
    await db.dropDatabase();
    const [first, second, third] = new StreamCorpus(pool)
      .next(1)
      .map(candidateOf)
      .flatMap((candidate) =>
        ['', '-again', '-late'].map((tag) => ({
          ...candidate,
          id: `${candidate.id}${tag}`,
          rawDocumentId: `${candidate.rawDocumentId}${tag}`,
        })),
      );
    let now = T0;
    const fill = new DedupFill(db, () => now);
    const holders = async (generation: number) =>
      (await db.collection(claimCollectionOf(generation)).find({}).toArray()).map((claim) => [claim._id, claim.holder]);
    await fill.add([first], () => T0);
    const keys = (await holders(G)).map(([key]) => key);
    expect(keys.length).toBeGreaterThan(10);
    expect(new Set((await holders(G)).map(([, holder]) => holder))).toEqual(new Set([first.id]));
    // The same text a generation later: every key is claimed again, by it.
    now = T0 + CLAIM_GENERATION_MS;
    await fill.add([second], () => now);
    expect((await holders(G + 1)).sort()).toEqual(keys.map((key) => [key, second.id]).sort());
    // Decided at a time whose generation is spent by the time the fill writes: the sweep would have dropped it.
    now = T0 + 4 * CLAIM_GENERATION_MS;
    await fill.add([third], () => T0 + 2 * CLAIM_GENERATION_MS);
    expect(await holders(G + 2)).toEqual([]);
    expect(fill.written.claims).toBe(2 * keys.length);
  });

  it('accepts a retried insert that meets its own documents, and names a key written twice with other content', async () => {
    const db = filled.db;
    if (!db) throw new Error('no database');
    await db.dropDatabase();
    const candidates = new StreamCorpus(pool).next(20).map(candidateOf);
    const at = (i: number) => T0 + i * 1_000;
    const clock = () => T0 + candidates.length * 1_000;
    await new DedupFill(db, clock).add(candidates, at);
    const written = await db.collection('dedup_fingerprints').countDocuments();

    // What a retry of the same batches writes: the same documents, already there.
    const retried = new DedupFill(db, clock);
    await retried.add(candidates, at);
    expect(retried.written.retriedDuplicates).toBeGreaterThan(candidates.length);
    expect(await db.collection('dedup_fingerprints').countDocuments()).toBe(written);

    // The same articles seen a minute later: same keys, other content. Not a retry: a fault of the fill.
    const later = new DedupFill(db, clock);
    await expect(later.add(candidates, (i) => at(i) + 60_000)).rejects.toThrow(
      /dedup fill: \d+ of \d+ dedup_(fingerprints|claims_\w+|decisions) documents are already stored with other content \(first: /,
    );
  });

  it('leaves a claim the pipeline made in a generation its memory did not place it in, and writes the rest', async () => {
    const db = filled.db;
    if (!db) throw new Error('no database');
    await db.dropDatabase();
    const [decidedByPipeline] = new StreamCorpus(pool).next(1).map(candidateOf);
    const copy = {
      ...decidedByPipeline,
      id: `${decidedByPipeline.id}-copy`,
      rawDocumentId: `${decidedByPipeline.rawDocumentId}-copy`,
    };
    const fill = new DedupFill(db, () => T0);
    // The real deduplicator claimed its keys in generation G; the fill learns it a generation later (the bench
    // learns a window once it is through, and dates the next fill's articles back before it).
    const claims = db.collection<{ _id: string; holder: string }>(claimCollectionOf(G));
    await claims.insertOne({ _id: 'p:held-by-the-pipeline', holder: decidedByPipeline.id });
    await fill.add([decidedByPipeline], () => T0 + CLAIM_GENERATION_MS, false);
    // Its paragraphs' keys (the last ones), which the copy claims too.
    const keys = claimKeys(fingerprintArticle({ body: copy.body }));
    await claims.insertMany(keys.slice(-3).map((key) => ({ _id: key, holder: decidedByPipeline.id })));

    await fill.add([copy], () => T0);

    expect(fill.written.heldByPipeline).toBe(3);
    expect(fill.written.claims).toBe(await claims.countDocuments({ holder: copy.id }));
    const stored = await claims.find({}).toArray();
    expect(stored.filter((claim) => claim.holder === decidedByPipeline.id)).toHaveLength(4);
    expect(stored.filter((claim) => claim.holder === copy.id).length).toBeGreaterThan(0);
  });
});
