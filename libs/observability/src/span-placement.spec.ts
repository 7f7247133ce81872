import { placeSpan } from './span-placement';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);

describe('placeSpan: which trace a span joins', () => {
  it('continues the context a message carried when it is the trace of the work', () => {
    expect(placeSpan({ traceId: A, remoteTraceId: A, activeTraceId: B })).toEqual({
      parent: 'remote',
      rootTraceId: null,
      links: [],
    });
  });

  it('continues the active span (a handler sending) when nothing was carried', () => {
    expect(placeSpan({ traceId: A, activeTraceId: A })).toEqual({
      parent: 'active',
      rootTraceId: null,
      links: [],
    });
  });

  it('starts the trace of the work itself when nothing carried or active is in it, linking what was carried', () => {
    expect(placeSpan({ traceId: A })).toEqual({ parent: 'root', rootTraceId: A, links: [] });
    expect(placeSpan({ traceId: A, remoteTraceId: B, activeTraceId: B })).toEqual({
      parent: 'root',
      rootTraceId: A,
      links: ['remote', 'active'],
    });
  });

  it('links the active span of another trace when the work is of its own (a republish of an earlier article)', () => {
    expect(placeSpan({ traceId: A, activeTraceId: B })).toEqual({ parent: 'root', rootTraceId: A, links: ['active'] });
  });

  it('follows what was carried, else what is active, when the work has no W3C trace id', () => {
    expect(placeSpan({ traceId: 'trace-1', remoteTraceId: B })).toMatchObject({ parent: 'remote' });
    expect(placeSpan({ traceId: 'trace-1', activeTraceId: B })).toMatchObject({ parent: 'active' });
    expect(placeSpan({ traceId: '0'.repeat(32) })).toEqual({ parent: 'root', rootTraceId: null, links: [] });
    expect(placeSpan({ traceId: A.toUpperCase() })).toMatchObject({ rootTraceId: null });
  });
});
