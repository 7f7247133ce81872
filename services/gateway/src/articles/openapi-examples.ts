import { exampleEnrichedArticle } from '@inkstream/contracts';
import { articleRecordFrom, articleSummaryFrom, cleanArticleFrom, encodeArticleCursor } from '@inkstream/persistence';

/** Response examples for the API explorer, built from the contracts' example so they never drift from the schema. */
const record = articleRecordFrom(exampleEnrichedArticle(), {
  version: 1,
  storedAt: '2026-11-28T10:00:04.000Z',
  now: '2026-11-28T10:00:04.000Z',
  duplicates: [],
});

export const CLEAN_ARTICLE_EXAMPLE = cleanArticleFrom(record);

export const ARTICLE_PAGE_EXAMPLE = {
  items: [articleSummaryFrom(record)],
  nextCursor: encodeArticleCursor({ field: 'storedAt', time: record.storedAt, id: record._id }),
};
