import { exampleEnrichedArticle, MAX_MESSAGE_BYTES, Topics } from '@inkstream/contracts';
import { PermanentError } from '@inkstream/errors';
import { createTracing } from '@inkstream/observability';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { CompressionTypes, type Kafka, type ProducerBatch } from 'kafkajs';
import { PipelineProducer } from './producer';

/** A Kafka client whose producer records what it is asked to send (the wire itself is covered by the int tests). */
function recordingKafka(): { kafka: Kafka; sent: ProducerBatch[] } {
  const sent: ProducerBatch[] = [];
  const producer = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    sendBatch: async (batch: ProducerBatch) => {
      sent.push(batch);
      return [];
    },
  };
  return { kafka: { producer: () => producer } as unknown as Kafka, sent };
}

const record = { key: 'k', value: 'v', headers: {} };

describe('PipelineProducer compression (KAFKA_COMPRESSION)', () => {
  it('sends uncompressed batches by default', async () => {
    const { kafka, sent } = recordingKafka();
    await new PipelineProducer(kafka, '').sendRaw('news.raw.v1', [record]);
    expect(sent).toEqual([expect.objectContaining({ compression: CompressionTypes.None, acks: -1 })]);
  });

  it('gzips every batch when asked to', async () => {
    const { kafka, sent } = recordingKafka();
    const producer = new PipelineProducer(kafka, '', undefined, { compression: 'gzip' });
    await producer.sendRaw('news.raw.v1', [record]);
    await producer.sendRaw('news.dead-letter.v1', [record, record]);
    expect(sent.map((batch) => batch.compression)).toEqual([CompressionTypes.GZIP, CompressionTypes.GZIP]);
  });
});

describe('PipelineProducer size limit (MAX_MESSAGE_BYTES)', () => {
  it('refuses an output over the limit before sending anything of the call, as a permanent error', async () => {
    const { kafka, sent } = recordingKafka();
    const producer = new PipelineProducer(kafka, '');
    const big = exampleEnrichedArticle({ id: 'art_big', body: '12.5% '.repeat(MAX_MESSAGE_BYTES / 6) });
    const failure = await producer
      .publish(Topics.enrichedArticles, [exampleEnrichedArticle({ id: 'art_small' }), big])
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PermanentError);
    expect((failure as Error).message).toMatch(
      new RegExp(
        `news\\.enriched\\.v1 message \\(2 of 2\\) with key art_big would be \\d+ bytes .*limit of ${MAX_MESSAGE_BYTES}`,
      ),
    );
    expect(sent).toHaveLength(0);
  });

  it('sends an output under the limit', async () => {
    const { kafka, sent } = recordingKafka();
    await new PipelineProducer(kafka, '').publish(Topics.enrichedArticles, exampleEnrichedArticle());
    expect(sent).toHaveLength(1);
  });
});

describe('PipelineProducer trace context (traceparent)', () => {
  const TRACE = exampleEnrichedArticle().traceId;

  it('adds no trace headers when the service does not trace', async () => {
    const { kafka, sent } = recordingKafka();
    await new PipelineProducer(kafka, '').publish(Topics.enrichedArticles, exampleEnrichedArticle());
    expect(Object.keys(sent[0].topicMessages?.[0].messages[0].headers ?? {})).not.toContain('traceparent');
  });

  it("sends each message with the traceparent of its send span, in the message's own trace", async () => {
    const { kafka, sent } = recordingKafka();
    const exporter = new InMemorySpanExporter();
    const tracing = await createTracing(exporter, { service: 'enricher' });
    const other = '0af7651916cd43dd8448eb211c80319c';
    await new PipelineProducer(kafka, 'p.', undefined, { tracing }).publish(Topics.enrichedArticles, [
      exampleEnrichedArticle({ id: 'art_1' }),
      exampleEnrichedArticle({ id: 'art_2' }),
      exampleEnrichedArticle({ id: 'art_3', traceId: other }),
    ]);
    await tracing.flush();
    const spans = exporter.getFinishedSpans();
    const messages = sent.flatMap((batch) => batch.topicMessages?.flatMap((topic) => topic.messages) ?? []);
    const parents = messages.map((message) => String(message.headers?.traceparent).split('-'));
    const spanIn = (trace: string) => spans.find((span) => span.spanContext().traceId === trace);
    expect(spans.map((span) => span.name)).toEqual(['send news.enriched.v1', 'send news.enriched.v1']);
    expect(spanIn(TRACE)?.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.operation.type': 'send',
      'messaging.destination.name': 'p.news.enriched.v1',
      'messaging.batch.message_count': 2,
    });
    expect(parents).toEqual([
      ['00', TRACE, spanIn(TRACE)?.spanContext().spanId, '01'],
      ['00', TRACE, spanIn(TRACE)?.spanContext().spanId, '01'],
      ['00', other, spanIn(other)?.spanContext().spanId, '01'],
    ]);
  });
});
