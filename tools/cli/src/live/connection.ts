import { DEFAULT_KAFKA_BROKERS, env, loadConfig } from '@inkstream/config';

/** The CLI reaches a running stack through the same variables as the services, with the same defaults. */
export function connectionFromEnv(source: NodeJS.ProcessEnv = process.env): { brokers: string[]; topicPrefix: string } {
  const config = loadConfig(
    { KAFKA_BROKERS: env.brokers(DEFAULT_KAFKA_BROKERS), KAFKA_TOPIC_PREFIX: env.string('') },
    source,
  );
  return { brokers: config.KAFKA_BROKERS, topicPrefix: config.KAFKA_TOPIC_PREFIX };
}
