import type { CommonConfig } from '@inkstream/config';
import type { ConsumerGroupName } from '@inkstream/contracts';
import type { KafkaPipelineTransport, LagMonitor, PipelineProducer } from '@inkstream/messaging';
import type { HealthRegistry, Logger, PipelineMetrics } from '@inkstream/observability';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';

/** Everything a service's providers need from the platform, created once per process by `runService`. */
export interface ServiceRuntime {
  service: string;
  config: CommonConfig;
  logger: Logger;
  metrics: PipelineMetrics;
  health: HealthRegistry;
  kafka: Kafka;
  producer: PipelineProducer;
  /** null for services that keep no state in MongoDB. */
  mongo: Connection | null;
  consumerGroup: ConsumerGroupName | null;
  transport: KafkaPipelineTransport | null;
  lag: LagMonitor | null;
}

/** Injection token for the ServiceRuntime. */
export const SERVICE_RUNTIME = Symbol('SERVICE_RUNTIME');
