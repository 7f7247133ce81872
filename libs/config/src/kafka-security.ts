import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { env } from './fields';
import { ConfigError, loadConfig, type Env } from './load-config';

/** Kafka's own names (`security.protocol`), so a managed provider's connection page can be copied as it is. */
export const KAFKA_SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
/** What kafkajs authenticates with out of the box (AWS IAM and OAUTHBEARER need code of their own). */
export const KAFKA_SASL_MECHANISMS = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;

export type KafkaSecurityProtocol = (typeof KAFKA_SECURITY_PROTOCOLS)[number];
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/** TLS material as PEM text, read at startup; absent `ca` means the system's trusted CAs (public managed Kafka). */
export interface KafkaTls {
  ca?: string;
  /** Client certificate and key for mutual TLS (a Strimzi `tls` user, Aiven's client certificate, MSK mTLS). */
  cert?: string;
  key?: string;
  /** Decrypts an encrypted `key`. */
  passphrase?: string;
}

export interface KafkaSasl {
  mechanism: KafkaSaslMechanism;
  username: string;
  password: string;
}

/** How every Kafka client of a process connects: `tls` for SSL and SASL_SSL, `sasl` for SASL_*. */
export interface KafkaSecurity {
  protocol: KafkaSecurityProtocol;
  tls: KafkaTls | null;
  sasl: KafkaSasl | null;
}

export const PLAINTEXT_KAFKA: KafkaSecurity = { protocol: 'PLAINTEXT', tls: null, sasl: null };

const upperCase = (value: unknown) => (typeof value === 'string' ? value.toUpperCase() : value);

export const kafkaSecurityShape = {
  KAFKA_SECURITY_PROTOCOL: z
    .preprocess(
      upperCase,
      z.enum(KAFKA_SECURITY_PROTOCOLS, { message: `must be ${KAFKA_SECURITY_PROTOCOLS.join(', ')}` }),
    )
    .default('PLAINTEXT'),
  KAFKA_SASL_MECHANISM: z
    .preprocess(upperCase, z.enum(KAFKA_SASL_MECHANISMS, { message: `must be ${KAFKA_SASL_MECHANISMS.join(', ')}` }))
    .optional(),
  KAFKA_SASL_USERNAME: env.optionalString(),
  KAFKA_SASL_PASSWORD: env.optionalString(),
  /** A mounted secret; preferred over KAFKA_SASL_PASSWORD, which shows in `ps e` and crash dumps. */
  KAFKA_SASL_PASSWORD_FILE: env.optionalString(),
  KAFKA_SSL_CA_FILE: env.optionalString(),
  KAFKA_SSL_CERT_FILE: env.optionalString(),
  KAFKA_SSL_KEY_FILE: env.optionalString(),
  KAFKA_SSL_KEY_PASSWORD: env.optionalString(),
};

type SecurityVariables = z.infer<z.ZodObject<typeof kafkaSecurityShape>>;
type VariableName = keyof SecurityVariables;
type ReadText = (path: string) => string;

const readText: ReadText = (path) => readFileSync(path, 'utf8');

const TLS_VARIABLES: VariableName[] = [
  'KAFKA_SSL_CA_FILE',
  'KAFKA_SSL_CERT_FILE',
  'KAFKA_SSL_KEY_FILE',
  'KAFKA_SSL_KEY_PASSWORD',
];
const SASL_VARIABLES: VariableName[] = [
  'KAFKA_SASL_MECHANISM',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
  'KAFKA_SASL_PASSWORD_FILE',
];
const PEM_CERTIFICATE = {
  marker: /-----BEGIN CERTIFICATE-----/,
  what: 'PEM certificate (-----BEGIN CERTIFICATE-----)',
};
const PEM_KEY = { marker: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: 'PEM private key' };

/** What the checks below share: the parsed variables, and the problems found so far (all reported at once). */
interface Reading {
  variables: SecurityVariables;
  protocol: KafkaSecurityProtocol;
  problems: string[];
  read: ReadText;
}

/**
 * The Kafka security settings of the environment, with every file read now: a missing CA, an unreadable key or a
 * variable that the chosen protocol would silently ignore fails startup with the variable named, rather than the
 * first connection failing later with a TLS or SASL error that names nothing.
 */
export function loadKafkaSecurity(source: Env = process.env, read: ReadText = readText): KafkaSecurity {
  const variables = loadConfig(kafkaSecurityShape, source);
  const protocol = variables.KAFKA_SECURITY_PROTOCOL;
  const reading: Reading = { variables, protocol, problems: [], read };
  const usesTls = protocol === 'SSL' || protocol === 'SASL_SSL';
  const usesSasl = protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL';
  const tls = usesTls ? tlsSettings(reading) : null;
  if (!usesTls) refuseIgnored(reading, TLS_VARIABLES, 'TLS', protocol === 'PLAINTEXT' ? 'SSL' : 'SASL_SSL');
  const sasl = usesSasl ? saslSettings(reading) : null;
  if (!usesSasl) {
    refuseIgnored(
      reading,
      SASL_VARIABLES,
      'SASL',
      protocol === 'PLAINTEXT' ? 'SASL_PLAINTEXT or SASL_SSL' : 'SASL_SSL',
    );
  }
  if (reading.problems.length > 0) throw new ConfigError(reading.problems);
  return { protocol, tls, sasl };
}

