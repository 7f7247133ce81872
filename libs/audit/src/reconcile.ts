// The reconciliation of raw documents against what became of them: pure, so the CLI (`inkstream audit`) and the
// resilience run (`npm run test:resilience`) account for documents the same way, and it is unit-tested without a stack.
//
// How a raw document is found again downstream: the splitter records an empty document under the raw document's id
// (empty_documents._id); every article candidate carries `rawDocumentId`, kept by the stored article
// (`provenance.rawDocumentId`), the duplicate record (`rawDocumentId`) and any later stage's dead letter (its payload);
// the splitter's own dead letter is the raw document itself. A dead letter whose payload Kafka refused keeps only its
// headers: the original topic, partition and offset (exact for the splitter's) and the trace id (shared by every
// document of one fetcher run, so it names a document only when it is the run's only one).

import { isOwnersText, type ContentOrigin, type TextSource } from '@inkstream/contracts';

/** One raw document as read back from the raw-documents topic. */
export interface RawDocumentEntry {
  id: string;
  url: string | null;
  /** Where its text came from (its fetch URL and its source's sites); null when the message was unreadable. */
  textSource?: TextSource | null;
  sourceId: string;
  traceId: string;
  partition: number;
  offset: string;
  /** The broker's timestamp of the message, epoch ms. */
  publishedAt: number;
}

export interface StoredArticleEvidence {
  id: string;
  url: string | null;
  canonicalUrl?: string | null;
  /** The source that stored it (absent: the source of the document it is linked to). */
  sourceId?: string;
  /** As the splitter recorded it; absent on articles stored before it was recorded. */
  contentOrigin?: ContentOrigin | null;
  title: string;
  /** The raw document of the article's latest stored version. */
  rawDocumentId: string;
  /** The stored version and the last one published on the clean topic: below it, a publish is still owed. */
  version: number;
  publishedVersion: number;
  /** When the stored version was written, epoch ms. */
  updatedAt: number;
}

export interface DuplicateEvidence {
  id: string;
  url: string | null;
  title: string;
  rawDocumentId: string;
  /** The id of the article it duplicates. */
  duplicateOf: string;
  method: string;
}

export interface EmptyEvidence {
  rawDocumentId: string;
  reason: string;
}

export interface DeadLetterEvidence {
  /** From the payload; null when Kafka refused the payload or it cannot be parsed. */
  rawDocumentId: string | null;
  traceId: string | null;
  /** The stage's consumer group (`inkstream.store`). */
  group: string;
  /** The logical topic the stage failed to process. */
  originalTopic: string;
  originalPartition: number | null;
  originalOffset: string | null;
  kind: string;
  error: string;
}

export type AccountStatus = 'stored' | 'duplicate' | 'empty' | 'dead-letter' | 'in-flight' | 'unaccounted';

/** In the order a status wins over another: a document with one stored article and one dead-lettered is stored. */
export const ACCOUNT_STATUSES: readonly AccountStatus[] = [
  'stored',
  'duplicate',
  'empty',
  'dead-letter',
  'in-flight',
  'unaccounted',
];

export interface DocumentAccount {
  rawDocumentId: string;
  url: string | null;
  sourceId: string;
  partition: number;
  offset: string;
  publishedAt: number;
  status: AccountStatus;
  articles: StoredArticleEvidence[];
  duplicates: DuplicateEvidence[];
  empty: EmptyEvidence | null;
  deadLetters: DeadLetterEvidence[];
  /** One story of this document stored twice: two articles with its URL, or an article and a duplicate of it. */
  storedTwice: boolean;
  /** Its articles whose text did not come from their URL's owner (see `notOwnersText`). */
  notOwnersText: NotOwnersText[];
}

/**
 * A stored article whose text did not come from its URL's owner (docs/reliability.md, "Who owns an article").
 * `squat`: it holds the URL's identity (the id every source derives from the URL, and the URL key in dedup), so the
 * outlet's own article would become its duplicate: a broken rule. Otherwise it is another site's URL with this
 * source's text kept under the source's own id (an aggregator's summary, a made-up item): shown, not a violation.
 */
