import {
  ALL_TOPICS,
  deadLetterTopic,
  PIPELINE_SUBSCRIPTIONS,
  withPrefix,
  type ConsumerGroupName,
  type TopicName,
} from '@inkstream/contracts';
import type { Admin } from 'kafkajs';
import { computeLag, type PartitionLag } from './lag-monitor';

export interface TopicPartitionOffsets {
  partition: number;
  /** First offset still held. */
  low: number;
  /** Next offset to be written: the count of messages ever written to the partition. */
  high: number;
}

export interface TopicStats {
  topic: string;
  partitions: TopicPartitionOffsets[];
  /** Sum of the partitions' end offsets: its change over time is the topic's message rate. */
  endOffsetTotal: number;
  /** Messages currently held (high − low). */
  messages: number;
}

export interface GroupStats {
  group: string;
  topic: string;
  partitions: Array<Omit<PartitionLag, 'topic'>>;
  totalLag: number;
}

export interface DeadLetterCount {
  topic: string;
  originalTopic: TopicName;
  group: ConsumerGroupName;
  messages: number;
}

/** One snapshot of the pipeline from Kafka's own bookkeeping: end offsets and committed offsets. */
export interface PipelineOffsets {
  sampledAt: string;
  topics: TopicStats[];
  groups: GroupStats[];
  deadLetters: DeadLetterCount[];
}

type RawOffsets = Array<{ partition: number; high: string; low: string }>;

export function topicStats(topic: string, offsets: RawOffsets): TopicStats {
  const partitions = offsets
    .map(({ partition, high, low }) => ({ partition, low: Number(low), high: Number(high) }))
    .sort((a, b) => a.partition - b.partition);
  return {
    topic,
    partitions,
    endOffsetTotal: partitions.reduce((sum, { high }) => sum + high, 0),
    messages: partitions.reduce((sum, { high, low }) => sum + high - low, 0),
  };
}

export function groupStats(
  group: string,
  topic: string,
  offsets: RawOffsets,
  committed: Array<{ partition: number; offset: string }>,
): GroupStats {
  const partitions = computeLag(offsets, committed).sort((a, b) => a.partition - b.partition);
  return { group, topic, partitions, totalLag: partitions.reduce((sum, { lag }) => sum + lag, 0) };
}

/**
 * What the dashboard, `/api/stats` and `inkstream stats` show about topics, lag and dead letters. Topics that do
 * not exist yet count as empty rather than failing the snapshot.
 */
export async function collectPipelineOffsets(admin: Admin, prefix: string): Promise<PipelineOffsets> {
  const existing = new Set(await admin.listTopics());
  const offsetsOf = async (physical: string): Promise<RawOffsets> =>
    existing.has(physical) ? admin.fetchTopicOffsets(physical) : [];
  const offsets = new Map(
    await Promise.all(ALL_TOPICS.map(async (topic) => [topic, await offsetsOf(withPrefix(prefix, topic))] as const)),
  );
  const groups = await Promise.all(
    PIPELINE_SUBSCRIPTIONS.map(async ({ topic, group }) => {
      const physical = withPrefix(prefix, topic);
      const committed = existing.has(physical)
        ? ((await admin.fetchOffsets({ groupId: withPrefix(prefix, group), topics: [physical] }))[0]?.partitions ?? [])
        : [];
      return groupStats(group, topic, offsets.get(topic) ?? [], committed);
    }),
  );
  const deadLetters = await Promise.all(
    PIPELINE_SUBSCRIPTIONS.map(async ({ topic, group }) => {
      const physical = withPrefix(prefix, deadLetterTopic(topic, group));
      return {
        topic: physical,
        originalTopic: topic,
        group,
        messages: topicStats(physical, await offsetsOf(physical)).messages,
      };
    }),
  );
  return {
    sampledAt: new Date().toISOString(),
    topics: ALL_TOPICS.map((topic) => topicStats(topic, offsets.get(topic) ?? [])),
    groups,
    deadLetters,
  };
}

/** A plain-text table of a snapshot, for terminals. */
export function formatPipelineOffsets(stats: PipelineOffsets): string {
  const lines = [`pipeline at ${stats.sampledAt}`, '', 'topic                     partitions   messages'];
  for (const topic of stats.topics) {
    lines.push(
      `${topic.topic.padEnd(26)}${String(topic.partitions.length).padStart(10)}${String(topic.messages).padStart(11)}`,
    );
  }
  lines.push('', 'consumer group            topic                         lag');
  for (const group of stats.groups) {
    lines.push(`${group.group.padEnd(26)}${group.topic.padEnd(26)}${String(group.totalLag).padStart(7)}`);
  }
  const dead = stats.deadLetters.filter((entry) => entry.messages > 0);
  lines.push('', dead.length === 0 ? 'dead letters: none' : 'dead letters:');
  for (const entry of dead) lines.push(`  ${entry.topic}  ${entry.messages}`);
  return lines.join('\n');
}
