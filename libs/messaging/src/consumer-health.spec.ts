import { Topics } from '@inkstream/contracts';
import { ConsumerHealth } from './consumer-health';

function healthAt(start = 0) {
  let now = start;
  const health = new ConsumerHealth({ staleAfterMs: 10_000, now: () => now });
  return { health, advance: (ms: number) => (now += ms) };
}

describe('ConsumerHealth: the consumer status from its events', () => {
  it('is down until the consumer joins its group, then up', () => {
    const { health } = healthAt();
    expect(health.check()).toEqual({ status: 'down', detail: 'joining its group' });
    health.listener({ type: 'joined', memberId: 'm1', leader: true });
    expect(health.check()).toEqual({ status: 'up' });
  });

  it('goes down when heartbeats stop for longer than a session, and up again when they resume', () => {
    const { health, advance } = healthAt();
    health.listener({ type: 'joined', memberId: 'm1', leader: true });
    advance(9_000);
    health.listener({ type: 'heartbeat' });
    advance(9_000);
    expect(health.check().status).toBe('up');
    advance(2_000);
    expect(health.check()).toEqual({ status: 'down', detail: 'no heartbeat for 11 s (broker unreachable?)' });
    health.listener({ type: 'heartbeat' });
    expect(health.check().status).toBe('up');
  });

  it('counts a processed message as a sign of life', () => {
    const { health, advance } = healthAt();
    health.listener({ type: 'joined', memberId: 'm1', leader: false });
    advance(15_000);
    health.listener({
      type: 'processed',
      message: { topic: Topics.rawDocuments, partition: 0, offset: '1' },
      seconds: 0.1,
      attempt: 1,
      holds: 0,
    });
    expect(health.check().status).toBe('up');
  });

  it('is down after a crash, naming it, until the restarted consumer joins again', () => {
    const { health } = healthAt();
    health.listener({ type: 'joined', memberId: 'm1', leader: true });
    health.listener({ type: 'crashed', error: new Error('Connection error: ECONNREFUSED'), restarting: true });
    expect(health.check()).toEqual({
      status: 'down',
      detail: 'consumer crashed (kafkajs is restarting it): Error: Connection error: ECONNREFUSED',
    });
    health.listener({ type: 'joined', memberId: 'm2', leader: true });
    expect(health.check().status).toBe('up');
  });

  it('is down once stopped or disconnected', () => {
    for (const type of ['stopped', 'disconnected'] as const) {
      const { health } = healthAt();
      health.listener({ type: 'joined', memberId: 'm1', leader: true });
      health.listener({ type });
      expect(health.check().status).toBe('down');
    }
  });

  it('stays up through a short rebalance, saying so', () => {
    const { health } = healthAt();
    health.listener({ type: 'joined', memberId: 'm1', leader: true });
    health.listener({ type: 'rebalancing' });
    expect(health.check()).toEqual({ status: 'up', detail: 'rebalancing' });
  });
});
