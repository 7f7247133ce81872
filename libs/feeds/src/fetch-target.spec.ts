import { checkFetchTarget } from './fetch-target';

describe('checkFetchTarget', () => {
  it('allows http(s) to public addresses', () => {
    expect(checkFetchTarget('https://news.example/feed.xml', ['93.184.216.34', '2606:2800:220:1::1'], [])).toEqual({
      ok: true,
    });
  });

  it('refuses when any resolved address is not public (a mixed answer is a rebinding attempt)', () => {
    const check = checkFetchTarget('https://news.example/', ['93.184.216.34', '10.0.0.7'], []);
    expect(check).toEqual({
      ok: false,
      reason: 'host news.example resolves to 10.0.0.7 (private), which is not allow-listed',
    });
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', [], 'metadata'],
    ['http://127.0.0.1:8080/', [], 'loopback'],
    ['http://[::1]/', [], 'loopback'],
    ['http://[::ffff:127.0.0.1]/', [], 'loopback'],
    ['http://2130706433/', [], 'loopback'],
    ['http://localhost/', ['127.0.0.1'], 'loopback'],
    ['http://internal.example/', ['fd00::5'], 'private'],
    ['http://0.0.0.0/', [], 'unspecified'],
  ])('refuses %s (%s)', (url, ips, addressClass) => {
    const check = checkFetchTarget(url, ips, []);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toContain(`(${addressClass})`);
  });

  it('refuses a host with no resolved address', () => {
    expect(checkFetchTarget('https://news.example/', [], [])).toEqual({
      ok: false,
      reason: 'host news.example has no resolved address to check',
    });
  });

  it('refuses schemes other than http, https and allow-listed file', () => {
    for (const url of ['ftp://news.example/x', 'gopher://news.example/', 'data:text/plain,hi', 'javascript:alert(1)']) {
      const check = checkFetchTarget(url, ['93.184.216.34'], []);
      expect(!check.ok && check.reason).toMatch(/scheme .* is not allowed/);
    }
  });

  it('refuses invalid URLs and invalid resolved addresses', () => {
    expect(checkFetchTarget('not a url', [], []).ok).toBe(false);
    expect(checkFetchTarget('https://news.example/', ['bogus'], []).ok).toBe(false);
  });

  it('allows private targets that are allow-listed by CIDR, by host name or by subdomain wildcard', () => {
    expect(checkFetchTarget('http://wire.corp/', ['10.1.2.3'], ['10.1.0.0/16']).ok).toBe(true);
    expect(checkFetchTarget('http://wire.corp/', ['::ffff:10.1.2.3'], ['10.1.0.0/16']).ok).toBe(true);
    expect(checkFetchTarget('http://wire.corp/', ['10.2.0.1'], ['10.1.0.0/16']).ok).toBe(false);
    expect(checkFetchTarget('http://wire.corp/', ['10.1.2.3'], ['wire.corp']).ok).toBe(true);
    expect(checkFetchTarget('http://a.b.corp/', ['10.9.9.9'], ['*.corp']).ok).toBe(true);
    expect(checkFetchTarget('http://evilcorp/', ['10.9.9.9'], ['*.corp']).ok).toBe(false);
    expect(checkFetchTarget('http://127.0.0.1:9000/', [], ['127.0.0.1']).ok).toBe(true);
  });

  it('allows file: URLs only under an allow-listed drop folder', () => {
    const allowList = ['file:///var/inkstream/drops/'];
    expect(checkFetchTarget('file:///var/inkstream/drops/a.txt', [], allowList).ok).toBe(true);
    expect(checkFetchTarget('file:///etc/passwd', [], allowList)).toEqual({
      ok: false,
      reason: 'file URL file:///etc/passwd is outside the allowed drop folders',
    });
    expect(checkFetchTarget('file:///var/inkstream/drops/../../../etc/passwd', [], allowList).ok).toBe(false);
    expect(checkFetchTarget('file:///var/inkstream/drops/a.txt', [], []).ok).toBe(false);
  });
});
