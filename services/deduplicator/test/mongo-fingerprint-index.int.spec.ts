import {
  claimGenerationOf,
  claimGenerationsAt,
  claimGenerationStart,
  DedupEngine,
  DEFAULT_DEDUP_POLICY,
  MAX_LOOKUP_TO_CLAIM_MS,
  DEFAULT_INDEX_SHAPE,
  fingerprintArticle,
  InMemoryFingerprintIndex,
  sentenceKeyId,
  type DedupDecision,
} from '@inkstream/dedup';
import {
  claimCollectionOf,
  Deduplicator,
  FingerprintStore,
  MongoFingerprintIndex,
  type FingerprintRecord,
} from '@inkstream/dedup-mongo';
import { connectMongo, observeMongoCommands } from '@inkstream/persistence';
import { mongoUriFor, uniqueName } from '@inkstream/testing';
import type { Connection } from 'mongoose';
import { candidate, paragraph, sampleArticles, syndicatedCopy } from './fixtures';

const T0 = Date.parse('2026-11-28T10:00:00.000Z');
/** When the store's claims are made: mid-generation, so each goes into one collection. */
const CLAIMED_AT = Date.parse('2026-11-28T10:05:00.000Z');
const CLAIMS = claimCollectionOf(claimGenerationOf(CLAIMED_AT));
const { nato, kyiv } = sampleArticles();
const text = (blocks: ReturnType<typeof syndicatedCopy>) =>
  blocks.filter((block) => block.type === 'paragraph').map((block) => block.text);
const article = (id: string, paragraphs: string[], url: string | null = null) => ({
  id,
  body: paragraphs.join('\n'),
  url,
  sourceId: 'src',
});

