import { withPrefix, type TopicName } from '@inkstream/contracts';
import type { Logger, PipelineMetrics } from '@inkstream/observability';
import type { Admin, Kafka } from 'kafkajs';

export interface PartitionLag {
  topic: TopicName;
  partition: number;
  endOffset: number;
  committedOffset: number | null;
  lag: number;
}

/** Lag = end offset − committed offset (from the partition start when the group has not committed yet). */
export function computeLag(
  ends: Array<{ partition: number; high: string; low: string }>,
  committed: Array<{ partition: number; offset: string }>,
): Array<Omit<PartitionLag, 'topic'>> {
  const byPartition = new Map(committed.map(({ partition, offset }) => [partition, Number(offset)]));
  return ends.map(({ partition, high, low }) => {
    const end = Number(high);
    const offset = byPartition.get(partition);
    const committedOffset = offset === undefined || offset < 0 ? null : offset;
    return { partition, endOffset: end, committedOffset, lag: Math.max(0, end - (committedOffset ?? Number(low))) };
  });
}

/** Samples the lag of one consumer group on an interval and exports it as the `inkstream_consumer_lag` gauge. */
export class LagMonitor {
  private admin: Admin | null = null;
  private timer: NodeJS.Timeout | null = null;
  private latest: PartitionLag[] = [];

  constructor(
    private readonly kafka: Kafka,
    private readonly group: string,
    private readonly topics: TopicName[],
    private readonly topicPrefix: string,
    private readonly logger: Logger,
    private readonly metrics?: PipelineMetrics,
  ) {}

  async start(intervalMs: number): Promise<void> {
    this.admin = this.kafka.admin();
    await this.admin.connect();
    const tick = () =>
      this.sample().catch((error: Error) => this.logger.warn({ err: error.message }, 'lag sample failed'));
    await tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  snapshot(): PartitionLag[] {
    return this.latest;
  }

  async sample(): Promise<PartitionLag[]> {
    if (!this.admin) return [];
    const admin = this.admin;
    const groupId = withPrefix(this.topicPrefix, this.group);
    const committed = await admin.fetchOffsets({
      groupId,
      topics: this.topics.map((topic) => withPrefix(this.topicPrefix, topic)),
    });
    const result: PartitionLag[] = [];
    for (const topic of this.topics) {
      const physical = withPrefix(this.topicPrefix, topic);
      const ends = await admin.fetchTopicOffsets(physical);
      const partitions = committed.find((entry) => entry.topic === physical)?.partitions ?? [];
      for (const lag of computeLag(ends, partitions)) {
        result.push({ topic, ...lag });
        this.metrics?.consumerLag.set({ topic, group: this.group, partition: String(lag.partition) }, lag.lag);
      }
    }
    this.latest = result;
    return result;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.admin?.disconnect();
    this.admin = null;
  }
}
