import { ALL_TOPICS, deadLetterTopic, withPrefix, type TopicName } from '@inkstream/contracts';
import type { Admin, Kafka } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  replicationFactor: number;
  /** topic-level settings (`max.message.bytes`, `retention.ms`, …); the broker's defaults where absent */
  configEntries?: Array<{ name: string; value: string }>;
}

const CREATE_ATTEMPTS = 6;

/**
 * Topics are created explicitly with the configured partition counts (partitions are the scaling unit; broker
 * auto-creation would silently pick its own default). Existing topics are left as they are. Creation is retried:
 * several services start at once and race to create the same topics, and right after creation a broker may still
 * answer metadata requests with "does not host this topic-partition" until the new leaders are registered.
 */
export async function ensureTopics(
  kafka: Kafka,
  specs: TopicSpec[],
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((done) => setTimeout(done, ms)),
): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const initiallyMissing = await missingTopics(admin, specs);
    let missing = initiallyMissing;
    let lastError: unknown;
    for (let attempt = 1; missing.length > 0; attempt += 1) {
      if (attempt > CREATE_ATTEMPTS) {
        const names = missing.map((spec) => spec.topic).join(', ');
        throw new Error(
          `could not create topics ${names}: ${(lastError as Error | undefined)?.message ?? 'not listed'}`,
        );
      }
      if (attempt > 1) await sleep(250 * attempt);
      try {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map(({ topic, numPartitions, replicationFactor, configEntries }) => ({
            topic,
            numPartitions,
            replicationFactor,
            ...(configEntries ? { configEntries } : {}),
          })),
        });
      } catch (error) {
        lastError = error;
      }
      missing = await missingTopics(admin, missing);
    }
    return initiallyMissing.map((spec) => spec.topic);
  } finally {
    await admin.disconnect();
  }
}

async function missingTopics(admin: Admin, specs: TopicSpec[]): Promise<TopicSpec[]> {
  const existing = new Set(await admin.listTopics());
  return specs.filter((spec) => !existing.has(spec.topic));
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
