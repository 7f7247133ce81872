import { resolveDataDir, resolvePorts, stackPaths } from './config';
import { kafkaServerProperties, newClusterId, renderProperties } from './kafka';

describe('embedded stack config', () => {
  it('takes ports from options first, then env vars, then defaults', () => {
    expect(resolvePorts({}, {})).toEqual({ kafka: 9092, controller: 9093, mongo: 27017, postgres: 55432 });
    expect(resolvePorts({ kafkaPort: 1000 }, { INKSTREAM_KAFKA_PORT: '2000', INKSTREAM_MONGO_PORT: '3000' })).toEqual({
      kafka: 1000,
      controller: 9093,
      mongo: 3000,
      postgres: 55432,
    });
  });

  it('rejects invalid or clashing ports, naming the env var', () => {
    expect(() => resolvePorts({}, { INKSTREAM_MONGO_PORT: 'abc' })).toThrow('INKSTREAM_MONGO_PORT');
    expect(() => resolvePorts({ kafkaPort: 9093 }, {})).toThrow('must differ');
  });

  it('resolves the data dir from the option, then INKSTREAM_STACK_DIR', () => {
    expect(resolveDataDir('/tmp/a', { INKSTREAM_STACK_DIR: '/tmp/b' })).toBe('/tmp/a');
    expect(resolveDataDir(undefined, { INKSTREAM_STACK_DIR: '/tmp/b' })).toBe('/tmp/b');
    expect(resolveDataDir(undefined, {})).toMatch(/\.cache\/stack$/);
  });

  it('configures a single KRaft node that never auto-creates topics', () => {
    const text = renderProperties(
      kafkaServerProperties(stackPaths('/data'), { kafka: 1111, controller: 2222, mongo: 3333, postgres: 4444 }),
    );
    expect(text).toContain('process.roles=broker,controller\n');
    expect(text).toContain('controller.quorum.voters=1@127.0.0.1:2222\n');
    expect(text).toContain('advertised.listeners=PLAINTEXT://127.0.0.1:1111\n');
    expect(text).toContain('auto.create.topics.enable=false\n');
    expect(text).toContain('offsets.topic.num.partitions=1\n');
    expect(text).toContain('group.initial.rebalance.delay.ms=0\n');
    expect(text).toContain('log.dirs=/data/kafka/data\n');
  });

  it('makes cluster ids Kafka accepts (22 URL-safe base64 chars, no leading dash)', () => {
    for (let i = 0; i < 200; i++) expect(newClusterId()).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  });
});
