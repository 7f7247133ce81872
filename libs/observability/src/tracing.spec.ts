import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { createTracing } from './tracing';

const TRACE = '7d3c1f0a2b9e4c6d8e0f1a2b3c4d5e6f';
const OTHER = '0af7651916cd43dd8448eb211c80319c';
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

async function setUp() {
  const exporter = new InMemorySpanExporter();
  const tracing = await createTracing(exporter, { service: 'splitter' });
  const spans = async (): Promise<ReadableSpan[]> => {
    await tracing.flush();
    return exporter.getFinishedSpans();
  };
  return { tracing, spans };
}

describe('Tracing', () => {
  it("starts a work's trace with the work's own trace id, and hands it on in traceparent", async () => {
    const { tracing, spans } = await setUp();
    const headers: Record<string, string> = {};
    await tracing.inSpan({ name: 'send news.raw.v1', kind: 'producer', traceId: TRACE }, async () =>
      tracing.inject(headers),
    );
    const [span] = await spans();
    expect(span.spanContext().traceId).toBe(TRACE);
    expect(span.kind).toBe(SpanKind.PRODUCER);
    expect(span.parentSpanContext).toBeUndefined();
    expect(span.resource.attributes).toMatchObject({ 'service.name': 'splitter', 'service.namespace': 'inkstream' });
    expect(headers.traceparent).toBe(`00-${TRACE}-${span.spanContext().spanId}-01`);
  });

  it('continues the trace a consumed message carried, and parents the spans of work done inside', async () => {
    const { tracing, spans } = await setUp();
    const carrier = { traceparent: `00-${TRACE}-00f067aa0ba902b7-01`, tracestate: 'vendor=1' };
    const out: Record<string, string> = {};
    await tracing.inSpan({ name: 'process news.raw.v1', kind: 'consumer', traceId: TRACE, carrier }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      await tracing.inSpan({ name: 'send news.articles.v1', kind: 'producer', traceId: TRACE }, async () =>
        tracing.inject(out),
      );
    });
    const [send, processed] = await spans();
    expect(processed.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(processed.spanContext().traceState?.serialize()).toBe('vendor=1');
    expect(send.parentSpanContext?.spanId).toBe(processed.spanContext().spanId);
    expect(out.traceparent).toMatch(TRACEPARENT);
    expect(TRACEPARENT.exec(out.traceparent)?.slice(1)).toEqual([TRACE, send.spanContext().spanId]);
    expect(out.tracestate).toBe('vendor=1');
  });

  it("keeps a work in its own trace when the carried context is another trace's, linking that one", async () => {
    const { tracing, spans } = await setUp();
    const carrier = { traceparent: `00-${OTHER}-00f067aa0ba902b7-01` };
    await tracing.inSpan({ name: 'process news.unique.v1', kind: 'consumer', traceId: TRACE, carrier }, async () => {});
    const [span] = await spans();
    expect(span.spanContext().traceId).toBe(TRACE);
    expect(span.parentSpanContext).toBeUndefined();
    expect(span.links.map((link) => link.context.traceId)).toEqual([OTHER]);
  });

  it("starts another work's trace inside a span of one trace, linked to the span that caused it", async () => {
    const { tracing, spans } = await setUp();
    await tracing.inSpan({ name: 'process news.duplicates.v1', kind: 'consumer', traceId: OTHER }, () =>
      tracing.inSpan({ name: 'send news.clean.v1', kind: 'producer', traceId: TRACE }, async () => {}),
    );
    const [send, processed] = await spans();
    expect(send.spanContext().traceId).toBe(TRACE);
    expect(send.parentSpanContext).toBeUndefined();
    expect(send.links.map((link) => link.context.spanId)).toEqual([processed.spanContext().spanId]);
  });

  it('marks a span failed with what was thrown, and rethrows it', async () => {
    const { tracing, spans } = await setUp();
    const failing = tracing.inSpan({ name: 'process news.raw.v1', kind: 'consumer', traceId: TRACE }, async () => {
      throw new Error('MongoDB is down');
    });
    await expect(failing).rejects.toThrow('MongoDB is down');
    const [span] = await spans();
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'MongoDB is down' });
    expect(span.events.map((event) => event.name)).toEqual(['exception']);
  });
});

describe('Tracing sampled (OTEL_TRACES_SAMPLER)', () => {
  it('keeps a ratio of traces decided on the trace id, so every stage of a trace decides alike', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = await createTracing(exporter, { service: 'store', sampler: { name: 'traceidratio', ratio: 0.5 } });
    // The SDK keeps a trace when the XOR of its id's four 32-bit words is under ratio × 2^32.
    const kept = `${'0'.repeat(31)}1`;
    const dropped = `${'f'.repeat(8)}${'0'.repeat(24)}`;
    for (const traceId of [kept, dropped, kept]) {
      await tracing.inSpan({ name: 'process news.enriched.v1', kind: 'consumer', traceId }, async () => {});
    }
    await tracing.flush();
    expect(exporter.getFinishedSpans().map((span) => span.spanContext().traceId)).toEqual([kept, kept]);
  });

  it('keeps nothing with always_off, and still hands on a context (unsampled)', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = await createTracing(exporter, { service: 'store', sampler: { name: 'always_off', ratio: 1 } });
    const headers: Record<string, string> = {};
    await tracing.inSpan({ name: 'send news.clean.v1', kind: 'producer', traceId: TRACE }, async () =>
      tracing.inject(headers),
    );
    await tracing.flush();
    expect(exporter.getFinishedSpans()).toEqual([]);
    expect(headers.traceparent).toMatch(new RegExp(`^00-${TRACE}-[0-9a-f]{16}-00$`));
  });
});
