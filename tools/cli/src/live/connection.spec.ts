import { ConfigError } from '@inkstream/config';
import { connectionFromEnv, CONNECTION_HELP } from './connection';

describe('connectionFromEnv', () => {
  it('reads the Kafka security variables as the services do', () => {
    expect(
      connectionFromEnv({
        KAFKA_BROKERS: 'kafka.example.com:9096',
        KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
        KAFKA_SASL_MECHANISM: 'PLAIN',
        KAFKA_SASL_USERNAME: 'key',
        KAFKA_SASL_PASSWORD: 'secret',
      }),
    ).toEqual({
      brokers: ['kafka.example.com:9096'],
      topicPrefix: '',
      security: { protocol: 'SASL_SSL', tls: {}, sasl: { mechanism: 'PLAIN', username: 'key', password: 'secret' } },
    });
  });

  it('refuses an incomplete setting with the variable named', () => {
    expect(() => connectionFromEnv({ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL' })).toThrow(ConfigError);
    expect(() => connectionFromEnv({ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL' })).toThrow(/KAFKA_SASL_USERNAME: required/);
    // Both kinds of problem in one message, so one edit of the environment fixes them.
    expect(() => connectionFromEnv({ KAFKA_BROKERS: 'nohost', KAFKA_SECURITY_PROTOCOL: 'TLS' })).toThrow(
      /KAFKA_BROKERS: .*\n.*KAFKA_SECURITY_PROTOCOL: /,
    );
  });

  it('is named in the help', () => {
    expect(CONNECTION_HELP).toMatch(/KAFKA_SECURITY_PROTOCOL +PLAINTEXT \(default\), SSL, SASL_PLAINTEXT or SASL_SSL/);
  });
});
