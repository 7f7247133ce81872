import { ALL_TOPICS, PIPELINE_SUBSCRIPTIONS, withPrefix } from '@inkstream/contracts';
import { ArticleQueryRepository } from '@inkstream/persistence';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@inkstream/runtime';
import { Inject, Injectable } from '@nestjs/common';
import { DeadLettersService, type DeadLetterTopicSummary } from '../dead-letters/dead-letters.service';
import { KafkaAdmin } from '../kafka-admin';
import { groupStats, topicStats, type GroupStats, type TopicStats } from './pipeline-stats';

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
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly kafka: KafkaAdmin,
    private readonly articles: ArticleQueryRepository,
    private readonly deadLetters: DeadLettersService,
  ) {}

  async snapshot(): Promise<PipelineStats> {
    const prefix = this.runtime.config.KAFKA_TOPIC_PREFIX;
    const admin = this.kafka.admin;
    const offsets = new Map(
      await Promise.all(
        ALL_TOPICS.map(async (topic) => [topic, await admin.fetchTopicOffsets(withPrefix(prefix, topic))] as const),
      ),
    );
    const groups = await Promise.all(
      PIPELINE_SUBSCRIPTIONS.map(async ({ topic, group }) => {
        const [committed] = await admin.fetchOffsets({
          groupId: withPrefix(prefix, group),
          topics: [withPrefix(prefix, topic)],
        });
        return groupStats(group, topic, offsets.get(topic) ?? [], committed?.partitions ?? []);
      }),
    );
    const [deadLetters, counts] = await Promise.all([this.deadLetters.summaries(), this.articles.counts()]);
    return {
      generatedAt: new Date().toISOString(),
      topics: ALL_TOPICS.map((topic) => topicStats(topic, offsets.get(topic) ?? [])),
      groups,
      deadLetters,
      articles: { stored: counts.articles, duplicates: counts.duplicates },
    };
  }
}
