import { headersToStrings } from '@inkstream/messaging';
import type { Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { ReadMessage } from './message-view';
import type { ScanStop } from './topic-views';

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
  /** Stop reading this long after the read began, group join included (a join under way still ends before return). */
  deadlineMs: number;
}

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
  // Positions are set on every join: a join that crashed (a coordinator still loading) is retried by kafkajs with a
  // fresh group state, and a seek made before that would be lost or refused. `next` keeps what was already read.
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    finish();
  };
  consumer.on(consumer.events.GROUP_JOIN, () => {
    try {
      for (const range of pending.values()) {
        consumer.seek({ topic, partition: range.partition, offset: `${next.get(range.partition) ?? range.start}` });
      }
    } catch (error) {
      fail(error as Error);
    }
  });
  // A crash kafkajs will not retry would otherwise only show as a read that ran out of time.
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) fail(payload.error);
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
  };
  // The deadline also ends a read still joining its group: what was read by then is the answer.
  const reading = read();
  reading.catch(() => undefined);
  try {
    await Promise.race([reading.then(() => finished), finished]);
  } catch (error) {
    if (!stoppedBecause) throw error;
  } finally {
    clearTimeout(deadline);
    // A read cut short while connecting or joining would finish its join after a disconnect and stay in its group:
    // the join is let finish (about a second), then the consumer leaves, so none outlives the request.
    await reading.catch(() => undefined);
    await consumer.disconnect().catch(() => undefined);
  }
  if (failure && !stoppedBecause) throw failure;
  return { matches, scanned, next, stoppedBecause: stoppedBecause ?? 'deadline' };
}
