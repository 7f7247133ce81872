import { resolveDataDir, resolvePorts, stackPaths } from './config';
import { kafkaServerProperties, newClusterId, renderProperties } from './kafka';
import { scramFormatArgs } from './kafka-secure-listeners';

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

describe('secure Kafka listeners', () => {
  const secure = {
    saslSslPort: 7001,
    mtlsPort: 7002,
    keystoreFile: '/certs/broker.p12',
    keystorePassword: 'store-pass',
    truststoreFile: '/certs/ca.pem',
    users: [{ username: 'alice', password: 'alice-secret' }],
  };

  it('adds SASL_SSL and mutual-TLS listeners, PLAIN users, and SCRAM credentials stored at format', () => {
    const properties = kafkaServerProperties(
      stackPaths('/data'),
      { kafka: 7000, controller: 7003, mongo: 7004, postgres: 7005 },
      secure,
    );
    expect(properties['advertised.listeners']).toBe(
      'PLAINTEXT://127.0.0.1:7000,SASL_SSL://127.0.0.1:7001,SSL://127.0.0.1:7002',
    );
    expect(properties['listener.name.ssl.ssl.client.auth']).toBe('required');
    expect(properties['listener.name.sasl_ssl.plain.sasl.jaas.config']).toBe(
      'org.apache.kafka.common.security.plain.PlainLoginModule required user_alice="alice-secret";',
    );
    expect(scramFormatArgs(secure.users)).toEqual([
      '--add-scram',
      'SCRAM-SHA-256=[name=alice,password=alice-secret]',
      '--add-scram',
      'SCRAM-SHA-512=[name=alice,password=alice-secret]',
    ]);
  });

  it('refuses a user it would have to escape', () => {
    expect(() => scramFormatArgs([{ username: 'bob', password: 'a"b' }])).toThrow('must match');
  });
});
