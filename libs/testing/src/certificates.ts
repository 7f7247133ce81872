// Throwaway certificates for a TLS test, made with the openssl CLI: a CA, the broker's certificate for 127.0.0.1
// in a PKCS12 keystore (what the JVM reads), a client certificate for mutual TLS, and a second CA that signed none
// of them (what a client that trusts the wrong CA holds). EC keys: generated in milliseconds, accepted by Java 17.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestCertificates {
  /** PEM: the CA that signed the broker's and the client's certificates. */
  caFile: string;
  /** PEM: a CA that signed nothing here. */
  otherCaFile: string;
  /** PKCS12: the broker's key and certificate (SAN IP:127.0.0.1, DNS:localhost) with the CA. */
  keystoreFile: string;
  keystorePassword: string;
  /** PEM client certificate and its unencrypted key, for mutual TLS. */
  clientCertFile: string;
  clientKeyFile: string;
}

const DAYS = '2';

function openssl(dir: string, args: string[]): void {
  const run = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (run.error) throw new Error(`openssl is needed to make test certificates: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`openssl ${args.join(' ')} failed:\n${run.stderr}`);
}

const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function selfSignedCa(dir: string, name: string): void {
  openssl(dir, [
    'req',
    '-x509',
    ...newKey,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.pem`,
    '-days',
    DAYS,
    '-subj',
    `/CN=${name}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
}

function signedBy(dir: string, ca: string, name: string, extensions: string): void {
  openssl(dir, ['req', ...newKey, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`]);
  writeFileSync(join(dir, `${name}.ext`), `${extensions}\n`);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.pem`,
    '-CAkey',
    `${ca}.key`,
    '-CAcreateserial',
    '-out',
    `${name}.pem`,
    '-days',
    DAYS,
    '-extfile',
    `${name}.ext`,
  ]);
}

export function generateTestCertificates(dir: string): TestCertificates {
  mkdirSync(dir, { recursive: true });
  const keystorePassword = randomBytes(12).toString('hex');
  selfSignedCa(dir, 'test-ca');
  selfSignedCa(dir, 'other-ca');
  signedBy(dir, 'test-ca', 'broker', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth');
  signedBy(dir, 'test-ca', 'client', 'extendedKeyUsage=clientAuth');
  openssl(dir, [
    'pkcs12',
    '-export',
    '-in',
    'broker.pem',
    '-inkey',
    'broker.key',
    '-certfile',
    'test-ca.pem',
    '-name',
    'broker',
    '-out',
    'broker.p12',
    '-passout',
    `pass:${keystorePassword}`,
  ]);
  return {
    caFile: join(dir, 'test-ca.pem'),
    otherCaFile: join(dir, 'other-ca.pem'),
    keystoreFile: join(dir, 'broker.p12'),
    keystorePassword,
    clientCertFile: join(dir, 'client.pem'),
    clientKeyFile: join(dir, 'client.key'),
  };
}