export interface NotOwnersText {
  articleId: string;
  url: string;
  sourceId: string;
  squat: boolean;
}

export interface ReconcileInput {
  rawDocuments: readonly RawDocumentEntry[];
  articles: readonly StoredArticleEvidence[];
  duplicates: readonly DuplicateEvidence[];
  empties: readonly EmptyEvidence[];
  deadLetters: readonly DeadLetterEvidence[];
  /** The logical name of the raw-documents topic (a splitter dead letter without payload points into it). */
  rawTopic: string;
  /** Per partition of the raw topic, the splitter group's committed offset (absent: nothing committed). */
  splitterCommitted: ReadonlyMap<number, bigint>;
  now: number;
  /** A document published less than this long ago without an outcome is in flight, not unaccounted. */
  inFlightGraceMs: number;
}

export interface AuditSummary {
  rawIn: number;
  byStatus: Record<AccountStatus, number>;
  /** Article records linked to the window's documents, and duplicate records. */
  articles: number;
  duplicates: number;
  /** Dead letters linked to the window's documents, per consumer group (stage). */
  deadLettersByGroup: Record<string, number>;
  storedTwice: number;
  /** Articles whose text did not come from their URL's owner, and those of them holding the URL's identity. */
  notOwnersText: number;
  squats: number;
  /**
   * Articles whose stored version was never published on the clean topic, written longer ago than the in-flight
   * grace: a subscriber never saw that version (the store writes, then publishes, then records the publish).
   */
  unpublished: number;
  /** The same raw document id read more than once in the window (a producer retry): counted once above. */
  republished: number;
}

/** A stored version that subscribers never saw (past the in-flight grace), named so an operator can republish it. */
export interface UnpublishedVersion {
  articleId: string;
  rawDocumentId: string;
  version: number;
  publishedVersion: number;
  updatedAt: number;
}

export interface AuditReport {
  summary: AuditSummary;
  accounts: DocumentAccount[];
  unpublished: UnpublishedVersion[];
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const value = key(item);
    if (value === null) continue;
    const group = groups.get(value);
    if (group) group.push(item);
    else groups.set(value, [item]);
  }
  return groups;
}

/** Which raw document a dead letter belongs to, or null when its headers and payload cannot say. */
function deadLetterOwner(
  letter: DeadLetterEvidence,
  rawTopic: string,
  byPosition: ReadonlyMap<string, RawDocumentEntry>,
  byTrace: ReadonlyMap<string, RawDocumentEntry[]>,
): string | null {
  if (letter.rawDocumentId) return letter.rawDocumentId;
  if (letter.originalTopic === rawTopic && letter.originalPartition !== null && letter.originalOffset !== null) {
    const entry = byPosition.get(`${letter.originalPartition}:${letter.originalOffset}`);
    if (entry) return entry.id;
  }
  const sameTrace = letter.traceId ? byTrace.get(letter.traceId) : undefined;
  return sameTrace?.length === 1 ? sameTrace[0].id : null;
}

/**
 * One story of a document stored twice (idempotency broken): two articles with the same URL and title, or an article
 * the document produced also recorded as a duplicate (same candidate id, or same URL and title). Several articles of
 * one page may share its URL, so the title tells stories apart. A near-copy of another document let through as its
 * own article is a recall miss of the deduplicator, not this.
 */
function hasStoredTwice(
  articles: readonly StoredArticleEvidence[],
  linked: readonly StoredArticleEvidence[],
  duplicates: readonly DuplicateEvidence[],
): boolean {
  const story = ({ url, title }: { url: string | null; title: string }) => (url ? `${url}\u0000${title}` : null);
  const stories = new Set<string>();
  for (const article of articles) {
    const key = story(article);
    if (key === null) continue;
    if (stories.has(key)) return true;
    stories.add(key);
  }
  const ids = new Set(linked.map(({ id }) => id));
  const linkedStories = new Set(linked.map(story));
  return duplicates.some(
    (duplicate) => ids.has(duplicate.id) || (story(duplicate) !== null && linkedStories.has(story(duplicate))),
  );
}

