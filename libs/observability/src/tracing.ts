import {
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOnSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  type Sampler,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import type { Logger } from './logger';
import { SeededIdGenerator } from './seeded-id-generator';
import { placeSpan } from './span-placement';
import { WatchedExporter } from './watched-exporter';

export type SpanKindName = 'internal' | 'producer' | 'consumer';

export interface SpanRequest {
  /** Low-cardinality, e.g. `process news.raw.v1` (the messaging conventions' `{operation} {destination}`). */
  name: string;
  kind: SpanKindName;
  /** The work's Inkstream traceId: the span is in the trace of that id whenever it is a W3C trace id. */
  traceId?: string;
  /** Headers a consumed message carried: the span continues their trace context (`traceparent`, `tracestate`). */
  carrier?: Readonly<Record<string, string>>;
  attributes?: Attributes;
}

const KINDS: Record<SpanKindName, SpanKind> = {
  internal: SpanKind.INTERNAL,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
};

const propagator = new W3CTraceContextPropagator();
let contextManager: AsyncLocalStorageContextManager | null = null;

/**
 * One service's OpenTelemetry tracing: spans exported over OTLP/HTTP, W3C trace context in and out of message
 * headers. It exists only when OTEL_EXPORTER_OTLP_ENDPOINT is set; code that may trace takes `Tracing | undefined`
 * and does nothing extra without one, so tracing off costs one check per message.
 */
export class Tracing {
  constructor(
    private readonly tracer: Tracer,
    private readonly ids: SeededIdGenerator,
    private readonly provider: Pick<BasicTracerProvider, 'forceFlush' | 'shutdown'>,
  ) {}

  /** Runs `work` in a new span (active for everything it awaits); a throw marks the span failed and is rethrown. */
  async inSpan<T>(request: SpanRequest, work: (span: Span) => Promise<T>): Promise<T> {
    const active = context.active();
    const remote = request.carrier ? propagator.extract(ROOT_CONTEXT, request.carrier, defaultTextMapGetter) : null;
    const remoteSpan = remote ? trace.getSpanContext(remote) : undefined;
    const activeSpan = trace.getSpanContext(active);
    const placement = placeSpan({
      traceId: request.traceId,
      remoteTraceId: remoteSpan && trace.isSpanContextValid(remoteSpan) ? remoteSpan.traceId : undefined,
      activeTraceId: activeSpan && trace.isSpanContextValid(activeSpan) ? activeSpan.traceId : undefined,
    });
    const parent: Context =
      placement.parent === 'remote' && remote ? remote : placement.parent === 'active' ? active : ROOT_CONTEXT;
    const links: Link[] = placement.linkRemote && remoteSpan ? [{ context: remoteSpan }] : [];
    const span = this.ids.withTraceId(placement.rootTraceId, () =>
      this.tracer.startSpan(request.name, { kind: KINDS[request.kind], attributes: request.attributes, links }, parent),
    );
    try {
      return await context.with(trace.setSpan(parent, span), () => work(span));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof Error) span.recordException(error);
      span.setStatus({ code: SpanStatusCode.ERROR, message });
      throw error;
    } finally {
      span.end();
    }
  }

  /** Writes the active span's `traceparent` (and `tracestate`) into outgoing message headers. */
  inject(headers: Record<string, string>): void {
    propagator.inject(context.active(), headers, defaultTextMapSetter);
  }

  /** Exports every ended span still buffered. */
  flush(): Promise<void> {
    return this.provider.forceFlush();
  }

  /** Exports what is buffered, then stops: the last step of a service's shutdown. */
  async shutdown(): Promise<void> {
    await this.provider.forceFlush();
    await this.provider.shutdown();
  }
}

export interface TracingOptions {
  /** `service.name` of every span (the service's name: fetcher, splitter …). */
  service: string;
  /** OTLP/HTTP base URL, as OTEL_EXPORTER_OTLP_ENDPOINT: spans go to `<endpoint>/v1/traces`. */
  endpoint: string;
  /** `service.instance.id`, telling replicas apart. */
  instance?: string;
  /** Unset: every trace is kept. */
  sampler?: Sampler;
  logger: Logger;
}

/** Starts a service's tracing: batched OTLP/HTTP export, with failures to export logged (not thrown). */
export function startTracing({ endpoint, logger, ...resource }: TracingOptions): Tracing {
  const url = `${endpoint.replace(/\/+$/, '')}/v1/traces`;
  const tracing = createTracing(new WatchedExporter(new OTLPTraceExporter({ url }), url, logger), resource);
  logger.info({ otlpTraces: url }, 'tracing on: spans exported over OTLP/HTTP');
  return tracing;
}

/** Tracing into any exporter, spans batched; `startTracing` is this with OTLP/HTTP. */
export function createTracing(
  exporter: SpanExporter,
  { service, instance, sampler }: Pick<TracingOptions, 'service' | 'instance' | 'sampler'>,
): Tracing {
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
    sampler: sampler ?? new ParentBasedSampler({ root: new AlwaysOnSampler() }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  return new Tracing(provider.getTracer('@inkstream/observability'), ids, provider);
}
