// The OpenTelemetry SDK side of tracing.ts, loaded by it only when a process starts tracing.
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { samplerFor } from './sampler';
import { SeededIdGenerator } from './seeded-id-generator';
import { Tracing, type TracingOptions, type TracingResource } from './tracing';
import { WatchedExporter } from './watched-exporter';

let contextManager: AsyncLocalStorageContextManager | null = null;

export function startTracing({ endpoint, logger, ...resource }: TracingOptions): Tracing {
  const url = `${endpoint.replace(/\/+$/, '')}/v1/traces`;
  const tracing = createTracing(new WatchedExporter(new OTLPTraceExporter({ url }), url, logger), resource);
  logger.info({ otlpTraces: url }, 'tracing on: spans exported over OTLP/HTTP');
  return tracing;
}

export function createTracing(exporter: SpanExporter, { service, instance, sampler }: TracingResource): Tracing {
  // Spans follow the work through awaits; one manager serves every Tracing of the process (tests run several).
  if (!contextManager) {
    contextManager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(contextManager);
  }
  const ids = new SeededIdGenerator();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': service,
      'service.namespace': 'inkstream',
      ...(instance ? { 'service.instance.id': instance } : {}),
    }),
    idGenerator: ids,
    sampler: samplerFor(sampler?.name ?? 'parentbased_always_on', sampler?.ratio ?? 1),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  return new Tracing({
    tracer: provider.getTracer('@inkstream/observability'),
    propagator: new W3CTraceContextPropagator(),
    withTraceId: (traceId, start) => ids.withTraceId(traceId, start),
    forceFlush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  });
}
