import { collectPipelineOffsets, type GroupStats, type PipelineOffsets, type TopicStats } from '@inkstream/messaging';
import { ArticleQueryRepository } from '@inkstream/persistence';
import type { CommonConfig } from '@inkstream/config';
import { COMMON_CONFIG } from '@inkstream/runtime';
import { Inject, Injectable } from '@nestjs/common';
import { DeadLettersService, type DeadLetterTopicSummary } from '../dead-letters/dead-letters.service';
import { KafkaAdmin } from '../kafka-admin';
import { BoundedRead } from './bounded-read';

/** Each dependency read gets this long; past it the snapshot answers without that part. */
export const STATS_READ_DEADLINE_MS = 3_000;

/** The parts of a snapshot, each from its own dependency read. */
export type StatsPart = 'offsets' | 'deadLetters' | 'articles';

export interface PipelineStats {
  generatedAt: string;
  /**
   * The parts that could not be read in time, each with why (e.g. `offsets: "Kafka did not answer within 3 s"`).
   * Their figures below are empty (`topics`, `groups`, `deadLetters`) or null (`articles`): unknown, not zero.
   */
  unreachable: Partial<Record<StatsPart, string>>;
  topics: TopicStats[];
  groups: GroupStats[];
  deadLetters: DeadLetterTopicSummary[];
  articles: { stored: number; duplicates: number } | null;
}

/** One snapshot of the pipeline from Kafka's offsets and MongoDB's counts; rates come from comparing snapshots. */
@Injectable()
export class StatsService {
  private readonly offsets: BoundedRead<PipelineOffsets>;
  private readonly deadLetterSummaries: BoundedRead<DeadLetterTopicSummary[]>;
  private readonly counts: BoundedRead<{ articles: number; duplicates: number }>;

  constructor(
    @Inject(COMMON_CONFIG) common: CommonConfig,
    kafka: KafkaAdmin,
    articles: ArticleQueryRepository,
    deadLetters: DeadLettersService,
  ) {
    this.offsets = new BoundedRead('Kafka', STATS_READ_DEADLINE_MS, () =>
      collectPipelineOffsets(kafka.admin, common.KAFKA_TOPIC_PREFIX),
    );
    this.deadLetterSummaries = new BoundedRead('Kafka or MongoDB', STATS_READ_DEADLINE_MS, () =>
      deadLetters.summaries(),
    );
    this.counts = new BoundedRead('MongoDB', STATS_READ_DEADLINE_MS, () => articles.counts());
  }

  async snapshot(): Promise<PipelineStats> {
    const [offsets, deadLetters, counts] = await Promise.all([
      this.offsets.get(),
      this.deadLetterSummaries.get(),
      this.counts.get(),
    ]);
    const unreachable: Partial<Record<StatsPart, string>> = {};
    if (!offsets.ok) unreachable.offsets = offsets.unreachable;
    if (!deadLetters.ok) unreachable.deadLetters = deadLetters.unreachable;
    if (!counts.ok) unreachable.articles = counts.unreachable;
    return {
      generatedAt: new Date().toISOString(),
      unreachable,
      topics: offsets.ok ? offsets.value.topics : [],
      groups: offsets.ok ? offsets.value.groups : [],
      deadLetters: deadLetters.ok ? deadLetters.value : [],
      articles: counts.ok ? { stored: counts.value.articles, duplicates: counts.value.duplicates } : null,
    };
  }
}
