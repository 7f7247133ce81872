import { exampleEnrichedArticle, scopedArticleId } from '@inkstream/contracts';
import { articleRecordFrom } from './article-record';
import { paragraphContainment, sharedDuplicateRecordFrom } from './duplicate-record';

describe('another source’s delivery of a stored article', () => {
  const now = '2026-12-01T00:00:00.000Z';
  const original = articleRecordFrom(exampleEnrichedArticle({ id: 'art_1' }), {
    version: 1,
    storedAt: now,
    now,
    duplicates: [],
  });

  it('is a duplicate named by its id scoped to the delivering source, the same record on every redelivery', () => {
    const delivery = exampleEnrichedArticle({
      id: 'art_1',
      sourceId: 'src-sitemap',
      source: { id: 'src-sitemap', name: 'Sitemap', domain: 'arabnews.com' },
    });
    const record = sharedDuplicateRecordFrom(delivery, original);
    expect(record).toMatchObject({
      _id: scopedArticleId('src-sitemap', 'art_1'),
      duplicateOf: 'art_1',
      clusterId: original.clusterId,
      ref: {
        id: scopedArticleId('src-sitemap', 'art_1'),
        method: 'url',
        similarity: 1,
        detectedAt: delivery.extractedAt,
      },
    });
    expect(sharedDuplicateRecordFrom({ ...delivery, traceId: 'again' }, original).ref).toEqual(record.ref);
  });

  it('measures how much of its text the stored article has (paragraphs, case and spacing folded)', () => {
    expect(paragraphContainment(['A  b.', 'C d.'], ['a b.', 'c d.', 'e f.'])).toBe(1);
    expect(paragraphContainment(['a b.', 'x y.', 'z.'], ['a b.'])).toBe(0.3333);
    expect(paragraphContainment([], ['a b.'])).toBe(0);
  });
});
