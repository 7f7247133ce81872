import {
  auditViolations,
  reconcile,
  type DeadLetterEvidence,
  type RawDocumentEntry,
  type ReconcileInput,
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
        articles: [{ id: 'a1', url: 'https://example.com/stored', title: 'A', rawDocumentId: 'stored' }],
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
          { id: 'a1', url: 'https://example.com/first', title: 'A', rawDocumentId: 'a-later-document' },
          { id: 'p1', url: 'https://example.com/page', title: 'P', rawDocumentId: 'page' },
        ],
        deadLetters: [letter({ rawDocumentId: 'page', group: 'inkstream.enricher', originalTopic: 'news.unique.v1' })],
      }),
    );
    expect(statuses(report)).toEqual({ first: 'stored', page: 'stored' });
    expect(report.summary.deadLettersByGroup).toEqual({ 'inkstream.enricher': 1 });
  });

  it('flags one story stored twice: an article also recorded as a duplicate, or two articles with its URL and title', () => {
    const report = reconcile(
      input({
        rawDocuments: [raw('again', 1), raw('twice', 2), raw('live', 3)],
        articles: [
          { id: 'a1', url: 'https://example.com/again', title: 'A', rawDocumentId: 'again' },
          { id: 't1', url: 'https://example.com/twice', title: 'T', rawDocumentId: 'twice' },
          { id: 't2', url: 'https://example.com/twice', title: 'T', rawDocumentId: 'twice' },
          // Entries of one live page share its URL: different stories, not one twice.
          { id: 'l1', url: 'https://example.com/live', title: 'Entry 1', rawDocumentId: 'live' },
          { id: 'l2', url: 'https://example.com/live', title: 'Entry 2', rawDocumentId: 'live' },
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
          { id: 'o', url: 'https://example.com/original', title: 'Story', rawDocumentId: 'original' },
          { id: 'c', url: 'https://example.com/copy', title: 'Story', rawDocumentId: 'copy' },
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
});
