import { PipelineProducer } from '@inkstream/messaging';
import { HealthRegistry, PipelineMetrics, Tracing } from '@inkstream/observability';
import type { Provider } from '@nestjs/common';
import type { ServiceRuntime } from './service-runtime';

// Injection tokens for the platform parts a service's providers may ask for. Classes (PipelineProducer,
// PipelineMetrics, HealthRegistry, Tracing) are their own tokens; these name what is an interface or a third-party type.

/** The service's pino logger (`Logger` from @inkstream/observability). */
export const LOGGER = Symbol('LOGGER');
/** The validated common configuration (`CommonConfig` from @inkstream/config). */
export const COMMON_CONFIG = Symbol('COMMON_CONFIG');
/** The kafkajs client, for admin reads and consumers of the service's own (the gateway's live stream). */
export const KAFKA = Symbol('KAFKA');
/**
 * The mongoose connection; provided only to services whose definition says `usesMongo`, so a provider of another
 * service that asks for it fails at startup with Nest's "can't resolve dependencies", not at its first message.
 */
export const MONGO_CONNECTION = Symbol('MONGO_CONNECTION');

/** One provider per platform part; the Mongo connection only when there is one. */
export function runtimeProviders(runtime: ServiceRuntime): Provider[] {
  return [
    { provide: LOGGER, useValue: runtime.logger },
    { provide: COMMON_CONFIG, useValue: runtime.config },
    { provide: KAFKA, useValue: runtime.kafka },
    { provide: PipelineProducer, useValue: runtime.producer },
    { provide: PipelineMetrics, useValue: runtime.metrics },
    { provide: HealthRegistry, useValue: runtime.health },
    ...(runtime.mongo ? [{ provide: MONGO_CONNECTION, useValue: runtime.mongo }] : []),
    // Only when tracing is on: a provider that may trace asks for it as optional.
    ...(runtime.tracing ? [{ provide: Tracing, useValue: runtime.tracing }] : []),
  ];
}
