import {
  auditViolations,
  notOwnersText,
  reconcile,
  type DeadLetterEvidence,
  type RawDocumentEntry,
  type ReconcileInput,
  type StoredArticleEvidence,
} from './reconcile';
import { formatAuditReport } from './report-format';

const NOW = Date.parse('2026-12-01T04:00:00Z');
const HOUR = 3_600_000;

function raw(id: string, offset: number, overrides: Partial<RawDocumentEntry> = {}): RawDocumentEntry {
  return {
    id,
    url: `https://example.com/${id}`,
    sourceId: 'src',
    traceId: `trace-${id}`,
    partition: 0,
    offset: String(offset),
    publishedAt: NOW - HOUR,
    ...overrides,
  };
}

function letter(overrides: Partial<DeadLetterEvidence>): DeadLetterEvidence {
  return {
    rawDocumentId: null,
    traceId: null,
    group: 'inkstream.splitter',
    originalTopic: 'news.raw.v1',
    originalPartition: null,
    originalOffset: null,
    kind: 'permanent-error',
    error: 'binary content',
    ...overrides,
  };
}

/** A stored article whose latest version was published an hour ago. */
function stored(
  id: string,
  url: string,
  title: string,
  rawDocumentId: string,
  overrides: Partial<StoredArticleEvidence> = {},
): StoredArticleEvidence {
  return { id, url, title, rawDocumentId, version: 1, publishedVersion: 1, updatedAt: NOW - HOUR, ...overrides };
}

function input(overrides: Partial<ReconcileInput>): ReconcileInput {
  return {
    rawDocuments: [],
    articles: [],
    duplicates: [],
    empties: [],
    deadLetters: [],
    rawTopic: 'news.raw.v1',
    splitterCommitted: new Map([[0, 100n]]),
    now: NOW,
    inFlightGraceMs: 5 * 60_000,
    ...overrides,
  };
}

const statuses = (report: ReturnType<typeof reconcile>) =>
  Object.fromEntries(report.accounts.map((account) => [account.rawDocumentId, account.status]));

