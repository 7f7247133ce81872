// What `q=` finds depends on ARTICLE_SEARCH_SCOPE, and the store owns the one text index a collection may have: it
// replaces an index of another scope at startup (filling `searchText` on older articles first), while the gateway only
// creates one where none exists. Real MongoDB-protocol server; the queries are the gateway's own.
import { exampleEnrichedArticle, type EnrichedArticle } from '@inkstream/contracts';
import {
  ArticleQueryRepository,
  articleModels,
  articleRecordFrom,
  ArticleRepository,
  connectMongo,
  ensureArticleIndexes,
  LEDE_WORDS,
} from '@inkstream/persistence';
import { mongoUriFor, uniqueName } from '@inkstream/testing';
import type { Connection } from 'mongoose';

const filler = (count: number) => Array.from({ length: count }, (_, i) => `filler${i}`).join(' ');

/** A long article: `ledeword` in its first words, `deepword` and the entity `Zanzibar Holdings` far past the lede. */
function longArticle(id: string): EnrichedArticle {
  const base = exampleEnrichedArticle({ id });
  return {
    ...base,
    body: `Ledeword opens it. ${filler(LEDE_WORDS)} Then deepword, and Zanzibar Holdings. ${filler(200)}`,
    enrichment: {
      ...base.enrichment,
      summary: 'Ledeword opens it.',
      entities: [{ ...base.enrichment.entities[0], name: 'Zanzibar Holdings', type: 'ORGANIZATION' }],
    },
  };
}

const TALKS_LEDE = 'Ministers resumed the talks in Geneva on Monday.';

/** An article whose lede holds common words between the words of a phrase. */
function talksArticle(id: string): EnrichedArticle {
  const base = exampleEnrichedArticle({ id });
  return {
    ...base,
    title: 'Ceasefire holds',
    standfirst: null,
    body: `${TALKS_LEDE} ${filler(100)}`,
    enrichment: { ...base.enrichment, summary: '', entities: [], places: [], keywords: [] },
  };
}

