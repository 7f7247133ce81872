import type { Kafka } from 'kafkajs';
import { ensureTopics } from './topic-admin';

/** An admin whose broker lists a created topic only after `visibleAfter` listings (post-create metadata lag). */
function laggingKafka(visibleAfter: number, failCreates: number) {
  const created = new Set<string>();
  let listings = 0;
  let creates = 0;
  const admin = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    listTopics: async () => {
      listings += 1;
      return listings > visibleAfter ? [...created] : [];
    },
    createTopics: async ({ topics }: { topics: Array<{ topic: string }> }) => {
      creates += 1;
      topics.forEach(({ topic }) => created.add(topic));
      if (creates <= failCreates) throw new Error('This server does not host this topic-partition');
      return true;
    },
  };
  return { kafka: { admin: () => admin } as unknown as Kafka, creates: () => creates };
}

const specs = [{ topic: 't1', numPartitions: 6, replicationFactor: 1 }];

describe('ensureTopics', () => {
  it('retries when the broker answers "does not host this topic-partition" right after creating, and succeeds', async () => {
    const { kafka, creates } = laggingKafka(3, 1);
    await expect(ensureTopics(kafka, specs, async () => undefined)).resolves.toEqual(['t1']);
    expect(creates()).toBeGreaterThan(1);
  });

  it('gives up with the topics named once the attempts are spent', async () => {
    const { kafka } = laggingKafka(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
    await expect(ensureTopics(kafka, specs, async () => undefined)).rejects.toThrow(
      /could not create topics t1: This server does not host/,
    );
  });
});
