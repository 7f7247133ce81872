import { loadKafkaSecurity, type Env, type KafkaSecurity } from '@inkstream/config';
import { exampleRawDocument, Topics, withPrefix, type TopicName } from '@inkstream/contracts';
import {
  createKafka,
  ensureTopics,
  explainKafkaConnectionError,
  PipelineConsumer,
  PipelineProducer,
  type MessageHandler,
} from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSecureKafka, uniqueName, waitFor, type SecureKafka } from '../src';

// The clients of every service and of the CLI are built by createKafka from the KAFKA_SECURITY_PROTOCOL and
// KAFKA_SASL_* / KAFKA_SSL_* variables (loadKafkaSecurity). Here they meet a real broker of this file's own that
// listens with SASL_SSL and mutual TLS on certificates made for it: a raw document goes out through the pipeline
// producer and comes back through the pipeline consumer, topics created by the same client's admin; a wrong
// password and a CA that did not sign the broker fail with errors that say so.
describe('Kafka TLS and SASL (real broker with SASL_SSL and mutual TLS listeners)', () => {
  const logger = createLogger('kafka-security-test', 'silent');
  const users = [{ username: 'inkstream', password: 'inkstream-secret' }];
  let broker: SecureKafka;

  beforeAll(async () => {
    broker = await startSecureKafka(users);
  }, 180_000);

  afterAll(async () => {
    await broker?.stop();
  });

  /** What a service would read from its environment; a password file as a mounted Secret would be. */
  const securityFrom = (env: Env): KafkaSecurity => loadKafkaSecurity(env);

  async function roundTrip(label: string, brokers: string[], security: KafkaSecurity): Promise<string[]> {
    const prefix = `${uniqueName(label)}.`;
    const kafka = createKafka({ clientId: label, brokers, logger, security });
    await ensureTopics(kafka, [
      { topic: withPrefix(prefix, Topics.rawDocuments), numPartitions: 1, replicationFactor: 1 },
    ]);
    const producer = new PipelineProducer(kafka, prefix);
    await producer.connect();
    const received: string[] = [];
    const handler: MessageHandler<typeof Topics.rawDocuments> = async (message) => {
      received.push(message.value.id);
    };
    const consumer = new PipelineConsumer({
      kafka,
      group: `inkstream.${label}`,
      topicPrefix: prefix,
      handlers: new Map([[Topics.rawDocuments, handler as unknown as MessageHandler<TopicName>]]),
      producer,
      retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 50 },
      partitionsConsumedConcurrently: 1,
      logger,
    });
    try {
      await producer.publish(Topics.rawDocuments, exampleRawDocument({ id: `raw_${label}` }));
      await consumer.start();
      await waitFor(() => received.length > 0, {
        timeoutMs: 60_000,
        description: `the raw document back over ${security.protocol}`,
      });
      return received;
    } finally {
      await consumer.stop();
      await producer.disconnect();
    }
  }

  /** The error an admin connection ends with (few retries: these failures do not heal), as services report it. */
  async function connectError(brokers: string[], security: KafkaSecurity): Promise<string> {
    const admin = createKafka({ clientId: 'kafka-security-fail', brokers, logger, security, failFast: true }).admin();
    try {
      await admin.connect();
      await admin.listTopics();
    } catch (error) {
      return (explainKafkaConnectionError(error, brokers, security) as Error).message;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    throw new Error('connected');
  }

  it('produces and consumes with SCRAM-SHA-512 over TLS, the password read from a file', async () => {
    const passwordFile = join(broker.certificates.caFile, '..', 'password');
    writeFileSync(passwordFile, 'inkstream-secret\n');
    const security = securityFrom({
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'inkstream',
      KAFKA_SASL_PASSWORD_FILE: passwordFile,
      KAFKA_SSL_CA_FILE: broker.certificates.caFile,
    });
    expect(await roundTrip('scram', broker.saslSslBrokers, security)).toEqual(['raw_scram']);
  });

  it('produces and consumes with PLAIN over TLS', async () => {
    const security = securityFrom({
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_SASL_MECHANISM: 'PLAIN',
      KAFKA_SASL_USERNAME: 'inkstream',
      KAFKA_SASL_PASSWORD: 'inkstream-secret',
      KAFKA_SSL_CA_FILE: broker.certificates.caFile,
    });
    expect(await roundTrip('plain', broker.saslSslBrokers, security)).toEqual(['raw_plain']);
  });

  it('produces and consumes with a client certificate (mutual TLS)', async () => {
    const security = securityFrom({
      KAFKA_SECURITY_PROTOCOL: 'SSL',
      KAFKA_SSL_CA_FILE: broker.certificates.caFile,
      KAFKA_SSL_CERT_FILE: broker.certificates.clientCertFile,
      KAFKA_SSL_KEY_FILE: broker.certificates.clientKeyFile,
    });
    expect(await roundTrip('mtls', broker.mtlsBrokers, security)).toEqual(['raw_mtls']);
  });

  it('fails a wrong password with an authentication error naming the mechanism', async () => {
    const message = await connectError(
      broker.saslSslBrokers,
      securityFrom({
        KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
        KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
        KAFKA_SASL_USERNAME: 'inkstream',
        KAFKA_SASL_PASSWORD: 'wrong-secret',
        KAFKA_SSL_CA_FILE: broker.certificates.caFile,
      }),
    );
    expect(message).toMatch(
      new RegExp(
        `^cannot connect to Kafka at ${broker.saslSslBrokers[0]} over SASL_SSL SCRAM-SHA-512 as inkstream: the broker ` +
          'refused user "inkstream" with SCRAM-SHA-512: check KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD .*' +
          '\\(SASL SCRAM SHA512 authentication failed',
      ),
    );
  });

  it('fails a broker certificate from an unknown CA with a TLS verification error', async () => {
    const message = await connectError(
      broker.saslSslBrokers,
      securityFrom({
        KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
        KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
        KAFKA_SASL_USERNAME: 'inkstream',
        KAFKA_SASL_PASSWORD: 'inkstream-secret',
        KAFKA_SSL_CA_FILE: broker.certificates.otherCaFile,
      }),
    );
    expect(message).toMatch(
      /: the broker's TLS certificate is not signed by the CA in KAFKA_SSL_CA_FILE \(Connection error: .*certificate/,
    );
  });

  it('fails mutual TLS without a client certificate, naming the variables to set', async () => {
    const message = await connectError(
      broker.mtlsBrokers,
      securityFrom({ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CA_FILE: broker.certificates.caFile }),
    );
    expect(message).toMatch(
      /over SSL: the broker wants a client certificate: set KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE/,
    );
  });
});
