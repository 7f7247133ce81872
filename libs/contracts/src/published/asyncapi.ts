import { MessageKeys } from '../codec';
import { DeadLetterHeaders, type DeadLetterKind } from '../headers';
import { TopicSchemas } from '../registry';
import { ALL_TOPICS, ConsumerGroups, PIPELINE_SUBSCRIPTIONS, Topics, type TopicKey, type TopicName } from '../topics';
import { componentName, messageHeadersJsonSchema, messageJsonSchema, type JsonSchema } from './json-schemas';

const KAFKA_BINDING_VERSION = '0.5.0';

/** Every dead-letter kind, listed once so the published contract and the type cannot disagree (checked by tsc). */
export const DEAD_LETTER_KINDS = [
  'invalid-message',
  'invalid-output',
  'permanent-error',
  'retries-exhausted',
] as const satisfies readonly DeadLetterKind[];
type MissingKind = Exclude<DeadLetterKind, (typeof DEAD_LETTER_KINDS)[number]>;
const everyKindListed: MissingKind extends never ? true : false = true;

const KEY_DESCRIPTIONS: Record<(typeof MessageKeys)[TopicName], string> = {
  'url-else-id':
    "the raw document's URL, or its id when it has none: fetches of one page stay in order, a busy source spreads",
  id: 'the article id: every version of one article lands on one partition, in order',
};

const TOPIC_DESCRIPTIONS: Record<TopicKey, string> = {
  rawDocuments:
    'One fetched thing (a page, a feed item, a dropped file) with its fetch metadata. Written by the fetcher and `inkstream ingest`.',
  articleCandidates: 'Each article the splitter found in a raw document, before deduplication.',
  uniqueArticles: 'Article candidates the deduplicator judged new (originals of their story cluster).',
  duplicateNotices: "The deduplicator's other outcome: a copy, naming the original it duplicates.",
  enrichedArticles:
    'A unique article plus what the enricher added (language, entities, places, keywords, summary, quotes, figures).',
  cleanArticles:
    'The clean article as stored, and every later version of it. What downstream consumers subscribe to: use your own consumer group and keep the highest `version` per id (delivery is at least once).',
};

function channelId(topic: TopicName): TopicKey {
  const entry = (Object.entries(Topics) as Array<[TopicKey, TopicName]>).find(([, name]) => name === topic);
  if (!entry) throw new Error(`no channel for topic ${topic}`);
  return entry[0];
}

/** A component copy of a message schema: AsyncAPI's schema object takes no `$schema` of its own. */
function componentSchema(topic: TopicName): JsonSchema {
  const { $schema: _dialect, ...schema } = messageJsonSchema(topic);
  return schema;
}

function deadLetterHeadersSchema(): JsonSchema {
  const describe: Record<keyof typeof DeadLetterHeaders, JsonSchema> = {
    error: { type: 'string', description: 'the error that stopped the message: what, where, why' },
    errorKind: { type: 'string', enum: [...DEAD_LETTER_KINDS] },
    originalTopic: { type: 'string' },
    originalPartition: { type: 'string', pattern: '^[0-9]+$' },
    originalOffset: { type: 'string', pattern: '^[0-9]+$' },
    attempts: { type: 'string', pattern: '^[0-9]+$' },
    consumerGroup: { type: 'string' },
    failedAt: { type: 'string', description: 'ISO 8601 time' },
    replayCount: { type: 'string', pattern: '^[0-9]+$' },
    payloadDropped: { type: 'string', enum: ['true'] },
  };
  const properties = Object.fromEntries(
    (Object.keys(describe) as Array<keyof typeof DeadLetterHeaders>).map((field) => [
      DeadLetterHeaders[field],
      describe[field],
    ]),
  );
  return {
    type: 'object',
    required: [DeadLetterHeaders.error, DeadLetterHeaders.errorKind, DeadLetterHeaders.originalTopic],
    properties,
    additionalProperties: { type: 'string' },
  };
}

/**
 * The AsyncAPI 3 document of every Inkstream channel: each topic's message (payload, headers, Kafka key) and the
 * dead-letter channels, from the same tables the code uses (TopicSchemas, MessageKeys, PIPELINE_SUBSCRIPTIONS).
 */
