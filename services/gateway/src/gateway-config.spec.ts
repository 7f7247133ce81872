import { ConfigError } from '@inkstream/config';
import { loadGatewayConfig } from './gateway-config';

describe('loadGatewayConfig', () => {
  it('has safe defaults: no tokens (admin endpoints closed), no CORS, the local service ports', () => {
    const config = loadGatewayConfig({});
    expect(config.GATEWAY_ADMIN_TOKEN).toBeUndefined();
    expect(config.GATEWAY_CORS_ORIGINS).toEqual([]);
    expect(config.GATEWAY_SERVICE_URLS.map(({ name }) => name)).toEqual([
      'fetcher',
      'splitter',
      'deduplicator',
      'enricher',
      'store',
    ]);
    expect(config.GATEWAY_RATE_LIMIT_PER_MINUTE).toBe(600);
  });

  it('parses service URLs and names a bad entry', () => {
    expect(loadGatewayConfig({ GATEWAY_SERVICE_URLS: 'store=http://10.0.0.5:3005/' }).GATEWAY_SERVICE_URLS).toEqual([
      { name: 'store', url: 'http://10.0.0.5:3005' },
    ]);
    expect(() => loadGatewayConfig({ GATEWAY_SERVICE_URLS: 'store:3005' })).toThrow(ConfigError);
    expect(() => loadGatewayConfig({ GATEWAY_SERVICE_URLS: 'store:3005' })).toThrow(
      /GATEWAY_SERVICE_URLS: "store:3005"/,
    );
  });

  it('answers to localhost by default and validates GATEWAY_ALLOWED_HOSTS at start, naming the bad entry', () => {
    expect(loadGatewayConfig({}).GATEWAY_ALLOWED_HOSTS).toEqual(['localhost']);
    expect(
      loadGatewayConfig({ GATEWAY_ALLOWED_HOSTS: 'localhost, news.example.org,.internal.example' })
        .GATEWAY_ALLOWED_HOSTS,
    ).toEqual(['localhost', 'news.example.org', '.internal.example']);
    expect(() => loadGatewayConfig({ GATEWAY_ALLOWED_HOSTS: 'https://news.example.org' })).toThrow(
      /GATEWAY_ALLOWED_HOSTS: "https:\/\/news.example.org" is not a host name/,
    );
  });

  it('samples the dashboard history every 10 s by default and refuses a sampling interval under a second', () => {
    expect(loadGatewayConfig({}).GATEWAY_HISTORY_SAMPLE_MS).toBe(10_000);
    expect(() => loadGatewayConfig({ GATEWAY_HISTORY_SAMPLE_MS: '200' })).toThrow(
      /GATEWAY_HISTORY_SAMPLE_MS: must be at least 1000/,
    );
  });
});
