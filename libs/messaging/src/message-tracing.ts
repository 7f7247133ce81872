import { Headers, type TopicName } from '@inkstream/contracts';
import type { Tracing } from '@inkstream/observability';
import type { ConsumedMessage } from './consumed-message';
import type { RawRecord } from './record-size';

/** Span attributes of the OpenTelemetry messaging semantic conventions for Kafka, plus Inkstream's own. */
const Attr = {
  system: 'messaging.system',
  operationType: 'messaging.operation.type',
  operationName: 'messaging.operation.name',
  destination: 'messaging.destination.name',
  partition: 'messaging.destination.partition.id',
  consumerGroup: 'messaging.consumer.group.name',
  offset: 'messaging.kafka.offset',
  key: 'messaging.kafka.message.key',
  batchCount: 'messaging.batch.message_count',
  messageId: 'inkstream.message.id',
  attempt: 'inkstream.handler.attempt',
} as const;

/**
 * Publishes records in a `send <topic>` producer span per trace among them (a handler's outputs share the trace of
 * its input, so usually one), each record carrying that span's `traceparent`: what the next stage continues.
 */
export async function sendTraced(
  tracing: Tracing,
  topic: TopicName,
  physicalTopic: string,
  records: RawRecord[],
  send: (records: RawRecord[]) => Promise<void>,
): Promise<void> {
  const byTrace = new Map<string, RawRecord[]>();
  for (const record of records) {
    const traceId = record.headers[Headers.traceId] ?? '';
    const group = byTrace.get(traceId);
    if (group) group.push(record);
    else byTrace.set(traceId, [record]);
  }
  await Promise.all(
    [...byTrace].map(([traceId, group]) =>
      tracing.inSpan(
        {
          name: `send ${topic}`,
          kind: 'producer',
          traceId,
          attributes: {
            [Attr.system]: 'kafka',
            [Attr.operationType]: 'send',
            [Attr.operationName]: 'send',
            [Attr.destination]: physicalTopic,
            ...(group.length === 1 ? { [Attr.key]: group[0].key ?? undefined } : { [Attr.batchCount]: group.length }),
          },
        },
        async () => {
          for (const record of group) tracing.inject(record.headers);
          await send(group);
        },
      ),
    ),
  );
}

/**
 * Runs one handler attempt in a `process <topic>` consumer span that continues the trace the message carried: so
 * the spans of every stage an article passes form one trace, parent by parent.
 */
export function processTraced(
  tracing: Tracing,
  message: ConsumedMessage,
  where: { physicalTopic: string; physicalGroup: string; attempt: number },
  work: () => Promise<void>,
): Promise<void> {
  return tracing.inSpan(
    {
      name: `process ${message.topic}`,
      kind: 'consumer',
      traceId: message.value.traceId,
      carrier: message.headers,
      attributes: {
        [Attr.system]: 'kafka',
        [Attr.operationType]: 'process',
        [Attr.operationName]: 'process',
        [Attr.destination]: where.physicalTopic,
        [Attr.consumerGroup]: where.physicalGroup,
        [Attr.partition]: String(message.partition),
        [Attr.offset]: Number(message.offset),
        ...(message.key === null ? {} : { [Attr.key]: message.key }),
        [Attr.messageId]: message.value.id,
        [Attr.attempt]: where.attempt,
      },
    },
    work,
  );
}
