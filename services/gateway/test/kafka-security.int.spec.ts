import { Topics } from '@inkstream/contracts';
import { startSecureKafka, waitFor, type SecureKafka } from '@inkstream/testing';
import { call, startGateway, type TestGateway } from './support';

// The gateway as deployed against a SASL_SSL listener (Strimzi's `tls` listener with SCRAM-SHA-512, Aiven, MSK):
// runService builds its one Kafka client from KAFKA_SECURITY_PROTOCOL and KAFKA_SASL_* / KAFKA_SSL_*, so the topic
// creation at startup, the producer and the admin client behind /api/stats all go over TLS with SCRAM. The broker
// is this file's own (libs/testing startSecureKafka); MongoDB is the shared test stack's.
describe('gateway on a SASL_SSL broker (SCRAM-SHA-512 over TLS)', () => {
  let broker: SecureKafka;
  let gateway: TestGateway | undefined;

  beforeAll(async () => {
    broker = await startSecureKafka([{ username: 'inkstream', password: 'gateway-secret' }]);
  }, 180_000);

  afterAll(async () => {
    await gateway?.service.stop();
    await broker?.stop();
  });

  const secureEnv = (password: string) => ({
    KAFKA_BROKERS: broker.saslSslBrokers.join(','),
    KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
    KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
    KAFKA_SASL_USERNAME: 'inkstream',
    KAFKA_SASL_PASSWORD: password,
    KAFKA_SSL_CA_FILE: broker.certificates.caFile,
    // kafkajs logs the refused login and a fresh broker's "coordinator loading" retries; the assertions say enough.
    LOG_LEVEL: 'fatal',
  });

  it('starts, creates its topics and reads their offsets through the admin client', async () => {
    gateway = await startGateway('gateway-sasl', secureEnv('gateway-secret'));
    const { url } = gateway;
    const health = await call(`${url}/health`);
    expect(health.status).toBe(200);
    // /api/stats answers within its bound whatever Kafka does; on a busy machine the first TLS and SCRAM handshakes
    // of the admin client may take longer than that bound, so wait for a snapshot with the offsets read.
    const body = await waitFor(
      async () => {
        const stats = await call<{ unreachable: Record<string, string>; topics: Array<{ topic: string }> }>(
          `${url}/api/stats`,
        );
        expect(stats.status).toBe(200);
        return Object.keys(stats.body.unreachable).length === 0 ? stats.body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 1_000, description: 'a stats snapshot with the offsets read over SASL_SSL' },
    );
    expect(body.topics.map((topic) => topic.topic)).toContain(Topics.rawDocuments);
  });

  it('refuses to start with a wrong password, naming the broker, the user and the variables to check', async () => {
    await expect(startGateway('gateway-sasl-refused', secureEnv('wrong-secret'))).rejects.toThrow(
      new RegExp(
        `^cannot connect to Kafka at ${broker.saslSslBrokers[0]} over SASL_SSL SCRAM-SHA-512 as inkstream: .*` +
          'KAFKA_SASL_PASSWORD',
      ),
    );
  });
});
