import { randomUUID } from 'node:crypto';
import type { Admin, Kafka, KafkaMessage } from 'kafkajs';

/** Offsets `[start, end)` of one partition. */
export interface PartitionRange {
  partition: number;
  start: bigint;
  end: bigint;
}

/**
 * Per partition, the offsets of the messages with broker timestamps in `[since, until)`: the first offset at or after
 * each edge (the high watermark when no message is that late).
 */
export async function rangesByTime(admin: Admin, topic: string, since: number, until: number) {
  const [from, to] = await Promise.all([
    admin.fetchTopicOffsetsByTimestamp(topic, since),
    admin.fetchTopicOffsetsByTimestamp(topic, until),
  ]);
  const ends = new Map(to.map(({ partition, offset }) => [partition, BigInt(offset)]));
  return from.map(({ partition, offset }): PartitionRange => ({
    partition,
    start: BigInt(offset),
    end: ends.get(partition) ?? BigInt(offset),
  }));
}

/**
 * Reads the messages of `ranges` once, in a private group that never commits (reading leaves no trace on the
 * pipeline's groups), and resolves when every range is read; rejects when no message arrives for `idleTimeoutMs`.
 */
export async function readRanges(
  kafka: Kafka,
  topic: string,
  ranges: readonly PartitionRange[],
  onMessage: (partition: number, message: KafkaMessage) => void,
  idleTimeoutMs = 30_000,
): Promise<void> {
  const pending = new Map(ranges.filter((range) => range.end > range.start).map((range) => [range.partition, range]));
  if (pending.size === 0) return;
  const consumer = kafka.consumer({ groupId: `inkstream-audit-${randomUUID()}`, allowAutoTopicCreation: false });
  let lastMessageAt = Date.now();
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let resolveDone: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: true,
      eachBatch: async ({ batch }) => {
        const range = pending.get(batch.partition);
        if (!range) return;
        for (const message of batch.messages) {
          const offset = BigInt(message.offset);
          if (offset < range.start || offset >= range.end) continue;
          lastMessageAt = Date.now();
          onMessage(batch.partition, message);
        }
        // Transaction markers and compaction leave gaps: the partition is read once the batch passes the end.
        if (BigInt(batch.lastOffset()) + 1n >= range.end) {
          pending.delete(batch.partition);
          if (pending.size === 0) resolveDone();
        }
      },
    });
    for (const range of pending.values())
      consumer.seek({ topic, partition: range.partition, offset: `${range.start}` });
    while (pending.size > 0) {
      const idle = Date.now() - lastMessageAt;
      if (idle > idleTimeoutMs) {
        throw new Error(`reading ${topic}: partitions ${[...pending.keys()].join(', ')} gave nothing for ${idle} ms`);
      }
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 250))]);
    }
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
}
