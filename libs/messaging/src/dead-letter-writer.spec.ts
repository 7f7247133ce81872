import { DeadLetterHeaders, MAX_HEADER_BYTES, Topics } from '@inkstream/contracts';
import { DependencyUnavailableError, PermanentError } from '@inkstream/errors';
import { ConsumerEvents, type ConsumerEvent } from './consumer-events';
import { DeadLetterWriter, deadLetterRecord, type DeadLetter } from './dead-letter-writer';
import type { PipelineProducer, RawRecord } from './producer';

const letter: DeadLetter = {
  message: { topic: Topics.rawDocuments, partition: 2, offset: '41', traceId: 't1' },
  key: 'k',
  value: Buffer.from('{"broken":'),
  headers: { 'x-original': 'kept' },
  kind: 'invalid-message',
  error: new Error('malformed JSON'),
  attempts: 0,
};

function writerWith(failures: unknown[]) {
  const sent: Array<{ topic: string; records: RawRecord[] }> = [];
  const producer = {
    sendRaw: async (topic: string, records: RawRecord[]) => {
      const failure = failures.shift();
      if (failure) throw failure;
      sent.push({ topic, records });
    },
  } as unknown as PipelineProducer;
  const events = new ConsumerEvents();
  const seen: ConsumerEvent[] = [];
  events.subscribe((event) => seen.push(event));
  const retry = { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 1 };
  const writer = new DeadLetterWriter({ producer, topicPrefix: 'p.', group: 'inkstream.test', retry, events });
  return { writer, sent, seen };
}

describe('deadLetterRecord', () => {
  it('keeps key, payload and headers, and says what failed, where, when and how often', () => {
    const record = deadLetterRecord(letter, 'inkstream.test', new Date('2026-01-02T03:04:05.000Z'));
    expect(record.key).toBe('k');
    expect(record.value).toBe(letter.value);
    expect(record.headers).toMatchObject({
      'x-original': 'kept',
      [DeadLetterHeaders.error]: 'Error: malformed JSON',
      [DeadLetterHeaders.errorKind]: 'invalid-message',
      [DeadLetterHeaders.originalTopic]: Topics.rawDocuments,
      [DeadLetterHeaders.originalPartition]: '2',
      [DeadLetterHeaders.originalOffset]: '41',
      [DeadLetterHeaders.attempts]: '0',
      [DeadLetterHeaders.consumerGroup]: 'inkstream.test',
      [DeadLetterHeaders.failedAt]: '2026-01-02T03:04:05.000Z',
    });
  });
});

describe('DeadLetterWriter', () => {
  const go = async () => true;

  it('writes to the dead-letter topic of the topic and group, and says so', async () => {
    const { writer, sent, seen } = writerWith([]);
    await expect(writer.write(letter, go)).resolves.toBe('done');
    expect(sent[0].topic).toBe(`p.${Topics.rawDocuments}.inkstream.test.dlq`);
    expect(seen).toEqual([
      expect.objectContaining({ type: 'dead-lettered', kind: 'invalid-message', payloadDropped: false }),
    ]);
  });

  it('waits through an outage of the dead-letter topic instead of losing the letter', async () => {
    const { writer, sent, seen } = writerWith([
      new DependencyUnavailableError('no broker'),
      new DependencyUnavailableError('no broker'),
    ]);
    await expect(writer.write(letter, go)).resolves.toBe('done');
    expect(sent).toHaveLength(1);
    expect(seen.map((event) => event.type)).toEqual(['dead-letter-waiting', 'dead-letter-waiting', 'dead-lettered']);
  });

  it('stops waiting when the consumer stops: the message stays unresolved and is redelivered', async () => {
    const { writer, sent } = writerWith([new DependencyUnavailableError('no broker')]);
    await expect(writer.write(letter, async () => false)).resolves.toBe('interrupted');
    expect(sent).toHaveLength(0);
  });

  it('drops the payload of a letter Kafka refuses for good, keeping the headers that locate the original', async () => {
    const { writer, sent, seen } = writerWith([new PermanentError('MESSAGE_TOO_LARGE')]);
    await expect(writer.write(letter, go)).resolves.toBe('done');
    expect(sent[0].records[0].value).toBeNull();
    expect(sent[0].records[0].headers[DeadLetterHeaders.payloadDropped]).toBe('true');
    expect(seen).toEqual([expect.objectContaining({ type: 'dead-lettered', payloadDropped: true })]);
  });

  it('drops an oversized original header with the payload when Kafka refuses the letter', async () => {
    const { writer, sent } = writerWith([new PermanentError('MESSAGE_TOO_LARGE')]);
    const bulky = { ...letter, headers: { 'x-small': 'kept', 'x-notes': 'x'.repeat(MAX_HEADER_BYTES + 1) } };
    await expect(writer.write(bulky, go)).resolves.toBe('done');
    expect(sent[0].records[0].headers['x-small']).toBe('kept');
    expect(sent[0].records[0].headers['x-notes']).toBeUndefined();
    expect(sent[0].records[0].headers[DeadLetterHeaders.originalOffset]).toBe('41');
  });

  it('lets an unexpected error through (a bug is not hidden behind a retry loop)', async () => {
    const bug = new TypeError('x is undefined');
    const { writer } = writerWith([bug]);
    await expect(writer.write(letter, go)).rejects.toBe(bug);
  });
});
