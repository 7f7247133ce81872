import { selectServices, serviceUrls } from './services';

describe('selectServices', () => {
  it('defaults to every service, downstream first', () => {
    expect(selectServices(undefined)).toEqual(['gateway', 'store', 'enricher', 'deduplicator', 'splitter', 'fetcher']);
    expect(selectServices('all')).toHaveLength(6);
  });

  it('keeps a subset in start order whatever order it was given in', () => {
    expect(selectServices('fetcher, store')).toEqual(['store', 'fetcher']);
  });

  it('names unknown services', () => {
    expect(() => selectServices('store,indexer')).toThrow(/unknown service\(s\) indexer: choose from gateway/);
  });
});

describe('serviceUrls', () => {
  it('lists every service for the gateway to scrape', () => {
    expect(serviceUrls('127.0.0.1')).toContain('store=http://127.0.0.1:3005');
  });
});
