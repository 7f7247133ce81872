import { z } from 'zod';
import { env } from './fields';
import { loadConfig, type Env } from './load-config';
import { tracingShape } from './tracing-config';

/** Defaults point at the embedded stack (`npm run stack:start`), so a fresh clone runs without any variable set. */
export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:9092';
export const DEFAULT_MONGODB_URI = 'mongodb://127.0.0.1:27017/inkstream';

/**
 * Partitions per pipeline topic, and partitions one replica works on at once. Six, so the deduplicator (one
 * candidate per partition, in order) decides six articles at a time on one machine; more replicas share them.
 */
export const DEFAULT_TOPIC_PARTITIONS = 6;

/**
 * Variables every service reads (`runService` loads them). A service's own variables have a shape of their own,
 * loaded with `loadConfig(shape, env)` (e.g. `loadGatewayConfig`, `loadFetcherConfig`).
 */
export const commonShape = (defaultPort: number) => ({
  HTTP_PORT: env.port(defaultPort),
  HTTP_HOST: env.string('127.0.0.1'),
  LOG_LEVEL: env.logLevel(),
  KAFKA_BROKERS: env.brokers(DEFAULT_KAFKA_BROKERS),
  KAFKA_CLIENT_ID: env.optionalString(),
  KAFKA_TOPIC_PREFIX: env.string(''),
  KAFKA_TOPIC_PARTITIONS: env.positiveInt(DEFAULT_TOPIC_PARTITIONS),
  KAFKA_REPLICATION_FACTOR: env.positiveInt(1),
  KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY: env.positiveInt(DEFAULT_TOPIC_PARTITIONS),
  /** Producer compression: `none` on one machine (loopback), `gzip` between hosts (network and disk). */
  KAFKA_COMPRESSION: z.enum(['none', 'gzip']).default('none'),
  /** Messages of one partition in flight at once (different keys; one key stays in order). */
  KAFKA_MESSAGE_CONCURRENCY: env.positiveInt(16),
  /** How long a silent consumer keeps its partitions; lower = faster takeover after a crash, more false alarms. */
  KAFKA_SESSION_TIMEOUT_MS: env.positiveInt(30_000),
  MONGODB_URI: env.mongoUri(DEFAULT_MONGODB_URI),
  RETRY_MAX_ATTEMPTS: env.positiveInt(5),
  RETRY_INITIAL_DELAY_MS: env.positiveInt(200),
  RETRY_MAX_DELAY_MS: env.positiveInt(10_000),
  SHUTDOWN_TIMEOUT_MS: env.positiveInt(15_000),
  LAG_REFRESH_INTERVAL_MS: env.positiveInt(5_000),
  /**
   * The admin token (the gateway's): every service's HTTP API other than /health and /metrics needs it as
   * `Authorization: Bearer`; unset → those endpoints answer 503.
   */
  GATEWAY_ADMIN_TOKEN: env.optionalString(),
  ...tracingShape,
});

export type CommonConfig = ReturnType<typeof loadCommonConfig>;

export function loadCommonConfig(defaultPort: number, source: Env = process.env) {
  return loadConfig(commonShape(defaultPort), source);
}
