// The pipeline benchmark fills the store fast instead of through the pipeline (deploy/pipeline/bench/store-fill.ts):
// its figures mean something only if the fill writes what the enricher and the store write. Here one stream goes
// both ways into two databases: the fills, and the stages' own code in pipeline order (the real Deduplicator, the
// enricher's toEnrichedArticle, and the store's ArticleRepository calls as its controller makes them, the clean-topic
// publish aside); then the store's collections are compared.
import { DEFAULT_DEDUP_POLICY } from '@inkstream/dedup';
import { Deduplicator, FingerprintStore, MongoFingerprintIndex } from '@inkstream/dedup-mongo';
import { toEnrichedArticle } from '@inkstream/enricher';
import { articleModels, ArticleRepository, connectMongo, ensureArticleIndexes } from '@inkstream/persistence';
import { mongoUriFor, uniqueName } from '@inkstream/testing';
import type { Connection } from 'mongoose';
import { candidateOf, DedupFill } from '../bench/dedup-fill';
import { StoreFill } from '../bench/store-fill';
import { StreamCorpus } from '../bench/stream-corpus';

const T0 = Date.parse('2026-12-01T10:00:00.000Z');
const words = (n: number, tag: string) => [...Array.from({ length: n }, (_, i) => `${tag}${i}`), '.'];
const pool = Array.from({ length: 400 }, (_, i) => words(12 + (i % 5), `w${i}x`));
/** Written by the clocks of the enricher and the store when each handles the article: they differ by construction. */
const CLOCK_FIELDS = ['storedAt', 'updatedAt'];

describe('the pipeline benchmark store fill (real MongoDB-protocol server)', () => {
  let filled: Connection;
  let piped: Connection;

  beforeAll(async () => {
    filled = await connectMongo(mongoUriFor(uniqueName('store-fill')), { appName: 'store-fill-test' });
    piped = await connectMongo(mongoUriFor(uniqueName('store-piped')), { appName: 'store-fill-test' });
  });

  afterAll(async () => {
    for (const connection of [filled, piped]) {
      await connection?.db?.dropDatabase();
      await connection?.close();
    }
  });

  it('writes the articles, publication notes and duplicates the enricher and the store write for the same stream', async () => {
    const candidates = new StreamCorpus(pool).next(150).map(candidateOf);
    const db = filled.db;
    if (!db) throw new Error('no database');
    await new DedupFill(db).add(candidates, (i) => T0 + i * 1_000);
    // Small batches, so some copies find their original stored by an earlier batch and are attached to it there.
    const fill = new StoreFill(db, 40);
    await fill.add(candidates, () => new Date().toISOString());
    expect(fill.written.attachments).toBeGreaterThan(0);

    const store = new FingerprintStore(piped, { retentionMs: 45 * 24 * 3_600_000 });
    await store.ensureIndexes();
    let now = T0;
    const deduplicator = new Deduplicator(store, new MongoFingerprintIndex(store), DEFAULT_DEDUP_POLICY, {
      clock: () => now,
    });
    const models = articleModels(piped);
    await ensureArticleIndexes(models);
    const articles = new ArticleRepository(models);
    for (const [i, candidate] of candidates.entries()) {
      now = T0 + i * 1_000;
      const outcome = await deduplicator.process(candidate);
      const at = new Date().toISOString();
      if (outcome.kind === 'unique') {
        const result = await articles.upsertEnriched(toEnrichedArticle(outcome.message, at), at);
        expect(result.outcome).toBe('inserted');
        await articles.markPublished(result.record);
      } else {
        const attachment = await articles.recordDuplicate(outcome.message, at);
        if (!attachment) throw new Error(`duplicate ${outcome.message.id}: its original was not stored`);
        await articles.markPublished(attachment.original);
      }
    }

    const documents = async (connection: Connection, collection: string, omit: readonly string[]) => {
      // Sorted by the server: an unsorted scan of a collection whose documents were updated returned some of them
      // twice on FerretDB 2.5 (152 documents for 127 stored, seen here), an index-ordered one does not.
      const found = await connection.collection(collection).find({}).sort({ _id: 1 }).toArray();
      return found.map((document) =>
        Object.fromEntries(Object.entries(document).filter(([key]) => !omit.includes(key))),
      );
    };
    for (const collection of ['articles', 'article_publications', 'duplicates']) {
      const expected = await documents(piped, collection, CLOCK_FIELDS);
      expect(expected.length).toBeGreaterThan(0);
      expect(await documents(filled, collection, CLOCK_FIELDS)).toEqual(expected);
    }
    const withDuplicates = await piped.collection('articles').countDocuments({ version: { $gt: 1 } });
    expect(withDuplicates).toBeGreaterThan(0);
  });
});