describe('MongoFingerprintIndex (real MongoDB-protocol server)', () => {
  let mongo: Connection;
  let store: FingerprintStore;

  beforeAll(async () => {
    mongo = await connectMongo(mongoUriFor(uniqueName('dedup-index')), { appName: 'dedup-index-test' });
    store = new FingerprintStore(mongo, { retentionMs: 45 * 24 * 3_600_000 }, () => CLAIMED_AT);
    await store.ensureIndexes();
  });

  afterAll(async () => {
    await mongo?.db?.dropDatabase();
    await mongo?.close();
  });

  it('decides a stream of articles exactly as the in-memory index does', async () => {
    const natoText = text(nato);
    const kyivText = text(kyiv);
    const stream = [
      article('a-nato', natoText, 'https://a.example/nato'),
      article('b-kyiv', kyivText, 'https://a.example/kyiv'),
      article('c-nato-copy', natoText, 'https://b.example/copy'),
      article('d-nato-synd', text(syndicatedCopy(nato))),
      article('e-kyiv-head', kyivText.slice(0, 12)),
      article(
        'f-nato-edit',
        [...natoText.slice(0, -1), 'A correction was appended to the story later that day.'],
        'https://a.example/nato',
      ),
      article('g-other', ['A different story about harvest prices in the valley, told in enough words to be indexed.']),
    ];
    const memory = new DedupEngine(new InMemoryFingerprintIndex(), DEFAULT_DEDUP_POLICY);
    const onMongo = new DedupEngine(new MongoFingerprintIndex(store), DEFAULT_DEDUP_POLICY);
    const expected: DedupDecision[] = [];
    const actual: DedupDecision[] = [];
    for (const [i, item] of stream.entries()) {
      expected.push(await memory.process(item, T0 + i * 1000));
      actual.push(await onMongo.process(item, T0 + i * 1000));
    }
    expect(actual).toEqual(expected);
    expect(actual.map((decision) => [decision.verdict, decision.method, decision.clusterId])).toEqual([
      ['unique', 'none', 'a-nato'],
      ['unique', 'none', 'b-kyiv'],
      ['duplicate', 'content-hash', 'a-nato'],
      ['duplicate', 'near-duplicate', 'a-nato'],
      ['duplicate', 'near-duplicate', 'b-kyiv'],
      ['update', 'url', 'a-nato'],
      ['unique', 'none', 'g-other'],
    ]);
  });

  it('lets one story through once when two replicas decide copies at the same instant', async () => {
    // Two engines with their own index instances on one database: two replicas. Both decide before either
    // records (each sees an index without the other, so both verdicts are "unique"); then both commit at once.
    // Each claim key is an insert on a unique _id, so every key the copies share has exactly one winner; each
    // engine re-verifies the holders it lost to and the loser of the tie rule (earlier seenAt, then smaller id)
    // becomes the other's duplicate. Both compute the same answer from the same claims.
    const fresh = (id: string, extra: string) =>
      article(id, [
        `${extra} Ministers of twelve countries met in a lakeside town on Thursday to agree on shared fishing quotas.`,
        'The agreement caps the catch of three species for five years and sets up a joint inspection service.',
        'Fishermen protested outside the venue, saying the quotas would force small boats out of business.',
        'Scientists welcomed the deal but said the caps were still above what stocks can sustain over time.',
      ]);
    const copies = [fresh('race-1', 'Lakeside:'), fresh('race-2', 'LAKESIDE:'), fresh('race-3', 'Lakeside —')];
    const engines = copies.map(() => new DedupEngine(new MongoFingerprintIndex(store), DEFAULT_DEDUP_POLICY));
    const pending = await Promise.all(copies.map((copy, i) => engines[i].decide(copy, T0 + 120_000)));
    expect(pending.map((p) => p.decision.verdict)).toEqual(['unique', 'unique', 'unique']);
    const decisions = await Promise.all(pending.map((p, i) => engines[i].commit(p)));
    const unique = decisions.filter((decision) => decision.verdict === 'unique');
    expect(unique).toHaveLength(1);
    for (const decision of decisions) expect(decision.clusterId).toBe(unique[0].articleId);
    // The settled placement is what the index now holds: a later copy joins the winner's story.
    const later = await new DedupEngine(new MongoFingerprintIndex(store), DEFAULT_DEDUP_POLICY).process(
      fresh('race-4', 'Lakeside, Thursday:'),
      T0 + 130_000,
    );
    expect(later).toMatchObject({ verdict: 'duplicate', duplicateOf: unique[0].articleId });
  });

  it('lets one story through once when racing replicas claim on either side of a generation boundary', async () => {
    // Three replicas whose clocks put their claims in generation G and G+1, in G+1 only, and in G and G+1 again
    // (near G's end, or early in G+1): each pair meets in a generation they share, whatever order they claim in.
    const boundary = claimGenerationStart(claimGenerationOf(CLAIMED_AT) + 1);
    const clocks = [boundary - 60_000, boundary + 20_000, boundary - 10_000];
    expect(clocks.map((at) => claimGenerationsAt(at).length)).toEqual([2, 1, 2]);
    const orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0], null];
    for (const [round, order] of orders.entries()) {
      const db = mongo.useDb(uniqueName(`dedup-boundary-${round}`));
      const engines = clocks.map(
        (at) =>
          new DedupEngine(
            new MongoFingerprintIndex(new FingerprintStore(db, { retentionMs: 45 * 24 * 3_600_000 }, () => at)),
          ),
      );
      const copies = ['Lakeside:', 'LAKESIDE:', 'Lakeside —'].map((lead, i) =>
        article(`boundary-${round}-${i}`, [
          `${lead} Ministers of twelve countries met in a lakeside town on Thursday to agree on shared fishing quotas.`,
          'The agreement caps the catch of three species for five years and sets up a joint inspection service.',
          'Fishermen protested outside the venue, saying the quotas would force small boats out of business.',
        ]),
      );
      const pending = await Promise.all(copies.map((copy, i) => engines[i].decide(copy, T0 + 120_000 + i)));
      expect(pending.map((p) => p.decision.verdict)).toEqual(['unique', 'unique', 'unique']);
      // Committed one after another in each order (who claims first in each generation), then all at once.
      const decisions = order
        ? await order.reduce(
            async (done, i) => [...(await done), await engines[i].commit(pending[i])],
            Promise.resolve([] as DedupDecision[]),
          )
        : await Promise.all(pending.map((p, i) => engines[i].commit(p)));
      const unique = decisions.filter((decision) => decision.verdict === 'unique');
      expect({ order, unique: unique.length }).toEqual({ order, unique: 1 });
      // Committed all at once, a copy may name another copy that lost its own race: the engine alone does not follow
      // that chain (the Deduplicator's settleStory does). Followed, every copy is in the one story.
      const byId = new Map(decisions.map((decision) => [decision.articleId, decision]));
      const storyOf = (id: string): string => {
        const founder = byId.get(id);
        return founder && founder.clusterId !== id ? storyOf(founder.clusterId) : id;
      };
      for (const decision of decisions) expect(storyOf(decision.clusterId)).toBe(unique[0].articleId);
      await db.dropDatabase();
    }
  });

  it('copies processed fully concurrently by replicas: one unique, every copy names it as the original', async () => {
    const body = (lead: string) => [
      `${lead} The regional rail operator ordered forty new electric trains on Monday for its busiest commuter lines.`,
      'Deliveries start in two years and replace diesel units that have run on the network for three decades.',
      'The order is the largest in the operator’s history and is funded partly by a loan from a public bank.',
    ];
    const leads = ['Rail:', 'RAIL:', 'Rail —', 'Rail news:', 'Trains:', 'Rail, Monday:'];
    const copies = leads.map((lead, i) => candidate(`rail-${i}`, body(lead).map(paragraph)));
    // The engine alone lets one through; a copy judged against a founder that then lost its own race would still
    // name that founder. The Deduplicator waits for the founder's final decision and follows it to the original.
    const outcomes = await Promise.all(
      copies.map((copy) =>
        new Deduplicator(store, new MongoFingerprintIndex(store), DEFAULT_DEDUP_POLICY).process(copy),
      ),
    );
    const unique = outcomes.filter((outcome) => outcome.kind === 'unique');
    expect(unique).toHaveLength(1);
    const original = unique[0].message.id;
    for (const outcome of outcomes) {
      expect(outcome.message.clusterId).toBe(original);
      if (outcome.kind === 'duplicate') expect(outcome.message.duplicateOf).toBe(original);
    }
    const placed = await mongo
      .collection('dedup_fingerprints')
      .find({ _id: { $in: copies.map((copy) => copy.id) as never[] } })
      .toArray();
    expect(new Set(placed.map((record) => record.clusterId))).toEqual(new Set([original]));
  });

  it('drops the per-key postings collection an older version left, which nothing would prune any more', async () => {
    await mongo.collection('dedup_postings').insertOne({ _id: 'b:0000abcd|old' as never, key: 'b:0000abcd' });
    expect(await store.dropLegacyPostings()).toBe(true);
    expect(await mongo.db?.listCollections({ name: 'dedup_postings' }).toArray()).toEqual([]);
    expect(await store.dropLegacyPostings()).toBe(false);
  });

  it('posts an article under its lookup keys in its own fingerprint document, and leaves full keys out', async () => {
    const shape = { ...DEFAULT_INDEX_SHAPE, maxPostingsPerBandKey: 2 };
    const body = [
      'Engineers tested a floating wind turbine off the northern coast this week in waves up to eight metres high.',
      'The prototype produced power throughout the storm, and the company plans a farm of twenty units by 2030.',
    ];
    const index = new MongoFingerprintIndex(store, shape);
    const engine = new DedupEngine(index, DEFAULT_DEDUP_POLICY);
    const keysOf = async (id: string) => (await store.findFingerprint(id))?.postingKeys ?? [];
    // Same text under other ids and no URL: duplicates by content hash, each still indexed.
    for (const [i, id] of ['wind-1', 'wind-2', 'wind-3'].entries()) {
      await engine.process(article(id, body), T0 + 400_000 + i);
    }
    const first = await keysOf('wind-1');
    expect(first.filter((key) => key.startsWith('b:')).length).toBeGreaterThan(10);
    expect(first.some((key) => key.startsWith('s:'))).toBe(true);
    // The second copy fills every band key (cap 2) and joins the first's story, which holds its sentences and
    // paragraphs (one posting per story): the third is posted under nothing.
    expect(await keysOf('wind-2')).toEqual(first.filter((key) => key.startsWith('b:')));
    expect(await keysOf('wind-3')).toEqual([]);
    expect((await store.findStamps({ postingKeys: first })).map((stamp) => stamp._id).sort()).toEqual([
      'wind-1',
      'wind-2',
    ]);
  });

  it('reads of each article found only the asked keys it is posted under, not its whole list', async () => {
    const body = [
      'A museum returned forty bronze figures to the country they were taken from more than a century ago.',
      'The handover ceremony was attended by descendants of the craftsmen who cast the figures in the royal workshop.',
    ];
    await new DedupEngine(new MongoFingerprintIndex(store), DEFAULT_DEDUP_POLICY).process(
      article('bronzes', body),
      T0 + 450_000,
    );
    const posted = (await store.findFingerprint('bronzes'))?.postingKeys ?? [];
    const asked = [posted[0], posted.at(-1) as string, 'b:not-posted'];
    const stamps = await store.findStamps({ postingKeys: asked, contentHash: 'no-such-text' });
    expect(stamps.find((stamp) => stamp._id === 'bronzes')?.postingKeys?.sort()).toEqual(
      [posted[0], posted.at(-1)].sort(),
    );
    expect(posted.length).toBeGreaterThan(10);
    // Candidates and holders are read for their fingerprints: without the lookup keys, most of a record's bytes.
    const [read] = await store.findFingerprints(['bronzes']);
    expect(read).toMatchObject({ _id: 'bronzes', clusterId: 'bronzes' });
    expect(read).not.toHaveProperty('postingKeys');
  });

  it('takes a sentence in many stories for stock text: it finds no candidates and stops taking postings', async () => {
    const stock = 'The company did not immediately respond to a request for comment on Tuesday evening.';
    const stories = [
      ['Harbour cranes stood idle.', 'Dock workers walked out over a pay offer that unions called an insult to them.'],
      ['A bakery chain closed ten shops.', 'Flour and energy costs doubled in two years, the owners told staff.'],
      ['Rail fares rise in May.', 'Season tickets on commuter lines will cost about six percent more next year.'],
      ['Shares fell sharply at noon.', 'Traders blamed a profit warning from a large chipmaker for the slide.'],
      ['The mayor resigned.', 'She had led the city council for nine years and faced an ethics inquiry.'],
    ];
    const story = (id: string, [lead, other]: string[]) => article(id, [`${lead} ${stock}`, other]);
    const onMongo = new DedupEngine(new MongoFingerprintIndex(store), DEFAULT_DEDUP_POLICY);
    const memory = new InMemoryFingerprintIndex();
    const inMemory = new DedupEngine(memory, DEFAULT_DEDUP_POLICY);
    for (const [i, text] of stories.entries()) {
      const item = story(`stock-${i}`, text);
      const at = T0 + 700_000 + i * 60_000;
      expect(await onMongo.process(item, at)).toEqual(await inMemory.process(item, at));
    }
    const sentenceKey = (await store.findFingerprint('stock-0'))?.postingKeys.filter((key) => key.startsWith('s:'));
    const holders = await store.findStamps({ postingKeys: sentenceKey ?? [] });
    // Held by STOCK_SENTENCE_STORIES stories (stock-0 to stock-3), it took no more.
    expect(new Set(holders.filter((stamp) => stamp._id.startsWith('stock-')).map((stamp) => stamp._id)).size).toBe(
      DEFAULT_INDEX_SHAPE.maxStoriesPerSentence,
    );
    const probe = story('stock-probe', [
      'Wheat prices fell.',
      'Farmers expect a record harvest after a mild and wet spring across the plains.',
    ]);
    const probed = fingerprintArticle(probe);
    const withoutSentences = { ...probed, sentenceKeys: new Uint32Array(0) };
    const found = async (fingerprint: typeof probed, shape = DEFAULT_INDEX_SHAPE) =>
      (await new MongoFingerprintIndex(store, shape).lookup(fingerprint)).candidates.map((candidate) => candidate.id);
    // The stock sentence adds no candidate (whatever its bands find by chance, it finds alone), where a sentence
    // still counted would make every story holding it one.
    expect(await found(probed)).toEqual(await found(withoutSentences));
    const counted = await found(probed, { ...DEFAULT_INDEX_SHAPE, maxStoriesPerSentence: Infinity });
    expect(counted.filter((id) => id.startsWith('stock-')).sort()).toEqual([
      'stock-0',
      'stock-1',
      'stock-2',
      'stock-3',
    ]);
    const foundInMemory = (fingerprint: typeof probed) =>
      memory.lookup(fingerprint).candidates.map((candidate) => candidate.id);
    expect(foundInMemory(probed)).toEqual(foundInMemory(withoutSentences));
    // A lookup remembers the stock sentence as full, so the Deduplicator's decisions do not take turns on it.
    const index = new MongoFingerprintIndex(store);
    const probeSentences = Array.from(probed.sentenceKeys, sentenceKeyId);
    const [stockKey] = probeSentences.filter((key) => sentenceKey?.includes(key));
    expect(index.isSaturated(stockKey)).toBe(false);
    await index.lookup(probed);
    expect(index.isSaturated(stockKey)).toBe(true);
    expect(probeSentences.filter((key) => index.isSaturated(key))).toEqual([stockKey]);
    expect(index.forDelivery({ articleId: 'x', rawDocumentId: 'raw', repeatsPrior: false }).isSaturated(stockKey)).toBe(
      true,
    );
    // Known full, the stock sentence is not read again (its holders find nothing), and no article is posted under it.
    const asked: string[] = [];
    const stop = observeMongoCommands(({ command }) => {
      if (command.find === 'dedup_fingerprints') asked.push(JSON.stringify(command.filter));
    });
    try {
      await new DedupEngine(index, DEFAULT_DEDUP_POLICY).process(probe, T0 + 2_000_000);
    } finally {
      stop();
    }
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter((filter) => filter.includes(stockKey))).toEqual([]);
    expect((await store.findFingerprint('stock-probe'))?.postingKeys).not.toContain(stockKey);
  });

  it("reads a lost claim's holder again only when it could be a rival: recorded within the race window", async () => {
    const trees = [
      'Volunteers planted four thousand trees along the river on Saturday to hold the banks in future floods.',
      'The council paid for the saplings, and a local school will look after them for the next three years.',
    ];
    const ferry = [
      'The island ferry returns to its summer timetable next week, with six crossings a day instead of three.',
      'Operators hired two more crews and said fares would stay at last year’s level until the end of August.',
    ];
    const engine = new DedupEngine(new MongoFingerprintIndex(store), DEFAULT_DEDUP_POLICY);
    // Batch reads of fingerprints by id while `run` goes: the lookup's read of its candidates, the read of the
    // cluster of the story a duplicate joins, and any read of the holders of claims the article lost.
    // Also reads of claims: who holds the keys an article lost.
    const idReads = async (run: () => Promise<unknown>, collection = 'dedup_fingerprints') => {
      let reads = 0;
      const stop = observeMongoCommands(({ command }) => {
        const filter = command.filter as { _id?: { $in?: unknown } } | undefined;
        if (command.find === collection && filter?._id?.$in !== undefined) reads += 1;
      });
      try {
        await run();
      } finally {
        stop();
      }
      return reads;
    };
    await engine.process(article('trees-old', trees), T0 + 500_000);
    // An exact copy a minute later loses its claims to an article its lookup already read: its candidates and the
    // cluster it joins are read, its claims' holders are not.
    const later = await idReads(async () => {
      const decision = await engine.process(article('trees-copy', trees), T0 + 560_000);
      expect(decision).toMatchObject({ verdict: 'duplicate', duplicateOf: 'trees-old', method: 'content-hash' });
    });
    expect(later).toBe(2);
    await engine.process(article('ferry', ferry), T0 + 600_000);
    // A unique article a second after another whose paragraph it shares may be racing it: the holder of the
    // paragraph's claim is read again, fresh.
    const racing = await idReads(async () => {
      const decision = await engine.process(
        article('ferry-other', [
          ferry[0],
          'Farmers on the island said the extra crossings would finally let them sell fresh milk on the mainland.',
          'The harbour master expects queues on the first weekend and asked drivers to book their places early.',
          'A new waiting room with a café opens at the terminal in July, paid for by the regional tourist board.',
          'Island schools will adjust their timetables so that pupils from the mainland can take the later boat.',
        ]),
        T0 + 601_000,
      );
      expect(decision).toMatchObject({ verdict: 'unique' });
    });
    expect(racing).toBe(2);
    // A copy a second later is a duplicate: it stays one whatever it lost, and reads no holder.
    const claimReads = await idReads(async () => {
      const decision = await engine.process(article('ferry-copy', ferry), T0 + 602_000);
      expect(decision).toMatchObject({ verdict: 'duplicate', duplicateOf: 'ferry' });
    }, CLAIMS);
    expect(claimReads).toBe(0);
  });

  it('a redelivered article is judged against the others, never itself', async () => {
    const index = new MongoFingerprintIndex(store);
    const item = article('redo', [
      'A mountain village reopened its only school on Friday after a two-year closure caused by a landslide.',
      'Parents said children had been travelling an hour each way to attend classes in the valley town.',
    ]);
    const first = await new DedupEngine(index, DEFAULT_DEDUP_POLICY).process(item, T0 + 240_000);
    const view = index.forDelivery({ articleId: 'redo', rawDocumentId: 'raw-redo', repeatsPrior: true });
    const again = await new DedupEngine(view, DEFAULT_DEDUP_POLICY).process(item, T0 + 240_000);
    expect(first).toMatchObject({ verdict: 'unique', clusterId: 'redo' });
    expect(again).toEqual(first);
  });

  it('Deduplicator: an article whose attempt crashed before recording is decided again as it was', async () => {
    const index = new MongoFingerprintIndex(store);
    const blocks = [
      paragraph(
        'The city council approved a new cycling plan on Tuesday that adds forty kilometres of protected lanes.',
      ),
      paragraph('Work starts in spring, and the first lanes along the river should open before the end of next year.'),
    ];
    const leftover = candidate('art_crashed', blocks);
    // The crashed attempt: fingerprint and claims written, decision never recorded.
    await new DedupEngine(index, DEFAULT_DEDUP_POLICY).process(
      { id: leftover.id, body: leftover.body, url: leftover.url, sourceId: leftover.sourceId },
      T0 + 300_000,
    );
    const deduplicator = new Deduplicator(store, index, DEFAULT_DEDUP_POLICY, { decisionWaitMs: 0 });
    const outcome = await deduplicator.process(leftover);
    expect(outcome).toMatchObject({
      kind: 'unique',
      message: {
        id: 'art_crashed',
        clusterId: 'art_crashed',
        dedup: { checkedAt: new Date(T0 + 300_000).toISOString() },
      },
    });
    expect(await deduplicator.process(leftover)).toEqual(outcome);
  });

  it('Deduplicator: the same id with an edited text is an update of its previous version', async () => {
    const deduplicator = new Deduplicator(store, new MongoFingerprintIndex(store), DEFAULT_DEDUP_POLICY);
    const first = [
      paragraph('Heavy rain flooded the lower town overnight and closed the main bridge to all traffic until noon.'),
      paragraph('Firefighters pumped water out of thirty cellars, and nobody was hurt, the mayor said this morning.'),
    ];
    const story = candidate('art_flood', first, { url: 'https://news.example/flood' });
    // An edit is another fetch of the page: another raw document.
    const edited = candidate(
      'art_flood',
      [...first, paragraph('The bridge reopened at noon after engineers checked it.')],
      { url: 'https://news.example/flood', rawDocumentId: 'raw-art_flood-edited' },
    );
    expect((await deduplicator.process(story)).message).toMatchObject({ dedup: { verdict: 'unique' } });
    const update = await deduplicator.process(edited);
    expect(update).toMatchObject({
      kind: 'unique',
      message: { id: 'art_flood', clusterId: 'art_flood', dedup: { verdict: 'update' } },
    });
    expect(await deduplicator.process(edited)).toEqual(update);
  });

  // The splitter drops the lines of a plain-text dump it has learned to be the source's boilerplate ("Distributed by
  // …"); a splitter killed before committing splits the document again with what it remembers, which may be less.
  const wire = [
    paragraph('The port authority said on Wednesday that container traffic rose by a tenth in the third quarter.'),
    paragraph('Most of the growth came from two new shipping lines that call at the harbour every week since June.'),
    paragraph('Dock workers will vote next month on a pay offer that the authority described as its final word.'),
  ];
  const credit = paragraph('Distributed by src-b.');

  it('Deduplicator: a document split again with another text keeps its decision (a duplicate stays one)', async () => {
    const deduplicator = new Deduplicator(store, new MongoFingerprintIndex(store), DEFAULT_DEDUP_POLICY);
    expect(await deduplicator.process(candidate('art_wire', wire))).toMatchObject({ kind: 'unique' });
    const copy = (blocks: typeof wire) =>
      candidate('art_wire_copy', blocks, {
        sourceId: 'src-b',
        url: 'https://src-b.example/wire',
        rawDocumentId: 'raw-wire-copy',
      });
    const first = await deduplicator.process(copy([...wire, credit]));
    expect(first).toMatchObject({ kind: 'duplicate', message: { duplicateOf: 'art_wire' } });
    // Taken for an edit, it was an update of itself: published as an article beside its duplicate record.
    expect(await deduplicator.process(copy(wire))).toEqual(first);
  });

  it('Deduplicator: a crashed attempt split again with another text is decided at its first time, not as an update', async () => {
    const story = [
      paragraph('A regional airline will stop flying to three island airports in winter, citing a shortage of pilots.'),
      paragraph('Islanders said the ferry would be their only link to the mainland for four months of the year.'),
    ];
    const attempt = candidate('art_island', [...story, credit], { rawDocumentId: 'raw-island' });
    const index = new MongoFingerprintIndex(store);
    // The crashed attempt: fingerprint and claims written for its document, decision never recorded.
    const view = index.forDelivery({ articleId: attempt.id, rawDocumentId: 'raw-island', repeatsPrior: false });
    await new DedupEngine(view, DEFAULT_DEDUP_POLICY).process(
      { id: attempt.id, body: attempt.body, url: attempt.url, sourceId: attempt.sourceId },
      T0 + 800_000,
    );
    const deduplicator = new Deduplicator(store, index, DEFAULT_DEDUP_POLICY, { decisionWaitMs: 0 });
    const again = candidate('art_island', story, { rawDocumentId: 'raw-island' });
    const outcome = await deduplicator.process(again);
    expect(outcome).toMatchObject({
      kind: 'unique',
      message: {
        clusterId: 'art_island',
        dedup: { verdict: 'unique', checkedAt: new Date(T0 + 800_000).toISOString() },
      },
    });
    // Its first text, delivered once more: the same decision.
    expect(await deduplicator.process(attempt)).toMatchObject({
      kind: 'unique',
      message: { dedup: { verdict: 'unique', checkedAt: new Date(T0 + 800_000).toISOString() } },
    });
  });

  it('Deduplicator: whether a new article is indexed already is read with its candidates, not on its own', async () => {
    const deduplicator = new Deduplicator(store, new MongoFingerprintIndex(store), DEFAULT_DEDUP_POLICY);
    const ferry = (lead: string) =>
      [
        `${lead} A new ferry between the two islands started service on Saturday, cutting the crossing to forty minutes.`,
        'The operator runs six crossings a day in summer and four in winter, with room for sixty cars on each one.',
      ].map(paragraph);
    await deduplicator.process(candidate('art_ferry', ferry('Ferry:')));
    const byId: unknown[][] = [];
    const stop = observeMongoCommands(({ command }) => {
      const filter = command.filter as { _id?: unknown } | undefined;
      if (command.find !== 'dedup_fingerprints' || filter?._id === undefined) return;
      const id = filter._id as string | { $in: unknown[] };
      byId.push(typeof id === 'string' ? [id] : id.$in);
    });
    try {
      const copy = candidate('art_ferry_copy', ferry('FERRY:'), { sourceId: 'src-b' });
      expect(await deduplicator.process(copy)).toMatchObject({
        kind: 'duplicate',
        message: { duplicateOf: 'art_ferry' },
      });
    } finally {
      stop();
    }
    const own = byId.filter((ids) => ids.includes('art_ferry_copy'));
    expect(own).toEqual([expect.arrayContaining(['art_ferry', 'art_ferry_copy'])]);
  });

  /** The store a slow replica decides through: `meanwhile` runs once, just before its first fingerprint is written. */
  class SlowStore extends FingerprintStore {
    constructor(private readonly meanwhile: () => Promise<void>) {
      super(mongo, { retentionMs: 45 * 24 * 3_600_000 }, () => CLAIMED_AT);
    }

    override async saveFingerprint(record: FingerprintRecord): Promise<void> {
      await this.meanwhile();
      return super.saveFingerprint(record);
    }
  }

  const harbour = (lead: string) =>
    [
      `${lead} The harbour board approved a new breakwater on Monday after storms damaged the old one twice this year.`,
      'Construction starts in April and should take two summers, with the fishing fleet moved to a temporary quay.',
      'The board said the cost would be shared between the town, the region and a national coastal protection fund.',
    ].map(paragraph);

  it('Deduplicator: a decision slower than MAX_LOOKUP_TO_CLAIM_MS from lookup to claims is taken again', async () => {
    // A replica stalls between its lookup and its claims; meanwhile another replica decides a copy of the story, and
    // that copy's claims are gone (their generation dropped) before the slow replica claims: it would win every key,
    // see no rival and pass the story a second time. Taken again, its lookup finds the copy.
    const T = T0 + 900_000;
    let now = T;
    let stalled = false;
    const first = new Deduplicator(store, new MongoFingerprintIndex(store), DEFAULT_DEDUP_POLICY, {
      clock: () => T - 1_000,
    });
    const slowStore = new SlowStore(async () => {
      if (stalled) return;
      stalled = true;
      expect(await first.process(candidate('art_harbour_a', harbour('Harbour:')))).toMatchObject({ kind: 'unique' });
      await mongo.collection(CLAIMS).deleteMany({ holder: 'art_harbour_a' });
      now += MAX_LOOKUP_TO_CLAIM_MS + 1_000;
    });
    const slow = new Deduplicator(slowStore, new MongoFingerprintIndex(slowStore), DEFAULT_DEDUP_POLICY, {
      clock: () => now,
    });
    const outcome = await slow.process(candidate('art_harbour_b', harbour('HARBOUR:')));
    expect(outcome).toMatchObject({ kind: 'duplicate', message: { duplicateOf: 'art_harbour_a' } });
  });

  it('Deduplicator: a decision that stays that slow fails, to be retried, rather than trust expired claims', async () => {
    let now = T0 + 1_000_000;
    const alwaysSlow = new SlowStore(async () => {
      now += MAX_LOOKUP_TO_CLAIM_MS + 1_000;
    });
    const slow = new Deduplicator(alwaysSlow, new MongoFingerprintIndex(alwaysSlow), DEFAULT_DEDUP_POLICY, {
      clock: () => now,
    });
    await expect(slow.process(candidate('art_harbour_slow', harbour('Slow harbour:')))).rejects.toThrow(
      /art_harbour_slow: each of 3 attempts took over 60000 ms from lookup to claims/,
    );
  });
});