export function asyncApiDocument(): JsonSchema {
  void everyKindListed;
  const schemas: Record<string, JsonSchema> = { MessageHeaders: messageHeadersJsonSchema() };
  const messages: Record<string, JsonSchema> = {};
  const channels: Record<string, JsonSchema> = {};
  const operations: Record<string, JsonSchema> = {};
  for (const topic of ALL_TOPICS) {
    const name = componentName(TopicSchemas[topic].messageType);
    const id = channelId(topic);
    schemas[name] = componentSchema(topic);
    messages[name] = {
      name,
      title: name,
      contentType: 'application/json',
      headers: { $ref: '#/components/schemas/MessageHeaders' },
      payload: { $ref: `#/components/schemas/${name}` },
      bindings: {
        kafka: {
          key: { type: 'string', description: KEY_DESCRIPTIONS[MessageKeys[topic]] },
          bindingVersion: KAFKA_BINDING_VERSION,
        },
      },
    };
    channels[id] = {
      address: topic,
      description: `${TOPIC_DESCRIPTIONS[id]} Names carry KAFKA_TOPIC_PREFIX when one is set.`,
      messages: { [name]: { $ref: `#/components/messages/${name}` } },
      bindings: { kafka: { topic, bindingVersion: KAFKA_BINDING_VERSION } },
    };
    operations[`publish${name}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${id}` },
      messages: [{ $ref: `#/channels/${id}/messages/${name}` }],
    };
  }
  for (const { topic, group } of PIPELINE_SUBSCRIPTIONS) {
    const id = channelId(topic);
    const name = componentName(TopicSchemas[topic].messageType);
    const stage = group.split('.').pop() ?? group;
    operations[`${stage}Receives${name}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${id}` },
      messages: [{ $ref: `#/channels/${id}/messages/${name}` }],
      bindings: { kafka: { groupId: { type: 'string', enum: [group] }, bindingVersion: KAFKA_BINDING_VERSION } },
    };
  }
  operations.downstreamReceivesCleanArticle = {
    action: 'receive',
    channel: { $ref: '#/channels/cleanArticles' },
    messages: [{ $ref: '#/channels/cleanArticles/messages/CleanArticle' }],
    description: 'A downstream consumer, with a consumer group of its own.',
  };
  schemas.DeadLetterHeaders = deadLetterHeadersSchema();
  messages.DeadLetter = {
    name: 'DeadLetter',
    title: 'Dead letter',
    summary: 'A message a stage could not process: the original key and value, with the error and origin in headers.',
    headers: { $ref: '#/components/schemas/DeadLetterHeaders' },
    payload: { description: 'the original message value, unchanged (empty when dlq-payload-dropped is true)' },
  };
  channels.deadLetters = {
    address: '{topic}.{group}.dlq',
    description: 'Dead letters per consumed topic and consumer group (replay and discard through the gateway).',
    parameters: {
      topic: { enum: PIPELINE_SUBSCRIPTIONS.map((entry) => entry.topic), description: 'the topic consumed' },
      group: { enum: Object.values(ConsumerGroups), description: 'the consumer group that gave up' },
    },
    messages: { DeadLetter: { $ref: '#/components/messages/DeadLetter' } },
  };
  operations.publishDeadLetter = {
    action: 'send',
    channel: { $ref: '#/channels/deadLetters' },
    messages: [{ $ref: '#/channels/deadLetters/messages/DeadLetter' }],
  };
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Inkstream topics',
      version: `${Math.max(...Object.values(TopicSchemas).map((entry) => entry.version))}.0.0`,
      description:
        'Every Kafka channel of the Inkstream pipeline: message values (JSON), headers and keys. ' +
        'Compatibility rule: within one schemaVersion a field is only ever added, and only as optional or nullable. ' +
        'A new required field is a new schemaVersion on the same topic: readers accept the older version (upgrading it ' +
        'on read) before producers write the new one. Removing, renaming or retyping a field is a new topic (.v2).',
      license: { name: 'MIT' },
    },
    defaultContentType: 'application/json',
    servers: {
      local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'the embedded stack of `npm start`' },
    },
    channels,
    operations,
    components: { schemas, messages },
  };
}
