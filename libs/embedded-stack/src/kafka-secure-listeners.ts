// Two listeners beside the plaintext one, for testing clients against what managed and Strimzi clusters expose:
// SASL_SSL (PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 over TLS) and SSL with a client certificate required (mutual
// TLS). The broker's own traffic (inter-broker, controller, the readiness probe) stays on plaintext loopback.
import { STACK_HOST } from './config';

export interface KafkaUser {
  username: string;
  password: string;
}

export interface SecureListenerOptions {
  saslSslPort: number;
  /** The SSL listener, which refuses a client without a certificate signed by `truststoreFile`. */
  mtlsPort: number;
  /** PKCS12 keystore with the broker's key and a certificate valid for 127.0.0.1. */
  keystoreFile: string;
  keystorePassword: string;
  /** PEM: the CA whose client certificates the mutual-TLS listener accepts. */
  truststoreFile: string;
  /** Accepted by every SASL mechanism: PLAIN from the broker's config, SCRAM from credentials stored at format. */
  users: readonly KafkaUser[];
}

const SCRAM_MECHANISMS = ['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;

/**
 * Names and passwords go into JAAS and `--add-scram` syntax unescaped: refuse what would need escaping rather than
 * escape it wrongly.
 */
function checkedUsers(users: readonly KafkaUser[]): readonly KafkaUser[] {
  for (const { username, password } of users) {
    if (!/^[\w.@+-]+$/.test(username) || !/^[\w.@+-]+$/.test(password)) {
      throw new Error(`Kafka test user ${JSON.stringify(username)}: name and password must match [A-Za-z0-9_.@+-]+`);
    }
  }
  return users;
}

/** Replaces the listener settings of `kafkaServerProperties` and adds the TLS and SASL ones. */
export function secureListenerProperties(
  ports: { kafka: number; controller: number },
  options: SecureListenerOptions,
): Record<string, string> {
  const plainUsers = checkedUsers(options.users)
    .map((user) => `user_${user.username}="${user.password}"`)
    .join(' ');
  const advertised = [
    `PLAINTEXT://${STACK_HOST}:${ports.kafka}`,
    `SASL_SSL://${STACK_HOST}:${options.saslSslPort}`,
    `SSL://${STACK_HOST}:${options.mtlsPort}`,
  ];
  return {
    listeners: [...advertised, `CONTROLLER://${STACK_HOST}:${ports.controller}`].join(','),
    'advertised.listeners': advertised.join(','),
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL,SSL:SSL',
    'ssl.keystore.type': 'PKCS12',
    'ssl.keystore.location': options.keystoreFile,
    'ssl.keystore.password': options.keystorePassword,
    'ssl.key.password': options.keystorePassword,
    'ssl.truststore.type': 'PEM',
    'ssl.truststore.location': options.truststoreFile,
    'listener.name.ssl.ssl.client.auth': 'required',
    'listener.name.sasl_ssl.sasl.enabled.mechanisms': ['PLAIN', ...SCRAM_MECHANISMS].join(','),
    'listener.name.sasl_ssl.plain.sasl.jaas.config': `org.apache.kafka.common.security.plain.PlainLoginModule required ${plainUsers};`,
    ...Object.fromEntries(
      SCRAM_MECHANISMS.map((mechanism) => [
        `listener.name.sasl_ssl.${mechanism.toLowerCase()}.sasl.jaas.config`,
        'org.apache.kafka.common.security.scram.ScramLoginModule required;',
      ]),
    ),
  };
}

/** `kafka-storage format` arguments that store each user's SCRAM credentials in the cluster metadata. */
export function scramFormatArgs(users: readonly KafkaUser[]): string[] {
  return checkedUsers(users).flatMap((user) =>
    SCRAM_MECHANISMS.flatMap((mechanism) => [
      '--add-scram',
      `${mechanism}=[name=${user.username},password=${user.password}]`,
    ]),
  );
}
