import { Headers, Topics, type CleanArticle, type TopicName } from '@inkstream/contracts';
import { Partitioners, type PartitionMetadata } from 'kafkajs';
import type { MessageFilter } from './topic-params';

/**
 * Where to look for an article on each stage's topic. Everything after the splitter is keyed by article id, so the
 * partition follows from the key (the producers' murmur2 partitioner); a raw document is keyed by its URL, which the
 * article does not keep, so it is found by trace id on every partition.
 */
export interface StageLookup {
  stage: string;
  topic: TopicName;
  filter: MessageFilter;
  /** null: every partition. */
  partition: number | null;
}

/** How far before the fetch a stage's messages are looked for: producers' clocks are not the broker's. */
export const TRACE_CLOCK_MARGIN_MS = 60_000;

const partitioner = Partitioners.DefaultPartitioner();

/** The partition Inkstream's producers put `key` on, for a topic of `partitions` partitions. */
export function partitionForKey(topic: string, key: string, partitions: number): number {
  const metadata = Array.from({ length: partitions }, (_, partitionId): PartitionMetadata => ({
    partitionErrorCode: 0,
    partitionId,
    leader: 0,
    replicas: [0],
    isr: [0],
  }));
  return partitioner({ topic, partitionMetadata: metadata, message: { key, value: null } });
}

export function stageLookups(article: Pick<CleanArticle, 'id' | 'traceId'>): StageLookup[] {
  const byKey = (stage: string, topic: TopicName): StageLookup => ({
    stage,
    topic,
    filter: { key: article.id },
    partition: null,
  });
  return [
    {
      stage: 'fetched',
      topic: Topics.rawDocuments,
      filter: { header: { name: Headers.traceId, value: article.traceId } },
      partition: null,
    },
    byKey('split', Topics.articleCandidates),
    byKey('unique', Topics.uniqueArticles),
    byKey('enriched', Topics.enrichedArticles),
    byKey('stored and published', Topics.cleanArticles),
  ];
}

/** When the search starts: shortly before the article was fetched, so every stage's message is after it. */
export function traceStartTime(article: Pick<CleanArticle, 'fetchedAt'>): number {
  return Date.parse(article.fetchedAt) - TRACE_CLOCK_MARGIN_MS;
}
