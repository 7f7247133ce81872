import { createKafka } from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import { createTopics, serviceTestEnv } from '@inkstream/testing';
import type { Kafka, Producer } from 'kafkajs';
import { scanPartitions } from '../src/topics/partition-scan';

describe('scanPartitions: bounded reads of a partition (real Kafka)', () => {
  const { kafkaBrokers, prefix } = serviceTestEnv('partition-scan');
  const topic = `${prefix}scan`;
  let kafka: Kafka;
  let producer: Producer;
  const everything = { maxMatches: 100, maxScanned: 100, deadlineMs: 20_000 };

  beforeAll(async () => {
    kafka = createKafka({
      clientId: 'partition-scan-test',
      brokers: kafkaBrokers,
      logger: createLogger('test', 'warn'),
    });
    await createTopics(kafkaBrokers, [{ topic, numPartitions: 2 }]);
    producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [1, 2, 3, 4, 5].map((n) => ({
        partition: 0,
        key: `k${n}`,
        value: JSON.stringify({ n }),
        headers: { tag: n % 2 ? 'odd' : 'even' },
      })),
    });
  });

  afterAll(async () => {
    await producer?.disconnect();
  });

  it('reads a range to its end and says where to continue', async () => {
    const result = await scanPartitions(kafka, topic, [{ partition: 0, start: 1n, end: 5n }], () => true, everything);
    expect(result.matches.map((m) => m.key?.toString())).toEqual(['k2', 'k3', 'k4', 'k5']);
    expect(result.matches[0].headers).toEqual({ tag: 'even' });
    expect(result).toMatchObject({ scanned: 4, stoppedBecause: 'end' });
    expect(result.next.get(0)).toBe(5n);
  });

  it('stops at a full page of matches, or after reading its most, wherever the matches are', async () => {
    const even = (m: { headers: Record<string, string> }) => m.headers.tag === 'even';
    const page = await scanPartitions(kafka, topic, [{ partition: 0, start: 0n, end: 5n }], even, {
      ...everything,
      maxMatches: 1,
    });
    expect(page.matches.map((m) => m.offset)).toEqual(['1']);
    expect(page).toMatchObject({ scanned: 2, stoppedBecause: 'matches' });
    expect(page.next.get(0)).toBe(2n);

    const bounded = await scanPartitions(kafka, topic, [{ partition: 0, start: 0n, end: 5n }], () => false, {
      ...everything,
      maxScanned: 3,
    });
    expect(bounded).toMatchObject({ matches: [], scanned: 3, stoppedBecause: 'scan-limit' });
    expect(bounded.next.get(0)).toBe(3n);
  });

  it('gives up at its deadline, group join included, and reads nothing for an empty range', async () => {
    const late = await scanPartitions(kafka, topic, [{ partition: 0, start: 0n, end: 5n }], () => true, {
      ...everything,
      deadlineMs: 1,
    });
    expect(late.stoppedBecause).toBe('deadline');
    expect(late.next.get(0)).toBe(BigInt(late.scanned));

    const empty = await scanPartitions(kafka, topic, [{ partition: 1, start: 0n, end: 0n }], () => true, everything);
    expect(empty).toMatchObject({ matches: [], scanned: 0, stoppedBecause: 'end' });
  });
});
