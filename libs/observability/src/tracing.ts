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
  type TextMapPropagator,
  type Tracer,
} from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { TraceSampler } from '@inkstream/config';
import type { Logger } from './logger';
import { placeSpan } from './span-placement';

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

/** What Tracing needs of the SDK, built by tracing-sdk.ts (loaded only when tracing is started). */
export interface TracingParts {
  tracer: Tracer;
  propagator: TextMapPropagator;
  /** Starts a root span with the trace id given (null: a random one); see SeededIdGenerator. */
  withTraceId<T>(traceId: string | null, start: () => T): T;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

const KINDS: Record<SpanKindName, SpanKind> = {
  internal: SpanKind.INTERNAL,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
};

/**
 * One service's OpenTelemetry tracing: spans exported over OTLP/HTTP, W3C trace context in and out of message
 * headers. It exists only when OTEL_EXPORTER_OTLP_ENDPOINT is set; code that may trace takes `Tracing | undefined`
 * and does nothing extra without one, so tracing off costs one check per message.
 */
export class Tracing {
  constructor(private readonly parts: TracingParts) {}

  /** Runs `work` in a new span (active for everything it awaits); a throw marks the span failed and is rethrown. */
  async inSpan<T>(request: SpanRequest, work: (span: Span) => Promise<T>): Promise<T> {
    const { tracer, propagator, withTraceId } = this.parts;
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
    const linked = { remote: remoteSpan, active: activeSpan };
    const links: Link[] = placement.links.flatMap((which) => (linked[which] ? [{ context: linked[which] }] : []));
    const span = withTraceId(placement.rootTraceId, () =>
      tracer.startSpan(request.name, { kind: KINDS[request.kind], attributes: request.attributes, links }, parent),
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
    this.parts.propagator.inject(context.active(), headers, defaultTextMapSetter);
  }

  /** Exports every ended span still buffered. */
  flush(): Promise<void> {
    return this.parts.forceFlush();
  }

  /** Exports what is buffered, then stops: the last step of a service's shutdown. */
  async shutdown(): Promise<void> {
    await this.parts.forceFlush();
    await this.parts.shutdown();
  }
}

export interface TracingResource {
  /** `service.name` of every span (the service's name: fetcher, splitter …). */
  service: string;
  /** `service.instance.id`, telling replicas apart. */
  instance?: string;
  /** OTEL_TRACES_SAMPLER and its ratio (OTEL_TRACES_SAMPLER_ARG); unset: every trace is kept. */
  sampler?: { name: TraceSampler; ratio: number };
}

export interface TracingOptions extends TracingResource {
  /** OTLP/HTTP base URL, as OTEL_EXPORTER_OTLP_ENDPOINT: spans go to `<endpoint>/v1/traces`. */
  endpoint: string;
  logger: Logger;
}

// The SDK and the exporter take a noticeable share of a process's start (hundreds of ms, several MB): they are
// loaded by the first call below, so a process that does not trace (tracing off, every CLI command) never loads them.

/** Starts a service's tracing: batched OTLP/HTTP export, with failures to export logged (not thrown). */
export async function startTracing(options: TracingOptions): Promise<Tracing> {
  const sdk = await import('./tracing-sdk');
  return sdk.startTracing(options);
}

/** Tracing into any exporter, spans batched; `startTracing` is this with OTLP/HTTP. */
export async function createTracing(exporter: SpanExporter, resource: TracingResource): Promise<Tracing> {
  const sdk = await import('./tracing-sdk');
  return sdk.createTracing(exporter, resource);
}
