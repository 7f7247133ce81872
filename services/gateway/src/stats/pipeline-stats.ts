import { computeLag, type PartitionLag } from '@inkstream/messaging';

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

export function topicStats(
  topic: string,
  offsets: Array<{ partition: number; high: string; low: string }>,
): TopicStats {
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
  offsets: Array<{ partition: number; high: string; low: string }>,
  committed: Array<{ partition: number; offset: string }>,
): GroupStats {
  const partitions = computeLag(offsets, committed).sort((a, b) => a.partition - b.partition);
  return { group, topic, partitions, totalLag: partitions.reduce((sum, { lag }) => sum + lag, 0) };
}