describe('search scope (real MongoDB-protocol server)', () => {
  let mongo: Connection;

  beforeAll(async () => {
    mongo = await connectMongo(mongoUriFor(uniqueName('search-scope')), { appName: 'search-scope-test' });
  });

  afterAll(async () => {
    await mongo?.db?.dropDatabase();
    await mongo?.close();
  });

  const found = async (query: string) =>
    (await new ArticleQueryRepository(articleModels(mongo)).search(query, {}, { limit: 10 })).items.map(
      (hit) => hit.id,
    );
  const textIndexes = async () =>
    (await mongo.collection('articles').listIndexes().toArray())
      .filter((index) => Object.values(index.key as object).includes('text'))
      .map((index) => ({ name: index.name as string, fields: Object.keys(index.weights as object).sort() }));

  it('finds a story by its lede and its entities in story scope, and by any word of the body in body scope', async () => {
    const models = articleModels(mongo);
    await ensureArticleIndexes(models, { searchScope: 'story', ownsSearchIndex: true });
    await new ArticleRepository(models).upsertEnriched(longArticle('art_long'), '2026-12-01T10:00:00.000Z');

    expect(await textIndexes()).toEqual([{ name: 'article_story_text', fields: ['searchText', 'title'] }]);
    expect(await found('ledeword')).toEqual(['art_long']);
    expect(await found('zanzibar')).toEqual(['art_long']);
    expect(await found('deepword')).toEqual([]);

    // The gateway, configured for the other scope or none, never replaces the store's index.
    await ensureArticleIndexes(models, { searchScope: 'body', ownsSearchIndex: false });
    expect(await textIndexes()).toEqual([{ name: 'article_story_text', fields: ['searchText', 'title'] }]);

    await ensureArticleIndexes(models, { searchScope: 'body', ownsSearchIndex: true });
    expect(await textIndexes()).toEqual([{ name: 'article_text', fields: ['body', 'title'] }]);
    expect(await found('deepword')).toEqual(['art_long']);
    expect(await found('ledeword')).toEqual(['art_long']);
  });

  it('gives articles stored before the story scope their search text when the store moves to it', async () => {
    const models = articleModels(mongo);
    await mongo.db?.dropDatabase();
    // An older store: the text index over the whole body, articles without `searchText`.
    await ensureArticleIndexes(models, { searchScope: 'body', ownsSearchIndex: true });
    const older = Array.from({ length: 1_100 }, (_, i) => {
      const { searchText: _text, ...record } = articleRecordFrom(longArticle(`art_old${String(i).padStart(4, '0')}`), {
        version: 1,
        storedAt: '2026-11-01T00:00:00.000Z',
        now: '2026-11-01T00:00:00.000Z',
        duplicates: [],
      });
      return record;
    });
    await mongo.collection('articles').insertMany(older as never[]);

    await ensureArticleIndexes(models, { searchScope: 'story', ownsSearchIndex: true });

    expect(await mongo.collection('articles').countDocuments({ searchText: { $exists: false } })).toBe(0);
    expect(await textIndexes()).toEqual([{ name: 'article_story_text', fields: ['searchText', 'title'] }]);
    expect(await found('zanzibar')).toHaveLength(10);
    expect(await found('deepword')).toEqual([]);
  });

  it('finds a phrase of the story text across the common words it leaves out, and a common word only in titles', async () => {
    const models = articleModels(mongo);
    await mongo.db?.dropDatabase();
    await ensureArticleIndexes(models, { searchScope: 'story', ownsSearchIndex: true });
    const repository = new ArticleRepository(models);
    await repository.upsertEnriched(talksArticle('art_talks'), '2026-12-01T10:00:00.000Z');
    await repository.upsertEnriched(
      { ...talksArticle('art_union'), title: 'The state of the union', body: 'Quiet week.' },
      '2026-12-01T10:00:00.000Z',
    );

    const stored = await mongo.collection('articles').findOne({ _id: 'art_talks' as never });
    expect(stored?.searchText).toContain('Ministers resumed talks Geneva Monday');
    expect(await found('"talks in Geneva"')).toEqual(['art_talks']);
    expect(await found('"talks in Bern"')).toEqual([]);
    // A common word alone: the title that holds it, never every story that does.
    expect(await found('the')).toEqual(['art_union']);
  });

  it('rewrites the search text of a store whose story index holds common words, and renames the index', async () => {
    const models = articleModels(mongo);
    await mongo.db?.dropDatabase();
    // The release before: the story index under the old name, over search text with every word in it.
    const older = articleRecordFrom(talksArticle('art_older'), {
      version: 1,
      storedAt: '2026-11-01T00:00:00.000Z',
      now: '2026-11-01T00:00:00.000Z',
      duplicates: [],
    });
    await mongo.collection('articles').insertOne({ ...older, searchText: TALKS_LEDE } as never);
    await mongo
      .collection('articles')
      .createIndex(
        { title: 'text', searchText: 'text' },
        { name: 'article_text', default_language: 'none', language_override: 'textSearchLanguage' },
      );

    await ensureArticleIndexes(models, { searchScope: 'story', ownsSearchIndex: true });

    expect(await textIndexes()).toEqual([{ name: 'article_story_text', fields: ['searchText', 'title'] }]);
    const stored = await mongo.collection('articles').findOne({ _id: 'art_older' as never });
    expect(stored?.searchText).not.toMatch(/\bthe\b/);
    expect(await found('"talks in Geneva"')).toEqual(['art_older']);
  });

  it('lets two store replicas move to another scope at once', async () => {
    const models = articleModels(mongo);
    await mongo.db?.dropDatabase();
    await ensureArticleIndexes(models, { searchScope: 'story', ownsSearchIndex: true });
    await new ArticleRepository(models).upsertEnriched(longArticle('art_both'), '2026-12-01T10:00:00.000Z');
    const replica = await connectMongo(mongoUriFor(mongo.name), { appName: 'search-scope-replica' });
    try {
      await Promise.all([
        ensureArticleIndexes(models, { searchScope: 'body', ownsSearchIndex: true }),
        ensureArticleIndexes(articleModels(replica), { searchScope: 'body', ownsSearchIndex: true }),
      ]);
    } finally {
      await replica.close();
    }
    expect(await textIndexes()).toEqual([{ name: 'article_text', fields: ['body', 'title'] }]);
    expect(await found('deepword')).toEqual(['art_both']);
  });
});
