/** Header names carried by every Inkstream message; they repeat envelope fields so tooling can route without parsing. */
export const Headers = {
  traceId: 'trace-id',
  schemaVersion: 'schema-version',
  sourceId: 'source-id',
  messageType: 'message-type',
} as const;

/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/) as the OpenTelemetry messaging conventions carry it in
 * Kafka headers; present only when the producing service traces (OTEL_EXPORTER_OTLP_ENDPOINT set). The trace id
 * inside `traceparent` is the message's `traceId` (the `trace-id` header) whenever that is a W3C trace id, which is
 * what newTraceId makes; the span id is the producing service's `send` span.
 */
export const TraceContextHeaders = {
  traceparent: 'traceparent',
  tracestate: 'tracestate',
} as const;

/** Headers a dead letter carries besides the original message's own headers. */
export const DeadLetterHeaders = {
  error: 'dlq-error',
  errorKind: 'dlq-error-kind',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  attempts: 'dlq-attempts',
  consumerGroup: 'dlq-consumer-group',
  failedAt: 'dlq-failed-at',
  replayCount: 'dlq-replay-count',
  /** `true` when Kafka refused the dead letter with its payload (too large): the origin headers still locate it */
  payloadDropped: 'dlq-payload-dropped',
} as const;

/** Why a message became a dead letter: it could never succeed, or it kept failing until retries ran out. */
/** `invalid-output`: the stage built a message failing its own schema — a bug report about the stage, not the input. */
export type DeadLetterKind = 'invalid-message' | 'invalid-output' | 'permanent-error' | 'retries-exhausted';

export type MessageHeaders = Record<string, string>;
