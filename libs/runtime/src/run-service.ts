import 'reflect-metadata';
import { OPEN_OPS_PATHS, opsAuthMiddleware } from './auth';
import { ConfigError, describeKafkaSecurity, loadAll, loadCommonConfig, loadKafkaSecurity } from '@inkstream/config';
import { PIPELINE_SUBSCRIPTIONS, type ConsumerGroupName } from '@inkstream/contracts';
import {
  BrokerProbe,
  createKafka,
  ensureTopics,
  explainKafkaConnectionError,
  isKafkaUnreachable,
  KafkaPipelineTransport,
  LagMonitor,
  PipelineProducer,
  pipelineTopicSpecs,
  RethrowRpcErrorsFilter,
} from '@inkstream/messaging';
import {
  DependencyUnavailableError,
  errorKindOf,
  EXIT_DEPENDENCY_UNAVAILABLE,
  startupExitCode,
} from '@inkstream/errors';
import { createLogger, HealthRegistry, PipelineMetrics, startTracing } from '@inkstream/observability';
import { connectMongo, isMongoUnavailable, pingMongo } from '@inkstream/persistence';
import { Module, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { hostname } from 'node:os';
import { NestPinoLogger } from './nest-logger';
import { RuntimeModule } from './runtime.module';
import type { ServiceRuntime } from './service-runtime';

export interface ServiceDefinition {
  name: string;
  defaultPort: number;
  /** Set for services that consume: their `@EventPattern(topic)` handlers run in this group. */
  consumerGroup?: ConsumerGroupName;
  usesMongo: boolean;
  /** The service's own module, or `X.forEnv(env)` for one that reads variables of its own from `env`. */
  module: Type<unknown> | DynamicModule;
  /**
   * Caps KAFKA_MESSAGE_CONCURRENCY for a stage whose messages must not overlap within one partition (see the
   * deduplicator). Unset: the configured value.
   */
  maxMessageConcurrency?: number;
  /**
   * True for a service whose HTTP API has guards of its own (the gateway: read and admin tokens). Every other
   * service's API (all but /health and /metrics) needs the admin token (opsAuthMiddleware).
   */
  ownApiAuth?: boolean;
  /**
   * Path prefixes of a service's API open without the admin token, for callers that authenticate otherwise (the
   * fetcher's WebSub callback `/websub/`, which hubs reach and sign).
   */
  openPathPrefixes?: readonly string[];
  /** App-level HTTP setup (CORS, middleware, API explorer), run after the app is created and before it listens. */
  configureApp?: (app: INestApplication, runtime: ServiceRuntime) => void | Promise<void>;
}

export interface RunningService {
  app: INestApplication;
  runtime: ServiceRuntime;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a service: validated config, logger, metrics, tracing (when configured), topics, producer, MongoDB, the Nest app with /health and
 * /metrics, then the consumer. Stops in the order that loses nothing: stop fetching and finish in-flight messages
 * (offsets committed), then HTTP, then the producer, then MongoDB last (handlers in flight may still write to it).
 */
export async function runService(definition: ServiceDefinition, env = process.env): Promise<RunningService> {
  const [config, kafkaSecurity] = loadAll(
    () => loadCommonConfig(definition.defaultPort, env),
    () => loadKafkaSecurity(env),
  );
  const logger = createLogger(definition.name, config.LOG_LEVEL);
  const metrics = new PipelineMetrics(definition.name);
  const health = new HealthRegistry(definition.name);
  const clientId = config.KAFKA_CLIENT_ID ?? `inkstream-${definition.name}-${hostname()}-${process.pid}`;
  const kafka = createKafka({ clientId, brokers: config.KAFKA_BROKERS, logger, security: kafkaSecurity });
  logger.info({ brokers: config.KAFKA_BROKERS, ...describeKafkaSecurity(kafkaSecurity) }, 'connecting to Kafka');
  const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  const tracing = endpoint
    ? await startTracing({
        service: definition.name,
        endpoint,
        instance: clientId,
        sampler: { name: config.OTEL_TRACES_SAMPLER, ratio: config.OTEL_TRACES_SAMPLER_ARG },
        logger,
      })
    : undefined;

  // The first connection: a refused password or an untrusted certificate fails startup here, said in the
  // variables' terms.
  await ensureTopics(
    kafka,
    pipelineTopicSpecs({
      prefix: config.KAFKA_TOPIC_PREFIX,
      numPartitions: config.KAFKA_TOPIC_PARTITIONS,
      replicationFactor: config.KAFKA_REPLICATION_FACTOR,
      consumers: [...PIPELINE_SUBSCRIPTIONS],
    }),
  ).catch((error: unknown) => {
    throw explainKafkaConnectionError(error, config.KAFKA_BROKERS, kafkaSecurity);
  });
  const producer = new PipelineProducer(kafka, config.KAFKA_TOPIC_PREFIX, metrics, {
    compression: config.KAFKA_COMPRESSION,
    tracing,
  });
  await producer.connect();
  // Whether a send could be acknowledged now: the producer is connected and a broker answers.
  const brokers = new BrokerProbe(kafka);
  health.register('kafka-producer', () =>
    producer.isConnected() ? brokers.check() : { status: 'down', detail: 'producer disconnected' },
  );

  const mongo = definition.usesMongo
    ? await connectMongo(config.MONGODB_URI, {
        appName: definition.name,
        onCommand: (command, collection) => metrics.dbCommands.inc({ command, collection }),
      })
    : null;
  if (mongo) {
    health.register('mongodb', async () => {
      await pingMongo(mongo);
      return { status: 'up' };
    });
  }

  const group = definition.consumerGroup ?? null;
  const transport = group
    ? new KafkaPipelineTransport({
        kafka,
        group,
        topicPrefix: config.KAFKA_TOPIC_PREFIX,
        producer,
        retry: {
          maxAttempts: config.RETRY_MAX_ATTEMPTS,
          initialDelayMs: config.RETRY_INITIAL_DELAY_MS,
          maxDelayMs: config.RETRY_MAX_DELAY_MS,
        },
        partitionsConsumedConcurrently: config.KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY,
        messageConcurrency: Math.min(
          config.KAFKA_MESSAGE_CONCURRENCY,
          definition.maxMessageConcurrency ?? config.KAFKA_MESSAGE_CONCURRENCY,
        ),
        sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
        logger,
        metrics,
        tracing,
      })
    : null;
  const runtime: ServiceRuntime = {
    service: definition.name,
    config,
    logger,
    metrics,
    tracing: tracing ?? null,
    health,
    kafka,
    producer,
    mongo,
    consumerGroup: group,
    transport,
    lag: null,
  };

  @Module({ imports: [RuntimeModule.forRoot(runtime), definition.module] })
  class ServiceRootModule {}

  const app = await NestFactory.create(ServiceRootModule, { logger: new NestPinoLogger(logger), abortOnError: false });
  app.useGlobalFilters(new RethrowRpcErrorsFilter());
  if (!definition.ownApiAuth) {
    const openPrefixes = definition.openPathPrefixes ?? [];
    app.use(opsAuthMiddleware(config.GATEWAY_ADMIN_TOKEN, openPrefixes));
    logger.info(
      {
        apiAuth: config.GATEWAY_ADMIN_TOKEN ? 'admin-token' : 'disabled',
        open: [...OPEN_OPS_PATHS, ...openPrefixes.map((prefix) => `${prefix}*`)],
      },
      config.GATEWAY_ADMIN_TOKEN
        ? 'HTTP API auth on: endpoints other than /health and /metrics need the admin token'
        : 'HTTP API auth: no GATEWAY_ADMIN_TOKEN, endpoints other than /health and /metrics answer 503',
    );
  }
  await definition.configureApp?.(app, runtime);
  if (transport) {
    app.connectMicroservice({ strategy: transport }, { inheritAppConfig: true });
    await app.startAllMicroservices();
    // From the consumer's own events (joined, heartbeating, crashed, stopped), not a flag set at startup.
    health.register(
      'kafka-consumer',
      () => transport.pipelineConsumer()?.health.check() ?? { status: 'down', detail: 'consumer not created' },
    );
    const lag = new LagMonitor(
      kafka,
      group as string,
      transport.pipelineConsumer()?.topics() ?? [],
      config.KAFKA_TOPIC_PREFIX,
      logger,
      metrics,
    );
    await lag.start(config.LAG_REFRESH_INTERVAL_MS);
    runtime.lag = lag;
  }
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  const address = app.getHttpServer().address() as { port: number } | null;
  const url = `http://${config.HTTP_HOST}:${address?.port ?? config.HTTP_PORT}`;
  logger.info({ url, consumerGroup: group, topicPrefix: config.KAFKA_TOPIC_PREFIX }, 'service started');

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      logger.info('shutting down: stopping consumer');
      await transport?.close();
      await runtime.lag?.stop();
      await app.close();
      await producer.disconnect();
      await brokers.stop();
      await mongo?.close();
      // Last: the spans of everything above are exported before the process ends.
      await tracing?.shutdown();
      logger.info('shutdown complete');
    })();
    return stopping;
  };
  return { app, runtime, url, stop };
}

