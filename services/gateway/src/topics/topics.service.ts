import { withPrefix, type CleanArticle } from '@inkstream/contracts';
import type { CommonConfig } from '@inkstream/config';
import { COMMON_CONFIG, KAFKA } from '@inkstream/runtime';
import {
  Inject,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { KafkaAdmin } from '../kafka-admin';
import { matchesFilter, messageView } from './message-view';
import { ReaderSlots } from './reader-slots';
import { scanPartitions, type ScanBudget } from './partition-scan';
import type { BrowsableTopic, MessagePage, PartitionBounds, StageTrace } from './topic-views';
import { partitionForKey, stageLookups, traceStartTime } from './stage-trace';
import { BROWSABLE_TOPICS, startOffset, type BrowseRequest } from './topic-params';

/** One page reads at most this many messages and takes at most this long, whatever the filter. */
export const PAGE_BUDGET = { maxScanned: 10_000, deadlineMs: 5_000 } as const;
/** Per stage of a trace: an article has a few versions at most, found from its fetch time onwards. */
export const TRACE_BUDGET: ScanBudget = { maxMatches: 20, maxScanned: 5_000, deadlineMs: 6_000 };
/** Each read is a consumer joining a group (a page one, a trace one per stage): what the gateway holds at once. */
export const MAX_CONCURRENT_READERS = 8;
const ADMIN_DEADLINE_MS = 3_000;

@Injectable()
export class TopicsService implements OnModuleDestroy {
  private readonly readers = new ReaderSlots(MAX_CONCURRENT_READERS);

  constructor(
    @Inject(COMMON_CONFIG) private readonly common: CommonConfig,
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly kafkaAdmin: KafkaAdmin,
  ) {}

  /** Reads in flight finish (and their consumers leave) before the Kafka client and the process go. */
  async onModuleDestroy(): Promise<void> {
    await this.readers.close();
  }

  async list(): Promise<BrowsableTopic[]> {
    const existing = new Set(await this.admin('list topics', (admin) => admin.listTopics()));
    const topics = BROWSABLE_TOPICS.filter((topic) => existing.has(this.physical(topic)));
    return Promise.all(
      topics.map(async (topic) => ({
        topic,
        kind: topic.endsWith('.dlq') ? ('dead-letter' as const) : ('pipeline' as const),
        partitions: await this.bounds(topic),
      })),
    );
  }

  async page(topic: string, partition: number, request: BrowseRequest): Promise<MessagePage> {
    const all = await this.bounds(topic);
    const bounds = all.find((p) => p.partition === partition);
    if (!bounds) {
      throw new NotFoundException(`${topic} has no partition ${partition} (it has 0-${all.length - 1})`);
    }
    const low = BigInt(bounds.low);
    const high = BigInt(bounds.high);
    const atTimestamp =
      request.start.kind === 'timestamp' ? await this.offsetAt(topic, partition, request.start.at) : undefined;
    const start = startOffset(request.start, { low, high }, request.limit, atTimestamp);
    const result = await this.readers.with(1, () =>
      this.scan(topic, [{ partition, start, end: high }], request.filter, {
        ...PAGE_BUDGET,
        maxMatches: request.limit,
      }),
    );
    return {
      topic,
      partition,
      low: bounds.low,
      high: bounds.high,
      start: `${start}`,
      nextOffset: `${result.next.get(partition) ?? start}`,
      scanned: result.scanned,
      stoppedBecause: result.stoppedBecause,
      messages: result.matches.map(messageView),
    };
  }

  /** The article's messages on each stage's topic, read from shortly before it was fetched (bounded per stage). */
  async trace(article: Pick<CleanArticle, 'id' | 'traceId' | 'fetchedAt'>): Promise<StageTrace[]> {
    const since = traceStartTime(article);
    const lookups = stageLookups(article);
    return this.readers.with(lookups.length, () =>
      Promise.all(
        lookups.map(async (lookup): Promise<StageTrace> => {
          const bounds = await this.bounds(lookup.topic);
          const starts = await this.admin('offsets by time', (admin) =>
            admin.fetchTopicOffsetsByTimestamp(this.physical(lookup.topic), since),
          );
          const wanted =
            lookup.partition ??
            (lookup.filter.key ? partitionForKey(lookup.topic, lookup.filter.key, bounds.length) : null);
          const ranges = bounds
            .filter((p) => wanted === null || p.partition === wanted)
            .map((p) => ({
              partition: p.partition,
              start: BigInt(starts.find((s) => s.partition === p.partition)?.offset ?? p.high),
              end: BigInt(p.high),
            }));
          const result = await this.scan(lookup.topic, ranges, lookup.filter, TRACE_BUDGET);
          return {
            stage: lookup.stage,
            topic: lookup.topic,
            scanned: result.scanned,
            stoppedBecause: result.stoppedBecause,
            messages: result.matches.map((message) => {
              const view = messageView(message);
              const traceId = (view.json as { traceId?: unknown } | null)?.traceId;
              return {
                partition: view.partition,
                offset: view.offset,
                timestamp: view.timestamp,
                key: view.key,
                traceId: typeof traceId === 'string' ? traceId : null,
              };
            }),
          };
        }),
      ),
    );
  }

  private scan(
    topic: string,
    ranges: Parameters<typeof scanPartitions>[2],
    filter: BrowseRequest['filter'],
    budget: ScanBudget,
  ) {
    return scanPartitions(this.kafka, this.physical(topic), ranges, (m) => matchesFilter(m, filter), budget);
  }

  private async bounds(topic: string): Promise<PartitionBounds[]> {
    const offsets = await this.admin(`offsets of ${topic}`, (admin) => admin.fetchTopicOffsets(this.physical(topic)));
    return offsets
      .map(({ partition, low, high }) => ({ partition, low, high }))
      .sort((a, b) => a.partition - b.partition);
  }

  private async offsetAt(topic: string, partition: number, at: number): Promise<bigint | undefined> {
    const offsets = await this.admin(`offsets of ${topic} at a time`, (admin) =>
      admin.fetchTopicOffsetsByTimestamp(this.physical(topic), at),
    );
    const found = offsets.find((p) => p.partition === partition);
    return found ? BigInt(found.offset) : undefined;
  }

  /** Admin calls retry for tens of seconds with Kafka down; a browser request gives up after a few. */
  private async admin<T>(what: string, call: (admin: KafkaAdmin['admin']) => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ServiceUnavailableException(`Kafka did not answer within ${ADMIN_DEADLINE_MS / 1000} s (${what})`),
          ),
        ADMIN_DEADLINE_MS,
      );
    });
    const attempt = call(this.kafkaAdmin.admin);
    attempt.catch(() => undefined);
    try {
      return await Promise.race([attempt, deadline]);
    } catch (error) {
      if (error instanceof ServiceUnavailableException) throw error;
      throw new ServiceUnavailableException(`Kafka: ${(error as Error).message} (${what})`);
    } finally {
      clearTimeout(timer);
    }
  }

  private physical(topic: string): string {
    return withPrefix(this.common.KAFKA_TOPIC_PREFIX, topic);
  }
}
