import { ALLOWED_HOST_ENTRY, hostAllowed, hostNameOf } from './host-check';

describe('hostNameOf', () => {
  it('drops the port, a trailing dot and IPv6 brackets, and lower-cases', () => {
    expect(hostNameOf('News.Example.org:8443')).toBe('news.example.org');
    expect(hostNameOf('localhost.')).toBe('localhost');
    expect(hostNameOf('[::1]:3000')).toBe('::1');
    expect(hostNameOf('127.0.0.1:3000')).toBe('127.0.0.1');
  });
});

describe('hostAllowed', () => {
  const allowed = ['localhost', 'news.example.org', '.internal.example'];

  it('accepts the listed names, subdomains of a listed suffix, and IP literals', () => {
    expect(hostAllowed('localhost:3000', allowed)).toBe(true);
    expect(hostAllowed('news.example.org', allowed)).toBe(true);
    expect(hostAllowed('gw.internal.example:80', allowed)).toBe(true);
    expect(hostAllowed('127.0.0.1:3000', allowed)).toBe(true);
    expect(hostAllowed('[::1]:3000', allowed)).toBe(true);
    expect(hostAllowed('10.1.2.3:3000', allowed)).toBe(true);
  });

  it('refuses any other name, a name that only ends like a listed one, and a missing Host', () => {
    expect(hostAllowed('attacker.example:3000', allowed)).toBe(false);
    expect(hostAllowed('evilnews.example.org', allowed)).toBe(false);
    expect(hostAllowed('internal.example', allowed)).toBe(false);
    expect(hostAllowed('localhost.attacker.example', allowed)).toBe(false);
    expect(hostAllowed(undefined, allowed)).toBe(false);
  });

  it('accepts anything with *', () => {
    expect(hostAllowed('whatever.example', ['*'])).toBe(true);
  });
});

describe('ALLOWED_HOST_ENTRY', () => {
  it('takes names, .suffixes and *, not URLs, ports or patterns', () => {
    for (const entry of ['localhost', 'news.example.org', '.example.org', '*', 'gateway']) {
      expect(ALLOWED_HOST_ENTRY.test(entry)).toBe(true);
    }
    for (const entry of ['http://news.example.org', 'news.example.org:443', '*.example.org', 'a b', '']) {
      expect(ALLOWED_HOST_ENTRY.test(entry)).toBe(false);
    }
  });
});