/**
 * A startup failure that reached us untranslated (a module's index creation, the consumer's first connection) is
 * an outage when the database or the broker did not answer.
 */
export function asStartupOutage(error: unknown): unknown {
  if (errorKindOf(error) !== undefined || !(isMongoUnavailable(error) || isKafkaUnreachable(error))) return error;
  return new DependencyUnavailableError(`a dependency did not answer: ${(error as Error).message}`, { cause: error });
}

/**
 * `main.ts` of every service: run, stop cleanly on SIGTERM/SIGINT, and exit non-zero with a clear startup error
 * (EXIT_DEPENDENCY_UNAVAILABLE when the broker or the database did not answer, so a supervisor waits it out).
 * Signal handlers are installed before startup so a signal during startup still leads to an orderly stop.
 */
export function serviceMain(definition: ServiceDefinition): void {
  const startup = runService(definition);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    startup.then(
      (running) => {
        running.runtime.logger.info({ signal }, 'signal received');
        const timer = setTimeout(() => {
          running.runtime.logger.error('shutdown timed out, exiting');
          process.exit(1);
        }, running.runtime.config.SHUTDOWN_TIMEOUT_MS);
        timer.unref();
        running.stop().then(
          () => process.exit(0),
          (error: Error) => {
            running.runtime.logger.error({ err: error.message }, 'shutdown failed');
            process.exit(1);
          },
        );
      },
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  startup.catch((error: unknown) => {
    const exitCode = startupExitCode(asStartupOutage(error));
    const message =
      error instanceof ConfigError
        ? error.message
        : exitCode === EXIT_DEPENDENCY_UNAVAILABLE
          ? `startup failed, a dependency is unreachable (exit ${exitCode}: try again later): ${(error as Error).message}`
          : `startup failed: ${(error as Error).stack ?? error}`;
    process.stderr.write(`${JSON.stringify({ level: 'fatal', service: definition.name, msg: message })}\n`);
    process.exit(exitCode);
  });
}
