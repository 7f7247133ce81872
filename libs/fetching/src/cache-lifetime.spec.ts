import { cacheLifetimeSeconds } from './cache-lifetime';

const now = new Date('2026-06-01T12:00:00.000Z');
const none = { cacheControl: null, expires: null, date: null };

describe('cacheLifetimeSeconds', () => {
  it('reads Cache-Control max-age, which wins over Expires', () => {
    expect(cacheLifetimeSeconds({ ...none, cacheControl: 'public, max-age=600' }, now)).toBe(600);
    expect(
      cacheLifetimeSeconds(
        { cacheControl: 'max-age="300"', expires: 'Mon, 01 Jun 2026 14:00:00 GMT', date: null },
        now,
      ),
    ).toBe(300);
  });

  it('reads Expires against the Date header, else against now', () => {
    const expires = 'Mon, 01 Jun 2026 12:30:00 GMT';
    expect(cacheLifetimeSeconds({ ...none, expires, date: 'Mon, 01 Jun 2026 12:20:00 GMT' }, now)).toBe(600);
    expect(cacheLifetimeSeconds({ ...none, expires }, now)).toBe(1800);
  });

  it('gives no hint for no-store, no-cache, a stale or unreadable date, or nothing at all', () => {
    expect(cacheLifetimeSeconds({ ...none, cacheControl: 'no-cache, max-age=600' }, now)).toBeNull();
    expect(cacheLifetimeSeconds({ ...none, cacheControl: 'no-store' }, now)).toBeNull();
    expect(cacheLifetimeSeconds({ ...none, cacheControl: 'max-age=0' }, now)).toBeNull();
    expect(cacheLifetimeSeconds({ ...none, expires: '0' }, now)).toBeNull();
    expect(cacheLifetimeSeconds({ ...none, expires: 'Mon, 01 Jun 2026 11:00:00 GMT' }, now)).toBeNull();
    expect(cacheLifetimeSeconds(none, now)).toBeNull();
  });
});
