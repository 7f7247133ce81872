import type { KafkaSecurity } from '@inkstream/config';
import { DependencyUnavailableError } from '@inkstream/errors';

/** Node's codes for a broker certificate that no CA the client trusts has signed. */
const UNTRUSTED_CERTIFICATE = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
]);

/**
 * Node's codes for a broker that did not answer (down, restarting, a network in the way): worth waiting for. A host
 * name that does not resolve (ENOTFOUND) is not among them: that is KAFKA_BROKERS to fix, not a broker to wait for.
 */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
const UNREACHABLE_NAMES = new Set(['KafkaJSConnectionClosedError', 'KafkaJSRequestTimeoutError']);

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  cause?: unknown;
}

/** kafkajs wraps what went wrong (retries exceeded → the connection error → Node's TLS error) in `cause`. */
function causes(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  for (let current = error; current && typeof current === 'object' && chain.length < 5;) {
    chain.push(current as ErrorLike);
    current = (current as ErrorLike).cause;
  }
  return chain;
}

function hintFor(chain: ErrorLike[], security: KafkaSecurity): string | undefined {
  const codes = chain.map((error) => error.code ?? '');
  if (chain.some((error) => error.name === 'KafkaJSSASLAuthenticationError') && security.sasl) {
    return (
      `the broker refused user ${JSON.stringify(security.sasl.username)} with ${security.sasl.mechanism}: check ` +
      'KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD (or KAFKA_SASL_PASSWORD_FILE) and KAFKA_SASL_MECHANISM'
    );
  }
  if (codes.some((code) => UNTRUSTED_CERTIFICATE.has(code))) {
    return security.tls?.ca
      ? "the broker's TLS certificate is not signed by the CA in KAFKA_SSL_CA_FILE"
      : "the broker's TLS certificate is not signed by a CA this system trusts: set KAFKA_SSL_CA_FILE to its CA";
  }
  if (codes.includes('ERR_TLS_CERT_ALTNAME_INVALID')) {
    return "the broker's TLS certificate does not name the host in KAFKA_BROKERS";
  }
  if (codes.includes('CERT_HAS_EXPIRED')) return "the broker's TLS certificate has expired";
  if (codes.some((code) => /CERTIFICATE_REQUIRED|BAD_CERTIFICATE|HANDSHAKE_FAILURE/.test(code))) {
    return security.tls?.cert
      ? 'the broker refused the client certificate in KAFKA_SSL_CERT_FILE'
      : 'the broker wants a client certificate: set KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE';
  }
  if (codes.some((code) => code.startsWith('ERR_SSL_')) && security.tls) {
    return 'the TLS handshake failed: does this listener speak TLS? check KAFKA_SECURITY_PROTOCOL and the port';
  }
  return undefined;
}

/**
 * A failed first connection, said in the operator's terms: which brokers, which protocol and user, and the variable
 * to look at. kafkajs alone says "Connection error: self-signed certificate in certificate chain" or "SASL SCRAM
 * SHA512 authentication failed" and names neither. No broker answering is DependencyUnavailableError (an outage,
 * not a misconfiguration); an error with no known cause is returned as it is.
 */
export function explainKafkaConnectionError(error: unknown, brokers: string[], security: KafkaSecurity): unknown {
  const chain = causes(error);
  const hint = hintFor(chain, security);
  const who = security.sasl ? ` ${security.sasl.mechanism} as ${security.sasl.username}` : '';
  const cause = (chain[0]?.message ?? String(error)).trim();
  const where = `cannot connect to Kafka at ${brokers.join(',')} over ${security.protocol}${who}`;
  if (hint) return new Error(`${where}: ${hint} (${cause})`, { cause: error });
  // No broker answered: a dependency outage, which a supervisor should wait out rather than count as a crash.
  if (isKafkaUnreachable(error)) {
    return new DependencyUnavailableError(`${where}: no broker answered (${cause})`, { cause: error });
  }
  return error;
}

/** Whether a kafkajs error (or one it caused) means no broker answered: down, restarting, or out of reach. */
export function isKafkaUnreachable(error: unknown): boolean {
  return causes(error).some((link) => UNREACHABLE_CODES.has(link.code ?? '') || UNREACHABLE_NAMES.has(link.name ?? ''));
}