function tlsSettings(reading: Reading): KafkaTls {
  const { variables, problems } = reading;
  const ca = fileText(reading, 'KAFKA_SSL_CA_FILE', PEM_CERTIFICATE);
  const cert = fileText(reading, 'KAFKA_SSL_CERT_FILE', PEM_CERTIFICATE);
  const key = fileText(reading, 'KAFKA_SSL_KEY_FILE', PEM_KEY);
  if (variables.KAFKA_SSL_CERT_FILE !== undefined && variables.KAFKA_SSL_KEY_FILE === undefined) {
    problems.push(
      'KAFKA_SSL_KEY_FILE: required with KAFKA_SSL_CERT_FILE, the client certificate needs its key (not set)',
    );
  }
  if (variables.KAFKA_SSL_KEY_FILE !== undefined && variables.KAFKA_SSL_CERT_FILE === undefined) {
    problems.push('KAFKA_SSL_CERT_FILE: required with KAFKA_SSL_KEY_FILE, the key needs its certificate (not set)');
  }
  if (variables.KAFKA_SSL_KEY_PASSWORD !== undefined && variables.KAFKA_SSL_KEY_FILE === undefined) {
    problems.push('KAFKA_SSL_KEY_PASSWORD: set, but there is no KAFKA_SSL_KEY_FILE to decrypt');
  }
  return {
    ...(ca !== undefined && { ca }),
    ...(cert !== undefined && { cert }),
    ...(key !== undefined && { key }),
    ...(variables.KAFKA_SSL_KEY_PASSWORD !== undefined && { passphrase: variables.KAFKA_SSL_KEY_PASSWORD }),
  };
}

function saslSettings(reading: Reading): KafkaSasl | null {
  const { variables, problems, protocol } = reading;
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username } = variables;
  const when = `required when KAFKA_SECURITY_PROTOCOL=${protocol} (not set)`;
  if (mechanism === undefined) {
    problems.push(`KAFKA_SASL_MECHANISM: ${when}; one of ${KAFKA_SASL_MECHANISMS.join(', ')}`);
  }
  if (username === undefined) problems.push(`KAFKA_SASL_USERNAME: ${when}`);
  let password: string | undefined;
  if (variables.KAFKA_SASL_PASSWORD !== undefined && variables.KAFKA_SASL_PASSWORD_FILE !== undefined) {
    problems.push('KAFKA_SASL_PASSWORD_FILE: set together with KAFKA_SASL_PASSWORD; set one of them');
  } else if (variables.KAFKA_SASL_PASSWORD_FILE !== undefined) {
    // A file written by `echo` or a Secret edited by hand ends in a newline that is no part of the password.
    password = fileText(reading, 'KAFKA_SASL_PASSWORD_FILE', null)?.replace(/\r?\n$/, '');
    if (password === '') problems.push(`KAFKA_SASL_PASSWORD_FILE: ${variables.KAFKA_SASL_PASSWORD_FILE} is empty`);
  } else if (variables.KAFKA_SASL_PASSWORD !== undefined) {
    password = variables.KAFKA_SASL_PASSWORD;
  } else {
    problems.push(`KAFKA_SASL_PASSWORD: ${when}; or KAFKA_SASL_PASSWORD_FILE`);
  }
  return mechanism !== undefined && username !== undefined && password ? { mechanism, username, password } : null;
}

/** The text of the file a variable names, checked to hold what it should; undefined (and a problem) if not. */
function fileText(
  { variables, problems, read }: Reading,
  name: VariableName,
  expect: { marker: RegExp; what: string } | null,
): string | undefined {
  const path = variables[name];
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = read(path);
  } catch (error) {
    problems.push(
      `${name}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
    return undefined;
  }
  if (expect && !expect.marker.test(text)) {
    problems.push(`${name}: ${path} holds no ${expect.what}`);
    return undefined;
  }
  return text;
}

/** A TLS or SASL setting the protocol would not use is an error: it was meant to do something. */
function refuseIgnored(
  { variables, problems, protocol }: Reading,
  names: VariableName[],
  what: string,
  instead: string,
) {
  for (const name of names) {
    if (variables[name] !== undefined) {
      problems.push(
        `${name}: set, but KAFKA_SECURITY_PROTOCOL=${protocol} uses no ${what} (use ${instead}, or unset it)`,
      );
    }
  }
}

/** For the startup log line: how a process connects, never with a secret. */
export function describeKafkaSecurity(security: KafkaSecurity): Record<string, string | boolean> {
  return {
    protocol: security.protocol,
    ...(security.sasl && { saslMechanism: security.sasl.mechanism, saslUsername: security.sasl.username }),
    ...(security.tls && {
      tlsCa: security.tls.ca ? 'KAFKA_SSL_CA_FILE' : 'system',
      tlsClientCertificate: !!security.tls.cert,
    }),
  };
}
