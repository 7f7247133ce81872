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
