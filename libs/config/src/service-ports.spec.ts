import { DEFAULT_SERVICE_PORTS, SERVICE_NAMES, serviceUrlList } from './service-ports';

describe('service ports', () => {
  it('gives every service a distinct default port', () => {
    const ports = SERVICE_NAMES.map((name) => DEFAULT_SERVICE_PORTS[name]);
    expect(new Set(ports).size).toBe(SERVICE_NAMES.length);
  });

  it('lists services as name=url pairs, in the order asked', () => {
    expect(serviceUrlList('127.0.0.1', DEFAULT_SERVICE_PORTS, ['fetcher', 'store'])).toBe(
      'fetcher=http://127.0.0.1:3001,store=http://127.0.0.1:3005',
    );
  });
});
