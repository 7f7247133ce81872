import { matchesFilter, MAX_VALUE_CHARS, messageView, type ReadMessage } from './message-view';

const message = (overrides: Partial<ReadMessage> = {}): ReadMessage => ({
  partition: 1,
  offset: '7',
  timestamp: String(Date.parse('2026-11-28T10:00:00Z')),
  key: Buffer.from('art_1'),
  value: Buffer.from('{"id":"art_1","traceId":"t-9"}'),
  headers: { 'source-id': 'src-a' },
  ...overrides,
});

describe('messageView', () => {
  it('shows key, headers, time and the value as JSON', () => {
    expect(messageView(message())).toEqual({
      partition: 1,
      offset: '7',
      timestamp: '2026-11-28T10:00:00.000Z',
      key: 'art_1',
      headers: { 'source-id': 'src-a' },
      json: { id: 'art_1', traceId: 't-9' },
      text: null,
      bytes: 30,
      truncated: false,
    });
  });

  it('shows a value that is not JSON as text, a missing one as null, and cuts a huge one', () => {
    expect(messageView(message({ value: Buffer.from('{"broken"') }))).toMatchObject({ json: null, text: '{"broken"' });
    expect(messageView(message({ value: null, key: null }))).toMatchObject({ key: null, json: null, text: null });
    const huge = messageView(message({ value: Buffer.from(`"${'x'.repeat(MAX_VALUE_CHARS)}"`) }));
    expect(huge.truncated).toBe(true);
    expect(huge.text).toHaveLength(MAX_VALUE_CHARS + 1);
  });
});

describe('matchesFilter', () => {
  it('matches key, header and trace id exactly, every part at once', () => {
    expect(matchesFilter(message(), {})).toBe(true);
    expect(matchesFilter(message(), { key: 'art_1' })).toBe(true);
    expect(matchesFilter(message(), { key: 'art_2' })).toBe(false);
    expect(matchesFilter(message(), { header: { name: 'source-id', value: 'src-a' } })).toBe(true);
    expect(matchesFilter(message(), { header: { name: 'source-id', value: 'src-b' } })).toBe(false);
    expect(matchesFilter(message(), { key: 'art_1', header: { name: 'source-id', value: 'src-b' } })).toBe(false);
  });

  it('takes the trace id from the trace-id header, else from the value', () => {
    expect(matchesFilter(message(), { traceId: 't-9' })).toBe(true);
    expect(matchesFilter(message({ headers: { 'trace-id': 't-1' } }), { traceId: 't-1' })).toBe(true);
    expect(matchesFilter(message({ headers: { 'trace-id': 't-1' } }), { traceId: 't-9' })).toBe(false);
    expect(matchesFilter(message({ value: null }), { traceId: 't-9' })).toBe(false);
  });
});
