import { collectPipelineOffsets, type GroupStats, type TopicStats } from '@inkstream/messaging';
import { ArticleQueryRepository } from '@inkstream/persistence';
import type { CommonConfig } from '@inkstream/config';
import { COMMON_CONFIG } from '@inkstream/runtime';
import { Inject, Injectable } from '@nestjs/common';
import { DeadLettersService, type DeadLetterTopicSummary } from '../dead-letters/dead-letters.service';
import { KafkaAdmin } from '../kafka-admin';

export interface PipelineStats {
  generatedAt: string;
  topics: TopicStats[];
  groups: GroupStats[];
  deadLetters: DeadLetterTopicSummary[];
  articles: { stored: number; duplicates: number };
}

/** One snapshot of the pipeline from Kafka's offsets and MongoDB's counts; rates come from comparing snapshots. */
@Injectable()
export class StatsService {
  constructor(
    @Inject(COMMON_CONFIG) private readonly common: CommonConfig,
    private readonly kafka: KafkaAdmin,
    private readonly articles: ArticleQueryRepository,
    private readonly deadLetters: DeadLettersService,
  ) {}

  async snapshot(): Promise<PipelineStats> {
    const { topics, groups } = await collectPipelineOffsets(this.kafka.admin, this.common.KAFKA_TOPIC_PREFIX);
    const [deadLetters, counts] = await Promise.all([this.deadLetters.summaries(), this.articles.counts()]);
    return {
      generatedAt: new Date().toISOString(),
      topics,
      groups,
      deadLetters,
      articles: { stored: counts.articles, duplicates: counts.duplicates },
    };
  }
}
