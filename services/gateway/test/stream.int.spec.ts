import { Topics, type CleanArticle } from '@inkstream/contracts';
import { createKafka, PipelineProducer } from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import { parseEventId } from '../src/stream/event-id';
import { SseClient, type SseEvent } from './sse-client';
import { article, call, cleanFrom, startGateway, type TestGateway } from './support';

/** Which partition each event advanced, from the difference between its id and the previous one. */
function partitionsOf(events: SseEvent[], start: Map<number, bigint>): number[] {
  let previous = start;
  return events.map((event) => {
    const current = parseEventId(event.id ?? '');
    const advanced = [...current].filter(([partition, offset]) => previous.get(partition) !== offset);
    // Without filters every event is the next message of exactly one partition: no gap within a partition.
    expect(advanced).toHaveLength(1);
    expect(advanced[0][1]).toBe((previous.get(advanced[0][0]) ?? 0n) + 1n);
    previous = current;
    return advanced[0][0];
  });
}

const quiet = createLogger('test', 'warn');
const articleIds = (events: SseEvent[]) => events.map((event) => (JSON.parse(event.data) as CleanArticle).id);

describe('live stream of clean articles (SSE, real Kafka)', () => {
  let gateway: TestGateway;
  let producer: PipelineProducer;
  const open: SseClient[] = [];
  const connect = async (query = '', headers: Record<string, string> = {}) => {
    const client = await SseClient.open(`${gateway.url}/api/stream${query}`, headers);
    open.push(client);
    return client;
  };
  const publish = (ids: string[], sourceId = 'src-a') =>
    producer.publish(
      Topics.cleanArticles,
      ids.map((id) => cleanFrom(article({ id, sourceId }))),
    );

  beforeAll(async () => {
    gateway = await startGateway('gateway-stream', { GATEWAY_STREAM_HEARTBEAT_MS: '300' });
    producer = new PipelineProducer(
      createKafka({ clientId: 'gateway-stream-test', brokers: gateway.brokers, logger: quiet }),
      gateway.prefix,
    );
    await producer.connect();
  });

  afterAll(async () => {
    for (const client of open) client.cut();
    await gateway?.service.stop();
    await producer?.disconnect();
  });

  it('delivers articles published after connecting, in partition order, each once, with heartbeats', async () => {
    const client = await connect();
    expect(client.response.headers['content-type']).toMatch(/^text\/event-stream/);
    const ids = ['s1', 's2', 's3', 's4', 's5', 's6'].map((id) => `art_${id}`);
    await publish(ids);
    await client.until(() => client.events.length >= ids.length);
    await client.until(() => client.comments.includes('heartbeat'));

    expect(client.events.every((event) => event.event === 'article')).toBe(true);
    const received = articleIds(client.events);
    expect([...received].sort()).toEqual([...ids].sort());
    // Order: within a partition, events come in the order the articles were published.
    // The topic is new (its own prefix): the stream started at offset 0 of both partitions.
    const partitions = partitionsOf(
      client.events,
      new Map([
        [0, 0n],
        [1, 0n],
      ]),
    );
    for (const partition of new Set(partitions)) {
      const inPartition = received.filter((_, index) => partitions[index] === partition);
      expect(inPartition).toEqual(ids.filter((id) => inPartition.includes(id)));
    }
  });

  it('resumes after a forced disconnect with Last-Event-ID: no gap, no repeat', async () => {
    const before = await connect();
    const first = Array.from({ length: 8 }, (_, index) => `art_t${index + 1}`);
    await publish(first);
    await before.until(() => before.events.length >= 3);
    before.cut();
    // Whatever came after the third event counts as lost in transit (sent by the gateway, never processed by the
    // client): the resume has to deliver it again, exactly once.
    const seen = before.events.slice(0, 3);
    const lastId = seen[seen.length - 1].id as string;

    // Published while the client is away.
    const second = Array.from({ length: 4 }, (_, index) => `art_t${index + 9}`);
    await publish(second);

    const after = await connect('', { 'Last-Event-ID': lastId });
    const all = [...first, ...second];
    await after.until(() => seen.length + after.events.length >= all.length);
    const received = [...articleIds(seen), ...articleIds(after.events)];
    expect(received).toHaveLength(all.length);
    expect([...received].sort()).toEqual([...all].sort());
    // The resumed events continue each partition exactly where the last received id left off.
    partitionsOf(after.events, parseEventId(lastId));
  });

  it('applies the article filters to the stream', async () => {
    const client = await connect('?source=src-wanted');
    await publish(['art_u1'], 'src-other');
    await publish(['art_u2', 'art_u3'], 'src-wanted');
    await client.until(() => client.events.length >= 2);
    expect(articleIds(client.events).sort()).toEqual(['art_u2', 'art_u3']);
  });

  it('refuses a malformed Last-Event-ID and unknown parameters with 400', async () => {
    expect((await connect('', { 'Last-Event-ID': 'yesterday' })).response.statusCode).toBe(400);
    expect((await call(`${gateway.url}/api/stream?limit=5`)).status).toBe(400);
  });
  it('ends open streams on shutdown so the gateway can stop', async () => {
    const client = await connect();
    const ended = new Promise<void>((resolve) => client.response.once('end', () => resolve()));
    // One client hangs up just before the shutdown: its consumer is still leaving its group when stop() begins.
    (await connect()).cut();
    await gateway.service.stop();
    await ended;
    // stop() returned: every live-stream consumer has left its group (none is left running past the gateway).
    const admin = createKafka({ clientId: 'gateway-stream-check', brokers: gateway.brokers, logger: quiet }).admin();
    await admin.connect();
    try {
      const streamGroups = (await admin.listGroups()).groups
        .map((group) => group.groupId)
        .filter((groupId) => groupId.startsWith(`${gateway.prefix}inkstream.gateway.stream.`));
      expect(streamGroups.length).toBeGreaterThan(0);
      const { groups } = await admin.describeGroups(streamGroups);
      expect(groups.filter((group) => group.members.length > 0).map((group) => group.groupId)).toEqual([]);
    } finally {
      await admin.disconnect();
    }
  });
});
