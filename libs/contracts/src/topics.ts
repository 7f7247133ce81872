/**
 * Topic names are versioned with their payload schema: a breaking schema change gets a new topic (`.v2`) so old
 * consumers keep reading what they understand while new ones migrate.
 */
export const Topics = {
  rawDocuments: 'news.raw.v1',
  articleCandidates: 'news.articles.v1',
  uniqueArticles: 'news.unique.v1',
  duplicateNotices: 'news.duplicates.v1',
  enrichedArticles: 'news.enriched.v1',
  cleanArticles: 'news.clean.v1',
} as const;

export type TopicKey = keyof typeof Topics;
export type TopicName = (typeof Topics)[TopicKey];

export const ALL_TOPICS: readonly TopicName[] = Object.values(Topics);

/**
 * Consumer groups, one per stage; also the middle part of each dead-letter topic name. The gateway has none: its
 * readers (live stream, dead-letter inbox) use private, never-committing groups per process or connection.
 */
export const ConsumerGroups = {
  splitter: 'inkstream.splitter',
  deduplicator: 'inkstream.deduplicator',
  enricher: 'inkstream.enricher',
  store: 'inkstream.store',
} as const;

export type ConsumerGroupName = (typeof ConsumerGroups)[keyof typeof ConsumerGroups];

/**
 * Dead letters are kept per topic and consumer group (`news.enriched.v1.inkstream.store.dlq`): two groups reading one
 * topic fail for different reasons, and replaying one group's dead letters must not re-feed the other group.
 */
export function deadLetterTopic(topic: string, group: string): string {
  return `${topic}.${group}.dlq`;
}

const DLQ_SUFFIX = /^(?<topic>.+\.v\d+)\.(?<group>[^.]+\.[^.]+)\.dlq$/;

/** The inverse of deadLetterTopic, for dashboards and replay; null for a name that is not a dead-letter topic. */
export function parseDeadLetterTopic(name: string): { topic: string; group: string } | null {
  const match = DLQ_SUFFIX.exec(name);
  return match?.groups ? { topic: match.groups.topic, group: match.groups.group } : null;
}

/**
 * Tests and side-by-side deployments share one cluster; a prefix keeps their topics and groups apart without
 * changing the names the code uses.
 */
export function withPrefix(prefix: string, name: string): string {
  return prefix ? `${prefix}${name}` : name;
}

/** Which stage consumes which topic: the wiring diagram as data (topic creation, DLQs, lag, the dashboard). */
export const PIPELINE_SUBSCRIPTIONS: ReadonlyArray<{ topic: TopicName; group: ConsumerGroupName }> = [
  { topic: Topics.rawDocuments, group: ConsumerGroups.splitter },
  { topic: Topics.articleCandidates, group: ConsumerGroups.deduplicator },
  { topic: Topics.uniqueArticles, group: ConsumerGroups.enricher },
  { topic: Topics.enrichedArticles, group: ConsumerGroups.store },
  { topic: Topics.duplicateNotices, group: ConsumerGroups.store },
];
