import { ALL_TOPICS, deadLetterTopic, withPrefix, type TopicName } from '@inkstream/contracts';
import type { Kafka } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  replicationFactor: number;
}

/**
 * Topics are created explicitly with the configured partition counts (partitions are the scaling unit; broker
 * auto-creation would silently pick its own default). Existing topics are left as they are.
 */
export async function ensureTopics(kafka: Kafka, specs: TopicSpec[]): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((spec) => !existing.has(spec.topic));
    if (missing.length > 0) {
      try {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map(({ topic, numPartitions, replicationFactor }) => ({
            topic,
            numPartitions,
            replicationFactor,
          })),
        });
      } catch (error) {
        // Several services start at once and race to create the same topics; losing that race is fine.
        const now = new Set(await admin.listTopics());
        const stillMissing = missing.filter((spec) => !now.has(spec.topic)).map((spec) => spec.topic);
        if (stillMissing.length > 0) {
          throw new Error(`could not create topics ${stillMissing.join(', ')}: ${(error as Error).message}`);
        }
      }
    }
    return missing.map((spec) => spec.topic);
  } finally {
    await admin.disconnect();
  }
}

/** Every pipeline topic plus the dead-letter topic of each (topic, consuming group) pair. */
export function pipelineTopicSpecs(options: {
  prefix: string;
  numPartitions: number;
  replicationFactor: number;
  consumers: Array<{ topic: TopicName; group: string }>;
}): TopicSpec[] {
  const { prefix, numPartitions, replicationFactor } = options;
  const main = ALL_TOPICS.map((topic) => ({ topic: withPrefix(prefix, topic), numPartitions, replicationFactor }));
  const dead = options.consumers.map(({ topic, group }) => ({
    topic: withPrefix(prefix, deadLetterTopic(topic, group)),
    // Dead letters are rare and read by operators in order: one partition keeps them in arrival order.
    numPartitions: 1,
    replicationFactor,
  }));
  return [...main, ...dead];
}
