import type { CommonConfig } from '@inkstream/config';
import type { ConsumerGroupName } from '@inkstream/contracts';
import type { KafkaPipelineTransport, LagMonitor, PipelineProducer } from '@inkstream/messaging';
import type { HealthRegistry, Logger, PipelineMetrics, Tracing } from '@inkstream/observability';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';

/**
 * Everything `runService` creates for one service process. Nest providers never receive it whole: each gets the
 * parts it names (see runtime-providers.ts), so a class's constructor says what it uses.
 */
export interface ServiceRuntime {
  service: string;
  config: CommonConfig;
  logger: Logger;
  metrics: PipelineMetrics;
  /** null unless OTEL_EXPORTER_OTLP_ENDPOINT is set. */
  tracing: Tracing | null;
  health: HealthRegistry;
  kafka: Kafka;
  producer: PipelineProducer;
  /** null for services that keep no state in MongoDB. */
  mongo: Connection | null;
  consumerGroup: ConsumerGroupName | null;
  transport: KafkaPipelineTransport | null;
  lag: LagMonitor | null;
}
