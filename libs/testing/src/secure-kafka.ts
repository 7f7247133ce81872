// A Kafka broker of one test file's own that also listens with SASL_SSL and mutual TLS, on certificates made for
// it, so the shared test stack stays plaintext and untouched. Only Kafka runs (no database); it lives in a
// `.cache/test-stack-*` dir like a private stack, so the orphan sweep kills it if the run dies without teardown.
import { join } from 'node:path';
import {
  findFreePorts,
  removeStackData,
  startEmbeddedStack,
  stopEmbeddedStack,
  type KafkaUser,
} from '@inkstream/embedded-stack';
import { generateTestCertificates, type TestCertificates } from './certificates';
import { makeTestStackDir, sweepOrphanedTestStacks } from './embedded';

export interface SecureKafka {
  /** The broker's own listener: for the test's setup (topics), not for the code under test. */
  plaintextBrokers: string[];
  /** PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 over TLS. */
  saslSslBrokers: string[];
  /** TLS that requires a client certificate signed by `certificates.caFile`. */
  mtlsBrokers: string[];
  certificates: TestCertificates;
  stop(): Promise<void>;
}

export async function startSecureKafka(users: readonly KafkaUser[]): Promise<SecureKafka> {
  await sweepOrphanedTestStacks(() => undefined);
  const dataDir = makeTestStackDir();
  const certificates = generateTestCertificates(join(dataDir, 'certificates'));
  // The database ports are never listened on (only Kafka starts); the stack just wants four distinct ports.
  const [kafkaPort, controllerPort, mongoPort, postgresPort, saslSslPort, mtlsPort] = await findFreePorts(6);
  try {
    await startEmbeddedStack({
      dataDir,
      kafkaPort,
      controllerPort,
      mongoPort,
      postgresPort,
      components: ['kafka'],
      detached: false,
      secureListeners: {
        saslSslPort,
        mtlsPort,
        keystoreFile: certificates.keystoreFile,
        keystorePassword: certificates.keystorePassword,
        truststoreFile: certificates.caFile,
        users,
      },
    });
  } catch (error) {
    await stopEmbeddedStack(dataDir, { timeoutMs: 0 });
    throw new Error(`${(error as Error).message}\n(the secure broker's data and logs are in ${dataDir})`);
  }
  return {
    plaintextBrokers: [`127.0.0.1:${kafkaPort}`],
    saslSslBrokers: [`127.0.0.1:${saslSslPort}`],
    mtlsBrokers: [`127.0.0.1:${mtlsPort}`],
    certificates,
    stop: async () => {
      await stopEmbeddedStack(dataDir, { timeoutMs: 0 });
      removeStackData(dataDir);
    },
  };
}
