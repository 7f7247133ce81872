import { DependencyUnavailableError, PermanentError } from '@inkstream/errors';
import type { Kafka } from 'kafkajs';
import {
  KafkaJSConnectionError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
} from 'kafkajs';
import { PipelineProducer } from './producer';
import { classifySendError } from './send-errors';

// Protocol errors as kafkajs builds them from a broker's error code (type and retriable come from its table).
const protocolError = (type: string, retriable: boolean) =>
  new KafkaJSProtocolError({ message: type, type, code: 0, retriable } as never);

function producerFailingWith(error: unknown): PipelineProducer {
  const kafka = {
    producer: () => ({
      connect: async () => undefined,
      disconnect: async () => undefined,
      sendBatch: async () => {
        throw error;
      },
    }),
  } as unknown as Kafka;
  return new PipelineProducer(kafka, '');
}

describe('send failure classification', () => {
  it('a record the broker will never accept is permanent, however kafkajs wraps it', () => {
    const tooLarge = protocolError('MESSAGE_TOO_LARGE', false);
    expect(classifySendError(tooLarge)).toBe('permanent');
    expect(
      classifySendError(
        new (KafkaJSNonRetriableError as unknown as new (e: Error, o: { cause: Error }) => Error)(tooLarge, {
          cause: tooLarge,
        }),
      ),
    ).toBe('permanent');
    expect(classifySendError(protocolError('INVALID_RECORD', false))).toBe('permanent');
    expect(classifySendError(protocolError('RECORD_LIST_TOO_LARGE', false))).toBe('permanent');
    // client-side validation: kafkajs refuses the message before sending it
    expect(classifySendError(new KafkaJSNonRetriableError('Invalid message without value for topic "t"'))).toBe(
      'permanent',
    );
  });

  it('an outage stays an outage: connection errors, exhausted retries of retriable errors, timeouts, plain errors', () => {
    const leader = protocolError('LEADER_NOT_AVAILABLE', true);
    expect(classifySendError(leader)).toBe('outage');
    expect(classifySendError(new KafkaJSConnectionError('Connection error: ECONNREFUSED'))).toBe('outage');
    expect(
      classifySendError(new KafkaJSNumberOfRetriesExceeded(leader, { retryCount: 5, retryTime: 100 } as never)),
    ).toBe('outage');
    expect(classifySendError(protocolError('TOPIC_AUTHORIZATION_FAILED', false))).toBe('outage');
    expect(classifySendError(new Error('socket hang up'))).toBe('outage');
    expect(classifySendError('weird')).toBe('outage');
  });

  it('PipelineProducer turns a too-large record into PermanentError and keeps the kafkajs error as cause', async () => {
    const tooLarge = protocolError('MESSAGE_TOO_LARGE', false);
    const failure = await producerFailingWith(tooLarge)
      .sendRaw('t', [{ key: 'k', value: 'v', headers: {} }])
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PermanentError);
    expect((failure as Error).cause).toBe(tooLarge);
    expect((failure as Error).message).toContain('MESSAGE_TOO_LARGE');
  });

  it('PipelineProducer turns a broker outage into DependencyUnavailableError with the cause', async () => {
    const down = new KafkaJSConnectionError('Connection error: ECONNREFUSED');
    const failure = await producerFailingWith(down)
      .sendRaw('t', [{ key: 'k', value: 'v', headers: {} }])
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DependencyUnavailableError);
    expect((failure as Error).cause).toBe(down);
  });
});
