import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeKafkaSecurity, loadKafkaSecurity } from './kafka-security';
import { ConfigError } from './load-config';

const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';

let dir: string;
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kafka-security-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The problems a ConfigError lists, or a failure when the environment was accepted. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadKafkaSecurity(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('accepted');
}

describe('loadKafkaSecurity', () => {
  it('is plaintext when nothing is set, as the embedded stack listens', () => {
    expect(loadKafkaSecurity({})).toEqual({ protocol: 'PLAINTEXT', tls: null, sasl: null });
  });

  it('reads SASL_SSL with SCRAM, a CA file and the password from a file without its trailing newline', () => {
    const security = loadKafkaSecurity({
      KAFKA_SECURITY_PROTOCOL: 'sasl_ssl',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'inkstream',
      KAFKA_SASL_PASSWORD_FILE: file('password', 's3cret\n'),
      KAFKA_SSL_CA_FILE: file('ca.pem', CERT),
    });
    expect(security).toEqual({
      protocol: 'SASL_SSL',
      tls: { ca: CERT },
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'inkstream', password: 's3cret' },
    });
    expect(describeKafkaSecurity(security)).toEqual({
      protocol: 'SASL_SSL',
      saslMechanism: 'SCRAM-SHA-512',
      saslUsername: 'inkstream',
      tlsCa: 'KAFKA_SSL_CA_FILE',
      tlsClientCertificate: false,
    });
    expect(JSON.stringify(describeKafkaSecurity(security))).not.toContain('s3cret');
  });

  it('reads SSL with the system CAs, and mutual TLS with a client certificate and an encrypted key', () => {
    expect(loadKafkaSecurity({ KAFKA_SECURITY_PROTOCOL: 'SSL' })).toEqual({ protocol: 'SSL', tls: {}, sasl: null });
    expect(
      loadKafkaSecurity({
        KAFKA_SECURITY_PROTOCOL: 'SSL',
        KAFKA_SSL_CERT_FILE: file('client.pem', CERT),
        KAFKA_SSL_KEY_FILE: file('client.key', KEY),
        KAFKA_SSL_KEY_PASSWORD: 'key-pass',
      }),
    ).toEqual({ protocol: 'SSL', tls: { cert: CERT, key: KEY, passphrase: 'key-pass' }, sasl: null });
  });

  it('reads SASL_PLAINTEXT with PLAIN and an inline password', () => {
    expect(
      loadKafkaSecurity({
        KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
        KAFKA_SASL_MECHANISM: 'PLAIN',
        KAFKA_SASL_USERNAME: 'key',
        KAFKA_SASL_PASSWORD: 'secret',
      }),
    ).toEqual({
      protocol: 'SASL_PLAINTEXT',
      tls: null,
      sasl: { mechanism: 'PLAIN', username: 'key', password: 'secret' },
    });
  });

  it('names an unknown protocol or mechanism with the accepted values', () => {
    expect(problemsOf({ KAFKA_SECURITY_PROTOCOL: 'TLS', KAFKA_SASL_MECHANISM: 'GSSAPI' })).toEqual([
      'KAFKA_SECURITY_PROTOCOL: must be PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL (got "TLS")',
      'KAFKA_SASL_MECHANISM: must be PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 (got "GSSAPI")',
    ]);
  });

  it('names every credential SASL needs and does not have, in one go', () => {
    expect(problemsOf({ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL' })).toEqual([
      'KAFKA_SASL_MECHANISM: required when KAFKA_SECURITY_PROTOCOL=SASL_SSL (not set); one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512',
      'KAFKA_SASL_USERNAME: required when KAFKA_SECURITY_PROTOCOL=SASL_SSL (not set)',
      'KAFKA_SASL_PASSWORD: required when KAFKA_SECURITY_PROTOCOL=SASL_SSL (not set); or KAFKA_SASL_PASSWORD_FILE',
    ]);
  });

  it('refuses both password variables, and an empty or missing password file', () => {
    const base = { KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_SASL_MECHANISM: 'PLAIN', KAFKA_SASL_USERNAME: 'u' };
    expect(problemsOf({ ...base, KAFKA_SASL_PASSWORD: 'a', KAFKA_SASL_PASSWORD_FILE: file('p', 'b') })).toEqual([
      'KAFKA_SASL_PASSWORD_FILE: set together with KAFKA_SASL_PASSWORD; set one of them',
    ]);
    const empty = file('empty', '\n');
    expect(problemsOf({ ...base, KAFKA_SASL_PASSWORD_FILE: empty })).toEqual([
      `KAFKA_SASL_PASSWORD_FILE: ${empty} is empty`,
    ]);
    const missing = join(dir, 'nowhere');
    expect(problemsOf({ ...base, KAFKA_SASL_PASSWORD_FILE: missing })).toEqual([
      `KAFKA_SASL_PASSWORD_FILE: cannot read ${missing} (ENOENT)`,
    ]);
  });

  it('names a TLS file that is missing or not PEM, and a certificate without its key', () => {
    const notPem = file('ca.der', 'binary');
    expect(
      problemsOf({
        KAFKA_SECURITY_PROTOCOL: 'SSL',
        KAFKA_SSL_CA_FILE: notPem,
        KAFKA_SSL_CERT_FILE: file('cert.pem', CERT),
      }),
    ).toEqual([
      `KAFKA_SSL_CA_FILE: ${notPem} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`,
      'KAFKA_SSL_KEY_FILE: required with KAFKA_SSL_CERT_FILE, the client certificate needs its key (not set)',
    ]);
    expect(problemsOf({ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_KEY_FILE: file('cert-not-key', CERT) })).toEqual([
      `KAFKA_SSL_KEY_FILE: ${join(dir, 'cert-not-key')} holds no PEM private key`,
      'KAFKA_SSL_CERT_FILE: required with KAFKA_SSL_KEY_FILE, the key needs its certificate (not set)',
    ]);
  });

  it('refuses settings the protocol would ignore, instead of connecting without them', () => {
    expect(problemsOf({ KAFKA_SSL_CA_FILE: '/ca.pem', KAFKA_SASL_USERNAME: 'u' })).toEqual([
      'KAFKA_SSL_CA_FILE: set, but KAFKA_SECURITY_PROTOCOL=PLAINTEXT uses no TLS (use SSL, or unset it)',
      'KAFKA_SASL_USERNAME: set, but KAFKA_SECURITY_PROTOCOL=PLAINTEXT uses no SASL (use SASL_PLAINTEXT or SASL_SSL, or unset it)',
    ]);
    expect(problemsOf({ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SASL_PASSWORD: 'p' })).toEqual([
      'KAFKA_SASL_PASSWORD: set, but KAFKA_SECURITY_PROTOCOL=SSL uses no SASL (use SASL_SSL, or unset it)',
    ]);
  });
});
