import { headersToStrings } from '@inkstream/messaging';
import type { Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { ReadMessage } from './message-view';

/** Offsets `[start, end)` of one partition to read; `end` is the high watermark when the read began. */
export interface ScanRange {
  partition: number;
  start: bigint;
  end: bigint;
}

/** Every read is bounded three ways, so no request holds a consumer (or the broker) for long. */
export interface ScanBudget {
  /** Stop once this many messages matched. */
  maxMatches: number;
  /** Stop once this many messages were read, matching or not. */
  maxScanned: number;
  /** Stop this long after the read began, group join included. */
  deadlineMs: number;
}

export type ScanStop = 'end' | 'matches' | 'scan-limit' | 'deadline';

export interface ScanResult {
  matches: ReadMessage[];
  scanned: number;
  /** Per partition, the next offset to read to continue where this read stopped. */
  next: Map<number, bigint>;
  stoppedBecause: ScanStop;
}

/**
 * Reads `ranges` of one topic with a short-lived consumer in a private group that never commits, so browsing leaves
 * no trace on the pipeline's groups. kafkajs has no partition assignment without a group, hence the join (about a
 * second); the deadline covers it.
 */
export async function scanPartitions(
  kafka: Kafka,
  topic: string,
  ranges: readonly ScanRange[],
  match: (message: ReadMessage) => boolean,
  budget: ScanBudget,
): Promise<ScanResult> {
  const next = new Map(ranges.map((range) => [range.partition, range.start]));
  const pending = new Map(ranges.filter((range) => range.end > range.start).map((range) => [range.partition, range]));
  const matches: ReadMessage[] = [];
  let scanned = 0;
  let stoppedBecause: ScanStop | null = pending.size === 0 ? 'end' : null;
  if (stoppedBecause) return { matches, scanned, next, stoppedBecause };

  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const stop = (reason: ScanStop) => {
    stoppedBecause ??= reason;
    finish();
  };
  const deadline = setTimeout(() => stop('deadline'), budget.deadlineMs);
  const consumer = kafka.consumer({
    groupId: `inkstream.gateway.browse.${randomUUID()}`,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: 250,
    maxBytesPerPartition: 4 * 1024 * 1024,
  });
  const read = async () => {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: false });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch }) => {
        const range = pending.get(batch.partition);
        if (!range || stoppedBecause) return;
        for (const message of batch.messages) {
          if (stoppedBecause) return;
          const offset = BigInt(message.offset);
          if (offset < range.start) continue;
          if (offset >= range.end) break;
          scanned += 1;
          next.set(batch.partition, offset + 1n);
          const read: ReadMessage = {
            partition: batch.partition,
            offset: message.offset,
            timestamp: message.timestamp,
            key: message.key,
            value: message.value,
            headers: headersToStrings(message.headers),
          };
          if (match(read)) matches.push(read);
          if (matches.length >= budget.maxMatches) return stop('matches');
          if (scanned >= budget.maxScanned) return stop('scan-limit');
        }
        // Transaction markers and compaction leave gaps: a partition is done once a batch reaches its end.
        if (BigInt(batch.lastOffset()) + 1n >= range.end) {
          next.set(batch.partition, range.end);
          pending.delete(batch.partition);
          if (pending.size === 0) stop('end');
        }
      },
    });
    for (const range of pending.values())
      consumer.seek({ topic, partition: range.partition, offset: `${range.start}` });
  };
  // The deadline also ends a read still joining its group: the join's own outcome is then of no interest.
  const reading = read();
  reading.catch(() => undefined);
  try {
    await Promise.race([reading.then(() => finished), finished]);
  } catch (error) {
    if (!stoppedBecause) throw error;
  } finally {
    clearTimeout(deadline);
    await consumer.disconnect().catch(() => undefined);
  }
  return { matches, scanned, next, stoppedBecause: stoppedBecause ?? 'deadline' };
}
