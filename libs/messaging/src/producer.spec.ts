import { exampleEnrichedArticle, MAX_MESSAGE_BYTES, Topics } from '@inkstream/contracts';
import { PermanentError } from '@inkstream/errors';
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