/**
 * Whether an article's text came from its URL's owner, judged from the raw document it came from (read back from
 * the topic: independent of what the splitter decided) or, when that is not in the window, from the origin the
 * article recorded. Null: no http(s) URL, or no evidence (an article stored before origins were recorded, its
 * document outside the window).
 */
export function notOwnersText(
  article: StoredArticleEvidence,
  sourceId: string,
  rawById: ReadonlyMap<string, RawDocumentEntry>,
): NotOwnersText | null {
  const url = article.canonicalUrl ?? article.url;
  if (!url || !/^https?:/i.test(url)) return null;
  const origin = rawById.get(article.rawDocumentId)?.textSource ?? article.contentOrigin ?? null;
  if (!origin || isOwnersText(url, origin)) return null;
  // An article recorded before origins were (no `contentOrigin`) held foreign URLs under scoped ids already.
  return {
    articleId: article.id,
    url,
    sourceId: article.sourceId ?? sourceId,
    squat: article.contentOrigin?.urlIdentity === true,
  };
}

function statusOf(
  entry: RawDocumentEntry,
  found: Pick<DocumentAccount, 'articles' | 'duplicates' | 'empty' | 'deadLetters'>,
  input: ReconcileInput,
): AccountStatus {
  if (found.articles.length > 0) return 'stored';
  if (found.duplicates.length > 0) return 'duplicate';
  if (found.empty) return 'empty';
  if (found.deadLetters.length > 0) return 'dead-letter';
  const committed = input.splitterCommitted.get(entry.partition);
  // Not yet read by the splitter is in flight however old; past it, only a recent document may still be on its way.
  if (committed === undefined || BigInt(entry.offset) >= committed) return 'in-flight';
  return input.now - entry.publishedAt < input.inFlightGraceMs ? 'in-flight' : 'unaccounted';
}

/**
 * An article found by a document's URL is that document's own only when its source stored it: a later document of
 * the same source updated it. Another source's article under the URL (a squatter's scoped text, a second source whose
 * copy was recorded as a duplicate) is not evidence that this document was stored, and would hide its loss.
 */
function fromSource(article: StoredArticleEvidence, entry: RawDocumentEntry): boolean {
  return article.sourceId === undefined || article.sourceId === entry.sourceId;
}

/**
 * Accounts for every raw document of `input.rawDocuments`: stored, duplicate, empty, dead letter, in flight or
 * unaccounted, with the evidence for each. Articles are linked by their latest version's raw document; a document
 * with neither an article nor a duplicate record of its own is found by its URL, for an article a later document of
 * its source updated.
 */
