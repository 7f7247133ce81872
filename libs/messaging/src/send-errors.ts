import { DependencyUnavailableError, PermanentError } from '@inkstream/errors';

// Why a send failed decides what the consume loop does with the message that produced it: an outage (no broker,
// no leader, a timeout) is not the record's fault and holds the partition until Kafka is back; a record Kafka will
// never accept (too large, invalid) is permanent and must be dead-lettered, or it holds its partition forever.

/** Broker answers that are about the record itself: retrying the same bytes can never succeed. */
const RECORD_REJECTIONS = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'INVALID_TOPIC_EXCEPTION',
  'UNSUPPORTED_COMPRESSION_TYPE',
  'INVALID_TIMESTAMP',
]);

/**
 * kafkajs errors flagged non-retriable that still say nothing about the record: timeouts, locks, authentication,
 * a missing coordinator. Treated as an outage (the operator fixes the cluster; the message is healthy).
 */
const NON_RETRIABLE_OUTAGES = new Set([
  'KafkaJSTimeout',
  'KafkaJSLockTimeout',
  'KafkaJSSASLAuthenticationError',
  'KafkaJSGroupCoordinatorNotFound',
  'KafkaJSServerDoesNotSupportApiKey',
  'KafkaJSNotImplemented',
  'KafkaJSNoBrokerAvailableError',
]);

interface KafkaLikeError {
  name?: string;
  type?: string;
  retriable?: boolean;
  cause?: unknown;
  originalError?: unknown;
}

/** The chain of causes, outermost first (kafkajs wraps with `cause`, retries exhausted with `originalError`). */
function causeChain(error: unknown): KafkaLikeError[] {
  const chain: KafkaLikeError[] = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && chain.length < 10 && !chain.includes(current as KafkaLikeError)) {
    const link = current as KafkaLikeError;
    chain.push(link);
    current = link.cause ?? link.originalError;
  }
  return chain;
}

export type SendFailure = 'permanent' | 'outage';

/**
 * Classifies a kafkajs send failure. Permanent: a broker rejection of the record (MESSAGE_TOO_LARGE, INVALID_RECORD,
 * …) anywhere in the cause chain, or a root cause kafkajs flags `retriable: false` that is not a known outage
 * (client-side validation such as "Invalid message without value"). Everything else — connection errors, request
 * timeouts, "number of retries exceeded" over a retriable cause, authorisation — is an outage.
 */
export function classifySendError(error: unknown): SendFailure {
  const chain = causeChain(error);
  if (chain.some((link) => link.type !== undefined && RECORD_REJECTIONS.has(link.type))) return 'permanent';
  if (chain.some((link) => link.name === 'KafkaJSNumberOfRetriesExceeded')) return 'outage';
  const root = chain[chain.length - 1];
  if (!root || root.retriable !== false) return 'outage';
  if (chain.some((link) => link.name !== undefined && NON_RETRIABLE_OUTAGES.has(link.name))) return 'outage';
  if (root.type !== undefined && /AUTHORIZATION|AUTHENTICATION|SASL/.test(root.type)) return 'outage';
  return 'permanent';
}

/** The error a failed send becomes, keeping the kafkajs error as `cause`. */
export function sendFailureError(topic: string, error: unknown): PermanentError | DependencyUnavailableError {
  const detail = error instanceof Error ? error.message : String(error);
  return classifySendError(error) === 'permanent'
    ? new PermanentError(`Kafka refused a send to ${topic} (the record can never be accepted): ${detail}`, {
        cause: error,
      })
    : new DependencyUnavailableError(`Kafka did not acknowledge a send to ${topic}: ${detail}`, { cause: error });
}
