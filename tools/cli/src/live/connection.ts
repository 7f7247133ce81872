import {
  DEFAULT_KAFKA_BROKERS,
  DEFAULT_MONGODB_URI,
  env,
  loadAll,
  loadConfig,
  loadKafkaSecurity,
  type KafkaSecurity,
} from '@inkstream/config';
import { DependencyUnavailableError } from '@inkstream/errors';
import { createKafka, explainKafkaConnectionError } from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import type { Admin } from 'kafkajs';

/**
 * The CLI reaches a running stack through the same variables as the services, with the same defaults, TLS and
 * SASL included (KAFKA_SECURITY_PROTOCOL and the rest, see the README).
 */
export function connectionFromEnv(source: NodeJS.ProcessEnv = process.env): {
  brokers: string[];
  topicPrefix: string;
  security: KafkaSecurity;
} {
  const [config, security] = loadAll(
    () => loadConfig({ KAFKA_BROKERS: env.brokers(DEFAULT_KAFKA_BROKERS), KAFKA_TOPIC_PREFIX: env.string('') }, source),
    () => loadKafkaSecurity(source),
  );
  return { brokers: config.KAFKA_BROKERS, topicPrefix: config.KAFKA_TOPIC_PREFIX, security };
}

/** What `--help` says about reaching a running stack: the variables and their defaults. */
export const CONNECTION_HELP = `
Environment (commands against a running stack):
  KAFKA_BROKERS       Kafka bootstrap brokers, comma-separated (default ${DEFAULT_KAFKA_BROKERS})
  KAFKA_TOPIC_PREFIX  prefix of every topic name (default none)
  KAFKA_SECURITY_PROTOCOL  PLAINTEXT (default), SSL, SASL_PLAINTEXT or SASL_SSL; with KAFKA_SASL_* and
                      KAFKA_SSL_* as for the services (README, "Kafka security")
  MONGODB_URI         the pipeline's database (default ${DEFAULT_MONGODB_URI})`;

/**
 * An admin client connected with few retries and a short timeout, or a clear error in seconds: a command run with
 * no broker says so and which variable to set, instead of kafkajs retrying (and logging) for a minute and more.
 */
export async function connectAdminFailFast(brokers: string[], security: KafkaSecurity): Promise<Admin> {
  const admin = createKafka({
    clientId: 'inkstream-cli',
    brokers,
    logger: createLogger('cli', 'silent'),
    failFast: true,
    security,
  }).admin();
  try {
    await admin.connect();
    return admin;
  } catch (error) {
    await admin.disconnect().catch(() => undefined);
    // A refused password or an untrusted certificate is said in the variables' terms; no broker answering in the
    // terms of someone at a terminal below.
    const explained = explainKafkaConnectionError(error, brokers, security);
    if (explained !== error && !(explained instanceof DependencyUnavailableError)) throw explained;
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(
      `cannot reach Kafka at ${brokers.join(',')} (${cause}); is the pipeline running? (set KAFKA_BROKERS to its brokers)`,
    );
  }
}

/** Fails fast, as connectAdminFailFast, when no broker answers; the command then connects its own clients. */
export async function requireKafka(brokers: string[], security: KafkaSecurity): Promise<void> {
  const admin = await connectAdminFailFast(brokers, security);
  await admin.disconnect();
}
