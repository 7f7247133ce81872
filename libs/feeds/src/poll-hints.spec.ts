import { parseFeed } from './parse-feed';
import { feedPollHints } from './poll-hints';

const SY = 'xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"';

describe('feedPollHints', () => {
  it('reads RSS ttl (minutes) and sy:updatePeriod divided by sy:updateFrequency, in seconds', () => {
    expect(feedPollHints({ ttl: 15, sy: { updatePeriod: 'hourly', updateFrequency: 2 } })).toEqual({
      ttlSeconds: 900,
      updatePeriodSeconds: 1800,
    });
    expect(feedPollHints({ sy: { updatePeriod: ' Daily ' } })).toEqual({
      ttlSeconds: null,
      updatePeriodSeconds: 86_400,
    });
  });

  it('takes what is not a positive number or a known period as no hint', () => {
    expect(feedPollHints({ ttl: 0, sy: { updatePeriod: 'fortnightly', updateFrequency: 3 } })).toEqual({
      ttlSeconds: null,
      updatePeriodSeconds: null,
    });
    expect(feedPollHints({ ttl: 'soon', sy: { updatePeriod: 'weekly', updateFrequency: -1 } })).toEqual({
      ttlSeconds: null,
      updatePeriodSeconds: 7 * 86_400,
    });
  });
});

describe('parseFeed poll hints', () => {
  it('reads ttl and the syndication module from RSS 2.0', () => {
    const rss = `<rss version="2.0" ${SY}><channel><title>t</title><ttl>30</ttl>
      <sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency>
      <item><title>a</title></item></channel></rss>`;
    expect(parseFeed(rss).pollHints).toEqual({ ttlSeconds: 1800, updatePeriodSeconds: 900 });
  });

  it('reads the syndication module from Atom and RSS 1.0, and gives none for JSON Feed', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom" ${SY}><title>t</title>
      <sy:updatePeriod>daily</sy:updatePeriod><entry><title>a</title><id>urn:a</id></entry></feed>`;
    expect(parseFeed(atom).pollHints).toEqual({ ttlSeconds: null, updatePeriodSeconds: 86_400 });
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" ${SY}>
      <channel rdf:about="https://a.example/"><title>t</title><link>https://a.example/</link>
      <sy:updatePeriod>hourly</sy:updatePeriod></channel>
      <item rdf:about="https://a.example/1"><title>a</title><link>https://a.example/1</link></item></rdf:RDF>`;
    expect(parseFeed(rdf).pollHints).toEqual({ ttlSeconds: null, updatePeriodSeconds: 3600 });
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 't', items: [] });
    expect(parseFeed(json).pollHints).toEqual({ ttlSeconds: null, updatePeriodSeconds: null });
  });

  it('gives no hints for a feed that states none', () => {
    const rss = '<rss version="2.0"><channel><title>t</title><item><title>a</title></item></channel></rss>';
    expect(parseFeed(rss).pollHints).toEqual({ ttlSeconds: null, updatePeriodSeconds: null });
  });
});
