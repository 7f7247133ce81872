import { parseOriginLimits } from './origin-limits';

describe('parseOriginLimits', () => {
  it('reads origins and hosts, normalised the way URL spells them', () => {
    expect(parseOriginLimits(' HTTPS://News.Example:8443=4/250 , b.example=1/2000,http://c.example:80=2/0')).toEqual({
      ok: true,
      limits: new Map([
        ['https://news.example:8443', { maxConcurrent: 4, minIntervalMs: 250 }],
        ['b.example', { maxConcurrent: 1, minIntervalMs: 2000 }],
        ['http://c.example', { maxConcurrent: 2, minIntervalMs: 0 }],
      ]),
    });
    expect(parseOriginLimits('')).toEqual({ ok: true, limits: new Map() });
  });

  it.each([
    ['b.example=4', /is not key=concurrency\/intervalMs/],
    ['b.example=0/100', /concurrency must be at least 1/],
    ['https://b.example/feed=1/100', /neither an http\(s\) origin nor a host name/],
    ['ftp://b.example=1/100', /neither an http\(s\) origin nor a host name/],
    ['b.example:8080=1/100', /neither an http\(s\) origin nor a host name/],
    ['b.example=1/1,B.example=2/2', /listed twice/],
  ])('refuses %s with a reason', (text, reason) => {
    expect(parseOriginLimits(text)).toEqual({ ok: false, error: expect.stringMatching(reason) });
  });
});
