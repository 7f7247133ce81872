import { renderDeadLetters, renderServices, renderTopics, unreachableRow, type Histories } from './render';

const histories = (): Histories => ({ topics: new Map(), lag: new Map(), services: new Map() });

describe('renderTopics', () => {
  it('shows partitions, end offsets and the current rate', () => {
    const h = histories();
    h.topics.set('news.raw.v1', [
      { t: 0, v: 0 },
      { t: 2_000, v: 8 },
    ]);
    const html = renderTopics(
      [{ topic: 'news.raw.v1', partitions: [{ partition: 0, low: 0, high: 8 }], endOffsetTotal: 8 }],
      h,
    );
    expect(html).toContain('p0: 8');
    expect(html).toContain('<td class="num" data-field="rate">4.0/s</td>');
    expect(html).toContain('<svg');
  });
});

describe('renderServices', () => {
  it('marks an unreachable service as DOWN with where it was looked for', () => {
    const html = renderServices(
      [
        {
          name: 'splitter',
          url: 'http://127.0.0.1:3002',
          status: 'unreachable',
          error: 'ECONNREFUSED',
          health: null,
          figures: null,
        },
      ],
      histories(),
    );
    expect(html).toContain('data-service="splitter"');
    expect(html).toContain('>DOWN<');
    expect(html).toContain('unreachable at http://127.0.0.1:3002');
    expect(html).toContain('ECONNREFUSED');
  });
});

describe('renderDeadLetters', () => {
  it('offers replay per message and escapes what the message carries', () => {
    const html = renderDeadLetters(
      'news.raw.v1.inkstream.splitter.dlq',
      [
        {
          partition: 0,
          offset: '3',
          error: '<script>x</script>',
          kind: 'invalid-message',
          originalTopic: 'news.raw.v1',
          originalOffset: '9',
          attempts: 0,
          replayCount: 1,
          failedAt: null,
          payloadPreview: '{"a":"<b>"}',
        },
      ],
      0,
    );
    expect(html).toContain(
      'data-action="replay" data-topic="news.raw.v1.inkstream.splitter.dlq" data-partition="0" data-offset="3"',
    );
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('(replayed 1×)');
  });
});

describe('unreachableRow', () => {
  it('says the figures are unknown and why, across the whole table, escaped', () => {
    expect(unreachableRow(6, 'Kafka did not answer within 3 s <x>')).toBe(
      '<tr data-unreachable><td colspan="6" class="error">unreachable: Kafka did not answer within 3 s &lt;x&gt;</td></tr>',
    );
  });
});
