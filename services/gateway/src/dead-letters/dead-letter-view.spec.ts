import { DeadLetterHeaders } from '@inkstream/contracts';
import {
  DEAD_LETTER_TOPICS,
  deadLetterView,
  originalTopicOf,
  PAYLOAD_PREVIEW_CHARS,
  replayOf,
  type DeadLetterMessage,
} from './dead-letter-view';

const message = (overrides: Partial<DeadLetterMessage> = {}): DeadLetterMessage => ({
  topic: 'news.enriched.v1.inkstream.store.dlq',
  partition: 0,
  offset: '7',
  key: 'art_1',
  value: Buffer.from('{"schemaVersion":1}'),
  headers: {
    'trace-id': 't1',
    [DeadLetterHeaders.error]: 'InvalidMessageError: bad',
    [DeadLetterHeaders.errorKind]: 'invalid-message',
    [DeadLetterHeaders.originalTopic]: 'news.enriched.v1',
    [DeadLetterHeaders.originalPartition]: '2',
    [DeadLetterHeaders.originalOffset]: '41',
    [DeadLetterHeaders.attempts]: '0',
    [DeadLetterHeaders.consumerGroup]: 'inkstream.store',
    [DeadLetterHeaders.failedAt]: '2026-11-28T10:00:00.000Z',
  },
  timestamp: '2026-11-28T10:00:00.000Z',
  ...overrides,
});

describe('DEAD_LETTER_TOPICS', () => {
  it('has one topic per pipeline subscription', () => {
    expect(DEAD_LETTER_TOPICS).toContain('news.enriched.v1.inkstream.store.dlq');
    expect(DEAD_LETTER_TOPICS).toContain('news.raw.v1.inkstream.splitter.dlq');
    expect(new Set(DEAD_LETTER_TOPICS).size).toBe(DEAD_LETTER_TOPICS.length);
  });
});

describe('deadLetterView', () => {
  it('shows the reason, the origin and the payload', () => {
    expect(deadLetterView(message())).toEqual({
      partition: 0,
      offset: '7',
      key: 'art_1',
      error: 'InvalidMessageError: bad',
      kind: 'invalid-message',
      originalTopic: 'news.enriched.v1',
      originalPartition: 2,
      originalOffset: '41',
      attempts: 0,
      consumerGroup: 'inkstream.store',
      failedAt: '2026-11-28T10:00:00.000Z',
      replayCount: 0,
      payloadPreview: '{"schemaVersion":1}',
      payloadBytes: 19,
      timestamp: '2026-11-28T10:00:00.000Z',
    });
  });

  it('cuts the payload preview', () => {
    const view = deadLetterView(message({ value: Buffer.from('x'.repeat(2_000)) }));
    expect(view.payloadPreview).toHaveLength(PAYLOAD_PREVIEW_CHARS + 1);
    expect(view.payloadBytes).toBe(2_000);
  });
});

describe('replayOf', () => {
  it('restores key, value and original headers and counts the replay', () => {
    const replay = replayOf(message());
    expect(replay).toEqual({
      topic: 'news.enriched.v1',
      key: 'art_1',
      value: Buffer.from('{"schemaVersion":1}'),
      headers: { 'trace-id': 't1', [DeadLetterHeaders.replayCount]: '1' },
    });
    const again = replayOf(message({ headers: { ...message().headers, [DeadLetterHeaders.replayCount]: '2' } }));
    expect(again.headers[DeadLetterHeaders.replayCount]).toBe('3');
  });

  it('falls back to the dead-letter topic name and refuses non-pipeline targets', () => {
    expect(originalTopicOf(message({ headers: {} }))).toBe('news.enriched.v1');
    expect(() => originalTopicOf(message({ headers: { [DeadLetterHeaders.originalTopic]: 'secrets.v1' } }))).toThrow(
      /names no pipeline topic/,
    );
  });
});
