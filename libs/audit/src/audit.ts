// `inkstream audit` and the resilience run read the evidence here and reconcile it with the pure `reconcile`.
import {
  ConsumerGroups,
  DeadLetterHeaders,
  deadLetterTopic,
  Headers,
  PIPELINE_SUBSCRIPTIONS,
  textSourceOf,
  Topics,
  withPrefix,
  type ContentOrigin,
} from '@inkstream/contracts';
import { articleModels, DocumentOutcomeRepository, publishedVersionFrom } from '@inkstream/persistence';
import type { Admin, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import type { Connection } from 'mongoose';
import {
  reconcile,
  type AuditReport,
  type DeadLetterEvidence,
  type DuplicateEvidence,
  type RawDocumentEntry,
  type StoredArticleEvidence,
} from './reconcile';
import { rangesByTime, readRanges } from './topic-range';
import type { TimeWindow } from './time-window';

export interface AuditOptions {
  kafka: Kafka;
  admin: Admin;
  mongo: Connection;
  topicPrefix: string;
  window: TimeWindow;
  now: number;
  /** See ReconcileInput.inFlightGraceMs. */
  inFlightGraceMs: number;
  /** Told as the long parts go: the raw documents read back, then their outcomes looked up. */
  onProgress?: (progress: AuditProgress) => void;
}

/** Where an audit stands: its phase, and the raw documents done of all in it. */
export interface AuditProgress {
  phase: 'reading raw documents' | 'looking up outcomes';
  done: number;
  total: number;
}

/** Lookups by id list stay well under the server's message size. */
const LOOKUP_BATCH = 500;

function headerText(headers: IHeaders | undefined, name: string): string | null {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? null : first.toString();
}

function parseJson(message: KafkaMessage): Record<string, unknown> | null {
  if (!message.value) return null;
  try {
    const value: unknown = JSON.parse(message.value.toString());
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/**
 * A raw document as read back. One that is not a raw document at all (not JSON, no id) is still accounted for, by
 * its position: the splitter dead-letters it with that position in the headers.
 */
export function rawDocumentEntry(partition: number, message: KafkaMessage): RawDocumentEntry {
  const value = parseJson(message);
  return {
    id: text(value?.id) ?? `position:${partition}:${message.offset}`,
    url: text(value?.url),
    textSource: textSourceEvidence(value),
    sourceId: text(value?.sourceId) ?? headerText(message.headers, Headers.sourceId) ?? '?',
    traceId: text(value?.traceId) ?? headerText(message.headers, Headers.traceId) ?? '',
    partition,
    offset: message.offset,
    publishedAt: Number(message.timestamp),
  };
}

/** Where a raw document's text came from, read without trusting its shape; null when it names no source. */
function textSourceEvidence(value: Record<string, unknown> | null) {
  const source = value?.source;
  if (source === null || typeof source !== 'object') return null;
  const { sites, domain } = source as Record<string, unknown>;
  return textSourceOf({
    fetchedFrom: text(value?.fetchedFrom),
    source: {
      sites: Array.isArray(sites) ? sites.filter((site): site is string => typeof site === 'string') : undefined,
      domain: text(domain),
    },
  });
}

/** A dead letter's link to its raw document: the raw document itself (splitter) or its `rawDocumentId` (later). */
export function deadLetterEvidence(group: string, topic: string, message: KafkaMessage): DeadLetterEvidence {
  const value = parseJson(message);
  const partition = headerText(message.headers, DeadLetterHeaders.originalPartition);
  return {
    rawDocumentId: topic === Topics.rawDocuments ? text(value?.id) : text(value?.rawDocumentId),
    traceId: text(value?.traceId) ?? headerText(message.headers, Headers.traceId),
    group,
    originalTopic: headerText(message.headers, DeadLetterHeaders.originalTopic) ?? topic,
    originalPartition: partition === null ? null : Number(partition),
    originalOffset: headerText(message.headers, DeadLetterHeaders.originalOffset),
    kind: headerText(message.headers, DeadLetterHeaders.errorKind) ?? 'unknown',
    error: headerText(message.headers, DeadLetterHeaders.error) ?? '',
  };
}

async function existingTopics(admin: Admin): Promise<Set<string>> {
  return new Set(await admin.listTopics());
}

async function readRawDocuments(options: AuditOptions, existing: Set<string>): Promise<RawDocumentEntry[]> {
  const topic = withPrefix(options.topicPrefix, Topics.rawDocuments);
  if (!existing.has(topic)) return [];
  const ranges = await rangesByTime(options.admin, topic, options.window.since, options.window.until);
  const total = ranges.reduce((sum, { start, end }) => sum + Number(end - start), 0);
  const entries: RawDocumentEntry[] = [];
  await readRanges(options.kafka, topic, ranges, (partition, message) => {
    entries.push(rawDocumentEntry(partition, message));
    options.onProgress?.({ phase: 'reading raw documents', done: entries.length, total });
  });
  return entries;
}

/** Dead letters of every stage written since the window began (a document's dead letter is never older). */
async function readDeadLetters(options: AuditOptions, existing: Set<string>): Promise<DeadLetterEvidence[]> {
  const letters: DeadLetterEvidence[] = [];
  for (const { topic, group } of PIPELINE_SUBSCRIPTIONS) {
    const physical = withPrefix(options.topicPrefix, deadLetterTopic(topic, group));
    if (!existing.has(physical)) continue;
    const ranges = await rangesByTime(options.admin, physical, options.window.since, options.now + 60_000);
    await readRanges(options.kafka, physical, ranges, (_partition, message) =>
      letters.push(deadLetterEvidence(group, topic, message)),
    );
  }
  return letters;
}

async function splitterCommitted(options: AuditOptions, existing: Set<string>): Promise<Map<number, bigint>> {
  const topic = withPrefix(options.topicPrefix, Topics.rawDocuments);
  if (!existing.has(topic)) return new Map();
  const [offsets] = await options.admin.fetchOffsets({
    groupId: withPrefix(options.topicPrefix, ConsumerGroups.splitter),
    topics: [topic],
  });
  const committed = new Map<number, bigint>();
  // -1: the group has committed nothing on that partition.
  for (const { partition, offset } of offsets?.partitions ?? []) {
    if (BigInt(offset) >= 0n) committed.set(partition, BigInt(offset));
  }
  return committed;
}

function batches<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += LOOKUP_BATCH) result.push(items.slice(i, i + LOOKUP_BATCH));
  return result;
}

interface StoredEvidence {
  articles: StoredArticleEvidence[];
  duplicates: DuplicateEvidence[];
  empties: Array<{ rawDocumentId: string; reason: string }>;
}

async function lookUpStored(
  mongo: Connection,
  entries: readonly RawDocumentEntry[],
  onProgress: AuditOptions['onProgress'],
): Promise<StoredEvidence> {
  const { articles, duplicates, publications } = articleModels(mongo);
  const outcomes = new DocumentOutcomeRepository(mongo);
  const found: StoredEvidence = { articles: [], duplicates: [], empties: [] };
  const articleIds = new Set<string>();
  let done = 0;
  for (const batch of batches(entries)) {
    onProgress?.({ phase: 'looking up outcomes', done, total: entries.length });
    done += batch.length;
    const ids = batch.map(({ id }) => id);
    const urls = batch.flatMap(({ url }) => (url ? [url] : []));
    const records = await articles
      .find(
        { $or: [{ 'provenance.rawDocumentId': { $in: ids } }, { url: { $in: urls } }] },
        {
          _id: 1,
          url: 1,
          canonicalUrl: 1,
          sourceId: 1,
          contentOrigin: 1,
          title: 1,
          provenance: 1,
          version: 1,
          storedAt: 1,
          updatedAt: 1,
        },
      )
      .lean<
        Array<{
          _id: string;
          url: string | null;
          canonicalUrl?: string | null;
          sourceId: string;
          contentOrigin?: ContentOrigin;
          title: string;
          provenance: { rawDocumentId: string };
          version: number;
          storedAt: string;
          updatedAt: string;
        }>
      >()
      .exec();
    const published = new Map(
      (
        await publications
          .find({ _id: { $in: records.map((record) => record._id) } })
          .lean()
          .exec()
      ).map((entry) => [entry._id, entry]),
    );
    for (const record of records) {
      if (articleIds.has(record._id)) continue;
      articleIds.add(record._id);
      found.articles.push({
        id: record._id,
        url: record.url,
        canonicalUrl: record.canonicalUrl ?? null,
        sourceId: record.sourceId,
        contentOrigin: record.contentOrigin ?? null,
        title: record.title,
        rawDocumentId: record.provenance.rawDocumentId,
        version: record.version,
        publishedVersion: publishedVersionFrom(published.get(record._id), record.storedAt),
        updatedAt: Date.parse(record.updatedAt),
      });
    }
    const duplicateRecords = await duplicates
      .find(
        { rawDocumentId: { $in: ids } },
        { _id: 1, 'ref.url': 1, 'ref.method': 1, title: 1, rawDocumentId: 1, duplicateOf: 1 },
      )
      .lean<
        Array<{
          _id: string;
          ref: { url: string | null; method: string };
          title: string;
          rawDocumentId: string;
          duplicateOf: string;
        }>
      >()
      .exec();
    for (const record of duplicateRecords) {
      found.duplicates.push({
        id: record._id,
        url: record.ref.url,
        title: record.title,
        rawDocumentId: record.rawDocumentId,
        duplicateOf: record.duplicateOf,
        method: record.ref.method,
      });
    }
    for (const record of await outcomes.findEmpty(ids)) {
      found.empties.push({ rawDocumentId: record._id, reason: record.reason });
    }
  }
  onProgress?.({ phase: 'looking up outcomes', done, total: entries.length });
  return found;
}

/**
 * Accounts for every raw document published in the window: reads them back from the raw-documents topic by
 * timestamp, the dead letters of every stage, the splitter's committed offsets and the stored records, and reconciles.
 */
export async function runAudit(options: AuditOptions): Promise<AuditReport> {
  const existing = await existingTopics(options.admin);
  const rawDocuments = await readRawDocuments(options, existing);
  const [deadLetters, committed, stored] = await Promise.all([
    readDeadLetters(options, existing),
    splitterCommitted(options, existing),
    lookUpStored(options.mongo, rawDocuments, options.onProgress),
  ]);
  return reconcile({
    rawDocuments,
    ...stored,
    deadLetters,
    rawTopic: Topics.rawDocuments,
    splitterCommitted: committed,
    now: options.now,
    inFlightGraceMs: options.inFlightGraceMs,
  });
}
