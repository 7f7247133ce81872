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

export interface TopicStats {
  topic: TopicName;
  partitions: number;
  /** Messages currently retained: Σ(high − low) over partitions. */
  messages: number;
  endOffsets: number[];
}

export interface GroupStats {
  group: ConsumerGroupName;
  topic: TopicName;
  lag: number;
  partitions: Omit<PartitionLag, 'topic'>[];
}

export interface DeadLetterStats {
  topic: string;
  originalTopic: TopicName;
  group: ConsumerGroupName;
  messages: number;
}

export interface PipelineStats {
  sampledAt: string;
  topics: TopicStats[];
  groups: GroupStats[];
  deadLetters: DeadLetterStats[];
}

/**
 * One snapshot of the whole pipeline from Kafka's own bookkeeping (end offsets and committed offsets): what the
 * dashboard, `/api/stats` and `inkstream stats` show. Topics that do not exist yet count as empty.
 */
export async function collectPipelineStats(admin: Admin, prefix: string): Promise<PipelineStats> {
  const existing = new Set(await admin.listTopics());
  const offsetsOf = async (physical: string) => (existing.has(physical) ? admin.fetchTopicOffsets(physical) : []);
  const topics: TopicStats[] = [];
  for (const topic of ALL_TOPICS) {
    const offsets = await offsetsOf(withPrefix(prefix, topic));
    topics.push({
      topic,
      partitions: offsets.length,
      messages: offsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0),
      endOffsets: offsets.map(({ high }) => Number(high)),
    });
  }
  const groups: GroupStats[] = [];
  const deadLetters: DeadLetterStats[] = [];
  for (const { topic, group } of PIPELINE_SUBSCRIPTIONS) {
    const physical = withPrefix(prefix, topic);
    const ends = await offsetsOf(physical);
    const committed = existing.has(physical)
      ? ((await admin.fetchOffsets({ groupId: withPrefix(prefix, group), topics: [physical] }))[0]?.partitions ?? [])
      : [];
    const partitions = computeLag(ends, committed);
    groups.push({ group, topic, lag: partitions.reduce((sum, { lag }) => sum + lag, 0), partitions });
    const dlq = withPrefix(prefix, deadLetterTopic(topic, group));
    const dlqOffsets = await offsetsOf(dlq);
    deadLetters.push({
      topic: dlq,
      originalTopic: topic,
      group,
      messages: dlqOffsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0),
    });
  }
  return { sampledAt: new Date().toISOString(), topics, groups, deadLetters };
}

/** A plain-text table of a snapshot, for terminals. */
export function formatPipelineStats(stats: PipelineStats): string {
  const lines = [`pipeline at ${stats.sampledAt}`, '', 'topic                     partitions   messages'];
  for (const topic of stats.topics) {
    lines.push(
      `${topic.topic.padEnd(26)}${String(topic.partitions).padStart(10)}${String(topic.messages).padStart(11)}`,
    );
  }
  lines.push('', 'consumer group            topic                         lag');
  for (const group of stats.groups) {
    lines.push(`${group.group.padEnd(26)}${group.topic.padEnd(26)}${String(group.lag).padStart(7)}`);
  }
  const dead = stats.deadLetters.filter((entry) => entry.messages > 0);
  lines.push('', dead.length === 0 ? 'dead letters: none' : 'dead letters:');
  for (const entry of dead) lines.push(`  ${entry.topic}  ${entry.messages}`);
  return lines.join('\n');
}
