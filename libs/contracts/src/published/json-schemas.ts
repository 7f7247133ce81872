import { zodToJsonSchema } from 'zod-to-json-schema';
import { Headers, TraceContextHeaders } from '../headers';
import { TopicSchemas } from '../registry';
import { ALL_TOPICS, type TopicName } from '../topics';

/** A JSON Schema document as plain data (draft-07, what zod-to-json-schema writes and most validators read). */
export type JsonSchema = Record<string, unknown>;

/** Which dialect a schema is written for: JSON Schema files for consumers, OpenAPI 3.0 components for the gateway. */
export type SchemaTarget = 'json-schema' | 'openapi';

const SCHEMA_BASE_URI = 'https://inkstream.dev/contracts';

/** `raw-document` -> `RawDocument`: the component name a message type has in AsyncAPI and OpenAPI. */
export function componentName(messageType: string): string {
  return messageType
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/**
 * The JSON Schema of one topic's message value, generated from the zod schema every producer and consumer of this
 * repository validates with, so the published contract cannot say something the code does not enforce.
 */
export function messageJsonSchema(topic: TopicName, target: SchemaTarget = 'json-schema'): JsonSchema {
  const { messageType, schema } = TopicSchemas[topic];
  const generated = zodSchemaAsJson(schema, target);
  if (target === 'openapi') return generated;
  return {
    $id: `${SCHEMA_BASE_URI}/${messageType}.schema.json`,
    title: componentName(messageType),
    description: `Value of a message on ${topic} (Kafka key and headers: see the AsyncAPI document).`,
    ...generated,
  };
}

/**
 * The one call into zod-to-json-schema. Shared parts are inlined ($refStrategy none) so a consumer copies one file
 * and validates, with no $ref resolution across files. zod strips unknown keys rather than refusing them, and the
 * published schema says the same (additionalProperties: true: the option's name reads backwards) so a consumer
 * validating with it keeps working when a later release adds an optional field.
 */
export function zodSchemaAsJson(schema: unknown, target: SchemaTarget): JsonSchema {
  // The converter is typed against zod's own v3 entry point; ours is the same runtime class under another path.
  return zodToJsonSchema(schema as Parameters<typeof zodToJsonSchema>[0], {
    target: target === 'openapi' ? 'openApi3' : 'jsonSchema7',
    $refStrategy: 'none',
    removeAdditionalStrategy: 'strict',
  }) as JsonSchema;
}

/** The headers every Inkstream message carries, as a JSON Schema object of string values. */
export function messageHeadersJsonSchema(): JsonSchema {
  const properties = {
    [Headers.traceId]: { type: 'string', minLength: 1, description: 'the envelope traceId, repeated for routing' },
    [Headers.schemaVersion]: { type: 'string', pattern: '^[0-9]+$', description: 'the envelope schemaVersion' },
    [Headers.sourceId]: { type: 'string', minLength: 1, description: 'the envelope sourceId' },
    [Headers.messageType]: {
      type: 'string',
      enum: ALL_TOPICS.map((topic) => TopicSchemas[topic].messageType),
      description: 'which schema the value follows',
    },
  };
  const traceContext = {
    [TraceContextHeaders.traceparent]: {
      type: 'string',
      pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}(-.*)?$',
      description:
        'W3C Trace Context of the span that produced the message, present when the producer traces; its trace id ' +
        'equals trace-id whenever trace-id is 32 lowercase hex digits',
    },
    [TraceContextHeaders.tracestate]: {
      type: 'string',
      description: 'W3C tracestate, vendor entries carried along with traceparent',
    },
  };
  return {
    type: 'object',
    required: Object.keys(properties),
    properties: { ...properties, ...traceContext },
    // Dead letters and tracing add headers of their own; consumers must ignore what they do not know.
    additionalProperties: { type: 'string' },
  };
}

/** Every published JSON Schema file, by file name: one per message type, plus the headers. */
export function publishedJsonSchemas(): Record<string, JsonSchema> {
  const files: Record<string, JsonSchema> = {};
  for (const topic of ALL_TOPICS) {
    files[`${TopicSchemas[topic].messageType}.schema.json`] = messageJsonSchema(topic);
  }
  files['message-headers.schema.json'] = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `${SCHEMA_BASE_URI}/message-headers.schema.json`,
    title: 'MessageHeaders',
    ...messageHeadersJsonSchema(),
  };
  return files;
}
