import { PLAINTEXT_KAFKA, type KafkaSecurity } from '@inkstream/config';
import { DependencyUnavailableError } from '@inkstream/errors';
import { explainKafkaConnectionError } from './connection-errors';

const brokers = ['kafka-1:9093', 'kafka-2:9093'];
const scram: KafkaSecurity = {
  protocol: 'SASL_SSL',
  tls: {},
  sasl: { mechanism: 'SCRAM-SHA-512', username: 'inkstream', password: 'secret' },
};

/** kafkajs' shape: retries exceeded, caused by the connection error, which carries Node's TLS code. */
function kafkajsError(name: string, message: string, code?: string): Error {
  const inner = Object.assign(new Error(message), { name, code });
  return Object.assign(new Error(message), { name: 'KafkaJSNumberOfRetriesExceeded', cause: inner });
}

const explained = (error: unknown, security: KafkaSecurity) =>
  (explainKafkaConnectionError(error, brokers, security) as Error).message;

describe('explainKafkaConnectionError', () => {
  it('names the user, the mechanism and the variables for a refused password, and never the password', () => {
    const message = explained(
      Object.assign(new Error('SASL SCRAM SHA512 authentication failed: invalid credentials'), {
        name: 'KafkaJSSASLAuthenticationError',
      }),
      scram,
    );
    expect(message).toBe(
      'cannot connect to Kafka at kafka-1:9093,kafka-2:9093 over SASL_SSL SCRAM-SHA-512 as inkstream: the broker ' +
        'refused user "inkstream" with SCRAM-SHA-512: check KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD (or ' +
        'KAFKA_SASL_PASSWORD_FILE) and KAFKA_SASL_MECHANISM (SASL SCRAM SHA512 authentication failed: invalid credentials)',
    );
    expect(message).not.toContain('secret');
  });

  it('points at KAFKA_SSL_CA_FILE for a certificate no trusted CA signed, set or not', () => {
    const untrusted = kafkajsError(
      'KafkaJSConnectionError',
      'Connection error: self-signed certificate in certificate chain',
      'SELF_SIGNED_CERT_IN_CHAIN',
    );
    expect(explained(untrusted, { ...scram, tls: { ca: 'PEM' } })).toContain(
      "the broker's TLS certificate is not signed by the CA in KAFKA_SSL_CA_FILE (Connection error: self-signed",
    );
    expect(explained(untrusted, scram)).toContain('not signed by a CA this system trusts: set KAFKA_SSL_CA_FILE');
  });

  it('says a mutual-TLS listener wants a client certificate, and a wrong host or an expired certificate', () => {
    const ssl: KafkaSecurity = { protocol: 'SSL', tls: {}, sasl: null };
    const badCertificate = kafkajsError(
      'KafkaJSConnectionError',
      'alert bad certificate',
      'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
    );
    expect(explained(badCertificate, ssl)).toMatch(
      /^cannot connect to Kafka at .* over SSL: the broker wants a client certificate: set KAFKA_SSL_CERT_FILE/,
    );
    expect(explained(kafkajsError('KafkaJSConnectionError', 'altname', 'ERR_TLS_CERT_ALTNAME_INVALID'), ssl)).toContain(
      'does not name the host in KAFKA_BROKERS',
    );
    expect(explained(kafkajsError('KafkaJSConnectionError', 'expired', 'CERT_HAS_EXPIRED'), ssl)).toContain('expired');
  });

  it('calls no broker answering an outage to wait out, naming the brokers, with the error as its cause', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH']) {
      const refused = kafkajsError('KafkaJSConnectionError', `Connection error: connect ${code}`, code);
      const explainedError = explainKafkaConnectionError(refused, brokers, PLAINTEXT_KAFKA);
      expect(explainedError).toBeInstanceOf(DependencyUnavailableError);
      expect((explainedError as Error).message).toBe(
        `cannot connect to Kafka at kafka-1:9093,kafka-2:9093 over PLAINTEXT: no broker answered (Connection error: connect ${code})`,
      );
      expect((explainedError as Error).cause).toBe(refused);
    }
  });

  it('returns an error it has nothing to add to as it is: a broker host that does not resolve is not an outage', () => {
    const unknownHost = kafkajsError('KafkaJSConnectionError', 'getaddrinfo ENOTFOUND kafka-1', 'ENOTFOUND');
    expect(explainKafkaConnectionError(unknownHost, brokers, PLAINTEXT_KAFKA)).toBe(unknownHost);
    const auth = Object.assign(new Error('x'), { name: 'KafkaJSSASLAuthenticationError' });
    expect(explainKafkaConnectionError(auth, brokers, PLAINTEXT_KAFKA)).toBe(auth);
  });
});
