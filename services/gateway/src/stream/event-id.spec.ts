import { formatEventId, InvalidEventIdError, parseEventId, sseEvent, StreamPosition } from './event-id';

describe('event ids', () => {
  it('format partitions in order and parse back', () => {
    const text = formatEventId(
      new Map([
        [2, 9n],
        [0, 15n],
        [1, 22n],
      ]),
    );
    expect(text).toBe('0:15,1:22,2:9');
    expect(parseEventId(text)).toEqual(
      new Map([
        [0, 15n],
        [1, 22n],
        [2, 9n],
      ]),
    );
  });

  it('hold offsets beyond 2^53', () => {
    expect(parseEventId('0:9007199254740993').get(0)).toBe(9007199254740993n);
  });

  it('refuse anything else', () => {
    for (const text of ['', 'abc', '0:1,0:2', '0:-1', '0:1;1:2', 'x:1']) {
      expect(() => parseEventId(text)).toThrow(InvalidEventIdError);
    }
  });
});

describe('StreamPosition', () => {
  it('advances past each new message and refuses ones before the position (no repeat)', () => {
    const position = new StreamPosition(
      new Map([
        [0, 5n],
        [1, 0n],
      ]),
    );
    expect(position.advance(0, '4')).toBe(false);
    expect(position.advance(0, '5')).toBe(true);
    expect(position.eventId()).toBe('0:6,1:0');
    expect(position.advance(1, '0')).toBe(true);
    expect(position.advance(0, '5')).toBe(false);
    expect(position.eventId()).toBe('0:6,1:1');
  });

  it('learns partitions it had no start for', () => {
    const position = new StreamPosition(new Map());
    expect(position.advance(3, '7')).toBe(true);
    expect(position.offsetOf(3)).toBe(8n);
  });
});

describe('sseEvent', () => {
  it('frames one event', () => {
    expect(sseEvent('article', '0:1', '{"a":1}')).toBe('id: 0:1\nevent: article\ndata: {"a":1}\n\n');
  });
});