export function reconcile(input: ReconcileInput): AuditReport {
  const rawDocuments = [...new Map(input.rawDocuments.map((entry) => [entry.id, entry])).values()];
  const rawById = new Map(rawDocuments.map((entry) => [entry.id, entry]));
  const byPosition = new Map(input.rawDocuments.map((entry) => [`${entry.partition}:${entry.offset}`, entry]));
  const byTrace = groupBy(rawDocuments, (entry) => entry.traceId);
  const articlesByRaw = groupBy(input.articles, (article) => article.rawDocumentId);
  const articlesByUrl = groupBy(input.articles, (article) => article.url);
  const duplicatesByRaw = groupBy(input.duplicates, (duplicate) => duplicate.rawDocumentId);
  const emptyByRaw = new Map(input.empties.map((empty) => [empty.rawDocumentId, empty]));
  const lettersByRaw = groupBy(input.deadLetters, (letter) =>
    deadLetterOwner(letter, input.rawTopic, byPosition, byTrace),
  );

  const accounts = rawDocuments.map((entry): DocumentAccount => {
    const linked = articlesByRaw.get(entry.id) ?? [];
    const duplicates = duplicatesByRaw.get(entry.id) ?? [];
    const byUrl = entry.url ? (articlesByUrl.get(entry.url) ?? []) : [];
    const found = {
      articles:
        linked.length > 0 || duplicates.length > 0 ? linked : byUrl.filter((article) => fromSource(article, entry)),
      duplicates,
      empty: emptyByRaw.get(entry.id) ?? null,
      deadLetters: lettersByRaw.get(entry.id) ?? [],
    };
    // The document's story stored twice is its own source's doing (a redelivery written under a second id): another
    // source's article under the URL is that source's text (a squat kept under its own id, a copy judged apart).
    const ownUrl = byUrl.filter((article) => fromSource(article, entry));
    const sameUrl = [...new Map([...linked, ...ownUrl].map((article) => [article.id, article])).values()];
    return {
      rawDocumentId: entry.id,
      url: entry.url,
      sourceId: entry.sourceId,
      partition: entry.partition,
      offset: entry.offset,
      publishedAt: entry.publishedAt,
      status: statusOf(entry, found, input),
      ...found,
      storedTwice: hasStoredTwice(sameUrl, linked, found.duplicates),
      notOwnersText: found.articles.flatMap((article) => notOwnersText(article, entry.sourceId, rawById) ?? []),
    };
  });

  const byStatus = Object.fromEntries(ACCOUNT_STATUSES.map((status) => [status, 0])) as Record<AccountStatus, number>;
  const deadLettersByGroup: Record<string, number> = {};
  const articleIds = new Set<string>();
  const unpublished = new Map<string, UnpublishedVersion>();
  const foreign = new Map<string, NotOwnersText>();
  let duplicates = 0;
  for (const account of accounts) {
    byStatus[account.status] += 1;
    for (const article of account.articles) {
      articleIds.add(article.id);
      const owed = article.publishedVersion < article.version;
      if (owed && input.now - article.updatedAt >= input.inFlightGraceMs) {
        const { id: articleId, rawDocumentId, version, publishedVersion, updatedAt } = article;
        unpublished.set(articleId, { articleId, rawDocumentId, version, publishedVersion, updatedAt });
      }
    }
    duplicates += account.duplicates.length;
    for (const found of account.notOwnersText) foreign.set(found.articleId, found);
    for (const letter of account.deadLetters) {
      deadLettersByGroup[letter.group] = (deadLettersByGroup[letter.group] ?? 0) + 1;
    }
  }
  return {
    summary: {
      rawIn: accounts.length,
      byStatus,
      articles: articleIds.size,
      duplicates,
      deadLettersByGroup,
      storedTwice: accounts.filter((account) => account.storedTwice).length,
      notOwnersText: foreign.size,
      squats: [...foreign.values()].filter((found) => found.squat).length,
      unpublished: unpublished.size,
      republished: input.rawDocuments.length - rawDocuments.length,
    },
    accounts,
    unpublished: [...unpublished.values()],
  };
}

/**
 * Everything a run must have settled: no document unaccounted, none stored twice, no stored version unpublished, no
 * article holding a URL's identity with text not from that URL's owner.
 */
export function auditViolations(report: AuditReport): string[] {
  const violations: string[] = [];
  const { unaccounted } = report.summary.byStatus;
  if (unaccounted > 0) violations.push(`${unaccounted} raw document(s) unaccounted (lost)`);
  if (report.summary.storedTwice > 0) violations.push(`${report.summary.storedTwice} raw document(s) stored twice`);
  if (report.summary.squats > 0) {
    violations.push(`${report.summary.squats} article(s) holding a URL with text not from that URL's owner`);
  }
  if (report.summary.unpublished > 0) {
    violations.push(`${report.summary.unpublished} article(s) whose stored version was never published`);
  }
  return violations;
}