describe('reconcile', () => {
  it('accounts for each document by the evidence its id links to', () => {
    const report = reconcile(
      input({
        rawDocuments: [raw('stored', 1), raw('dup', 2), raw('empty', 3), raw('dead', 4), raw('lost', 5)],
        articles: [stored('a1', 'https://example.com/stored', 'A', 'stored')],
        duplicates: [
          {
            id: 'd1',
            url: 'https://example.com/dup',
            title: 'A',
            rawDocumentId: 'dup',
            duplicateOf: 'a1',
            method: 'near-duplicate',
          },
        ],
        empties: [{ rawDocumentId: 'empty', reason: 'no article found' }],
        deadLetters: [letter({ rawDocumentId: 'dead', group: 'inkstream.enricher', originalTopic: 'news.unique.v1' })],
      }),
    );
    expect(statuses(report)).toEqual({
      stored: 'stored',
      dup: 'duplicate',
      empty: 'empty',
      dead: 'dead-letter',
      lost: 'unaccounted',
    });
    expect(report.summary).toMatchObject({
      rawIn: 5,
      articles: 1,
      duplicates: 1,
      storedTwice: 0,
      deadLettersByGroup: { 'inkstream.enricher': 1 },
    });
    expect(auditViolations(report)).toEqual(['1 raw document(s) unaccounted (lost)']);
    expect(formatAuditReport(report)).toContain('unaccounted (1):\n  lost https://example.com/lost');
  });

  it('links a splitter dead letter without payload by its original position, and one of another stage by a trace id only its document has', () => {
    const report = reconcile(
      input({
        rawDocuments: [
          raw('big', 7, { partition: 2 }),
          raw('solo', 8),
          raw('run-a', 9, { traceId: 'run' }),
          raw('run-b', 10, { traceId: 'run' }),
        ],
        splitterCommitted: new Map([
          [0, 100n],
          [2, 100n],
        ]),
        deadLetters: [
          letter({ originalPartition: 2, originalOffset: '7' }),
          letter({ traceId: 'trace-solo', group: 'inkstream.store', originalTopic: 'news.enriched.v1' }),
          // A fetcher run shares its trace id: this letter cannot say which document it was.
          letter({ traceId: 'run', group: 'inkstream.store', originalTopic: 'news.enriched.v1' }),
        ],
      }),
    );
    expect(statuses(report)).toEqual({
      big: 'dead-letter',
      solo: 'dead-letter',
      'run-a': 'unaccounted',
      'run-b': 'unaccounted',
    });
  });

  it('counts a document the splitter has not read, or a recent one, as in flight, an old one past the splitter as unaccounted', () => {
    const report = reconcile(
      input({
        rawDocuments: [
          raw('unread', 100),
          raw('recent', 50, { publishedAt: NOW - 60_000 }),
          raw('old', 51),
          raw('no-commit', 3, { partition: 4 }),
        ],
      }),
    );
    expect(statuses(report)).toEqual({
      unread: 'in-flight',
      recent: 'in-flight',
      old: 'unaccounted',
      'no-commit': 'in-flight',
    });
    expect(auditViolations(report)).toEqual(['1 raw document(s) unaccounted (lost)']);
  });

  it('finds an article a later document updated by the URL, and prefers stored over a dead letter of another article of the same document', () => {
    const report = reconcile(
      input({
        rawDocuments: [raw('first', 1), raw('page', 2)],
        articles: [
          stored('a1', 'https://example.com/first', 'A', 'a-later-document'),
          stored('p1', 'https://example.com/page', 'P', 'page'),
        ],
        deadLetters: [letter({ rawDocumentId: 'page', group: 'inkstream.enricher', originalTopic: 'news.unique.v1' })],
      }),
    );
    expect(statuses(report)).toEqual({ first: 'stored', page: 'stored' });
    expect(report.summary.deadLettersByGroup).toEqual({ 'inkstream.enricher': 1 });
  });

  it("does not count another source's article under a document's URL as that document stored", () => {
    const url = 'https://example.com/shared';
    const report = reconcile(
      input({
        rawDocuments: [
          raw('feed', 1, { url, sourceId: 'feed' }),
          raw('sitemap', 2, { url, sourceId: 'sitemap' }),
          raw('squat', 3, { url, sourceId: 'squatter' }),
          raw('lost-copy', 4, { url, sourceId: 'mirror' }),
        ],
        articles: [
          stored('own', url, 'Shared', 'feed', { sourceId: 'feed' }),
          stored('scoped', url, 'Shared', 'squat', { sourceId: 'squatter' }),
        ],
        duplicates: [{ id: 'dup', url, title: 'Shared', rawDocumentId: 'sitemap', duplicateOf: 'own', method: 'url' }],
      }),
    );
    // The second source's copy is its duplicate record; a copy whose record is missing is lost, not "stored"; a
    // squatter's text under the URL, even with the same title, is not the outlet's story stored twice.
    expect(statuses(report)).toEqual({
      feed: 'stored',
      sitemap: 'duplicate',
      squat: 'stored',
      'lost-copy': 'unaccounted',
    });
    const articlesOf = (id: string) =>
      report.accounts.find((account) => account.rawDocumentId === id)?.articles.map((article) => article.id);
    expect(articlesOf('feed')).toEqual(['own']);
    expect(articlesOf('squat')).toEqual(['scoped']);
    expect(report.summary.storedTwice).toBe(0);
  });

  it('flags one story stored twice: an article also recorded as a duplicate, or two articles with its URL and title', () => {
    const report = reconcile(
      input({
        rawDocuments: [raw('again', 1), raw('twice', 2), raw('live', 3)],
        articles: [
          stored('a1', 'https://example.com/again', 'A', 'again'),
          stored('t1', 'https://example.com/twice', 'T', 'twice'),
          stored('t2', 'https://example.com/twice', 'T', 'twice'),
          // Entries of one live page share its URL: different stories, not one twice.
          stored('l1', 'https://example.com/live', 'Entry 1', 'live'),
          stored('l2', 'https://example.com/live', 'Entry 2', 'live'),
        ],
        duplicates: [
          {
            id: 'a1',
            url: 'https://example.com/again',
            title: 'A',
            rawDocumentId: 'again',
            duplicateOf: 'a1',
            method: 'url',
          },
        ],
      }),
    );
    expect(report.accounts.map((account) => [account.rawDocumentId, account.storedTwice])).toEqual([
      ['again', true],
      ['twice', true],
      ['live', false],
    ]);
    expect(auditViolations(report)).toEqual(['2 raw document(s) stored twice']);
  });

  it('does not count a near-copy of another document stored as its own article as stored twice', () => {
    const report = reconcile(
      input({
        rawDocuments: [raw('original', 1), raw('copy', 2)],
        articles: [
          stored('o', 'https://example.com/original', 'Story', 'original'),
          stored('c', 'https://example.com/copy', 'Story', 'copy'),
        ],
      }),
    );
    expect(report.summary.storedTwice).toBe(0);
    expect(auditViolations(report)).toEqual([]);
  });

  it('counts a raw document read twice (a producer retry) once', () => {
    const report = reconcile(
      input({ rawDocuments: [raw('r', 1), raw('r', 2)], empties: [{ rawDocumentId: 'r', reason: 'x' }] }),
    );
    expect(report.summary).toMatchObject({ rawIn: 1, republished: 1 });
    expect(report.summary.byStatus.empty).toBe(1);
  });

  it('names an article whose stored version was never published, once past the in-flight grace', () => {
    const report = reconcile(
      input({
        rawDocuments: [raw('owed', 1), raw('fresh', 2), raw('fine', 3)],
        articles: [
          // Killed between the write and the publish, and never repaired: subscribers missed version 2.
          stored('o1', 'https://example.com/owed', 'O', 'owed', { version: 2, publishedVersion: 1 }),
          // Written a moment ago: its publish may be on its way.
          stored('f1', 'https://example.com/fresh', 'F', 'fresh', { version: 1, publishedVersion: 0, updatedAt: NOW }),
          stored('g1', 'https://example.com/fine', 'G', 'fine'),
        ],
      }),
    );
    expect(report.summary.unpublished).toBe(1);
    expect(auditViolations(report)).toEqual(['1 article(s) whose stored version was never published']);
    expect(formatAuditReport(report)).toMatch(/versions never published\s+1/);
    expect(report.unpublished).toEqual([
      { articleId: 'o1', rawDocumentId: 'owed', version: 2, publishedVersion: 1, updatedAt: expect.any(Number) },
    ]);
    expect(formatAuditReport(report)).toMatch(/article o1 version 2 \(published 1\), written .* from owed/);
  });

  it("reports articles whose text did not come from their URL's owner, and fails on one holding that URL", () => {
    const victimUrl = 'http://127.0.0.1:8002/news/story';
    const squatterFeed = { fetchedFrom: null, sourceSites: ['127.0.0.1:8001'] };
    const report = reconcile(
      input({
        rawDocuments: [
          // a feed on another port listing the victim's URL: its text is the feed's, not the victim's
          raw('squat', 1, { url: victimUrl, sourceId: 'squatter', textSource: squatterFeed }),
          raw('aggregated', 2, { url: 'https://www.bbc.co.uk/news/1', sourceId: 'squatter', textSource: squatterFeed }),
          raw('own', 3, { url: 'http://127.0.0.1:8001/news/own', sourceId: 'squatter', textSource: squatterFeed }),
          // the victim's own page, fetched from its URL
          raw('victim', 4, {
            url: victimUrl,
            sourceId: 'victim',
            textSource: { fetchedFrom: victimUrl, sourceSites: ['127.0.0.1:8002'] },
          }),
        ],
        articles: [
          // stored under the URL's identity (what the rule forbids)…
          stored('held', victimUrl, 'Made up', 'squat', {
            contentOrigin: { ...squatterFeed, urlIdentity: true },
          }),
          // …and under the feed's own id: shown, not a violation
          stored('scoped', 'https://www.bbc.co.uk/news/1', 'Summary', 'aggregated', {
            contentOrigin: { ...squatterFeed, urlIdentity: false },
          }),
          stored('mine', 'http://127.0.0.1:8001/news/own', 'Own', 'own', {
            contentOrigin: { ...squatterFeed, urlIdentity: true },
          }),
          stored('real', victimUrl, 'Real', 'victim', {
            contentOrigin: { fetchedFrom: victimUrl, sourceSites: ['127.0.0.1:8002'], urlIdentity: true },
          }),
        ],
      }),
    );
    expect(report.summary).toMatchObject({ notOwnersText: 2, squats: 1 });
    const squat = report.accounts.find((account) => account.rawDocumentId === 'squat');
    expect(squat?.notOwnersText).toEqual([{ articleId: 'held', url: victimUrl, sourceId: 'squatter', squat: true }]);
    expect(auditViolations(report)).toEqual(["1 article(s) holding a URL with text not from that URL's owner"]);
    const text = formatAuditReport(report);
    expect(text).toMatch(/text not from its URL owner\s+2/);
    expect(text).toMatch(/held under that URL \(squats\)\s+1/);
    expect(text).toContain(`article held ${victimUrl}`);
  });

  it("judges by the article's recorded origin when its raw document is not in the window", () => {
    const found = notOwnersText(
      stored('old', 'https://victim.example/a', 'T', 'outside', {
        canonicalUrl: 'https://victim.example/a',
        contentOrigin: { fetchedFrom: null, sourceSites: ['squatter.example'], urlIdentity: true },
      }),
      'squatter',
      new Map(),
    );
    expect(found).toEqual({ articleId: 'old', url: 'https://victim.example/a', sourceId: 'squatter', squat: true });
    expect(notOwnersText(stored('none', 'https://victim.example/a', 'T', 'outside'), 'squatter', new Map())).toBeNull();
  });
});
