import type { KafkaSasl, KafkaSecurity } from '@inkstream/config';
import type { Logger } from '@inkstream/observability';
import { Kafka, logLevel, type KafkaConfig, type LogEntry, type SASLOptions } from 'kafkajs';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** A kafkajs client whose own log lines go through pino, so they are JSON lines like every other event. */
export function createKafka(options: {
  clientId: string;
  brokers: string[];
  logger: Logger;
  /** interactive tools: fewer retries and a shorter connect timeout, so "no broker" is said in seconds */
  failFast?: boolean;
  /** TLS and SASL (`loadKafkaSecurity`); unset: plaintext, as the embedded stack listens. */
  security?: KafkaSecurity;
}): Kafka {
  const kafkaLogger = options.logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    ...(options.security && kafkaSecurityOptions(options.security)),
    connectionTimeout: options.failFast ? 2_000 : 5_000,
    requestTimeout: 30_000,
    retry: options.failFast ? { initialRetryTime: 200, retries: 1 } : { initialRetryTime: 300, retries: 8 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, level, log }: LogEntry) => {
        const { message, ...extra } = log;
        // Retries are bounded on purpose (a send that cannot complete must surface as "Kafka unavailable" so the
        // consumer holds its partition); redelivered duplicates are absorbed by idempotent stages downstream.
        if (typeof message === 'string' && message.startsWith('Limiting retries for the idempotent producer')) return;
        kafkaLogger[LEVELS[level] ?? 'info']({ namespace, ...extra }, message);
      },
  });
}

/** The kafkajs form of the validated settings: Node's TLS options, and the SASL mechanism in kafkajs' spelling. */
export function kafkaSecurityOptions(security: KafkaSecurity): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  return {
    // An object even when empty, not `true`: the same to Node (system CAs, hostname checked), one shape to read.
    ...(security.tls && { ssl: { ...security.tls } }),
    ...(security.sasl && { sasl: saslOptions(security.sasl) }),
  };
}

function saslOptions({ mechanism, username, password }: KafkaSasl): SASLOptions {
  switch (mechanism) {
    case 'PLAIN':
      return { mechanism: 'plain', username, password };
    case 'SCRAM-SHA-256':
      return { mechanism: 'scram-sha-256', username, password };
    case 'SCRAM-SHA-512':
      return { mechanism: 'scram-sha-512', username, password };
  }
}
