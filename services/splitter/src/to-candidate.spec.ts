import { exampleRawDocument, scopedArticleId, sourceSites } from '@inkstream/contracts';
import { articleId, splitDocument } from '@inkstream/extraction';
import { toArticleCandidate } from './to-candidate';

const page = (canonical: string) =>
  `<!doctype html><html><head><title>Council votes on the budget</title><link rel="canonical" href="${canonical}"></head>` +
  `<body><article><h1>Council votes on the budget</h1>${'<p>The council voted on the city budget on Tuesday after a long debate about schools and roads in the district.</p>'.repeat(6)}</article></body></html>`;

function candidateFor(
  canonical: string,
  source: { id: string; url: string; sites?: string[] },
  url: string,
  fetchedFrom: string | null = null,
) {
  const raw = exampleRawDocument({
    fetchedFrom,
    sourceId: source.id,
    source: {
      id: source.id,
      name: source.id,
      domain: null,
      kind: 'page',
      sites: source.sites ?? sourceSites(source.url),
    },
    url,
    content: page(canonical),
    contentType: 'text/html',
  });
  const result = splitDocument({ content: raw.content, contentType: raw.contentType, url: raw.url });
  expect(result.articles).toHaveLength(1);
  return toArticleCandidate(raw, result.articles[0], result.publisher, 0, '2026-12-01T00:00:00.000Z');
}

describe('article ids and source ownership', () => {
  const bbcUrl = 'https://www.bbc.co.uk/news/articles/c1';

  it('a source publishing under its own site gets the plain URL id (the one every replica derives)', () => {
    const candidate = candidateFor(bbcUrl, { id: 'src-bbc', url: 'https://feeds.bbc.co.uk/news/rss.xml' }, bbcUrl);
    expect(candidate.id).toBe(articleId({ canonicalUrl: bbcUrl }));
  });

  it('a configured extra domain counts as the source’s own', () => {
    const candidate = candidateFor(
      bbcUrl,
      {
        id: 'src-bbci',
        url: 'https://feeds.bbci.co.uk/news/rss.xml',
        sites: sourceSites('https://feeds.bbci.co.uk/', ['bbc.co.uk']),
      },
      bbcUrl,
    );
    expect(candidate.id).toBe(articleId({ canonicalUrl: bbcUrl }));
  });

  it('another outlet’s URL gets an id scoped to the publishing source, so it can never overwrite that outlet’s article', () => {
    const intruder = candidateFor(
      bbcUrl,
      { id: 'src-intruder', url: 'https://intruder.example/feed' },
      'https://intruder.example/a',
    );
    expect(intruder.id).not.toBe(articleId({ canonicalUrl: bbcUrl }));
    // deterministic per source, and the URL itself is kept for dedup (a copy is recorded as a duplicate)
    expect(
      candidateFor(bbcUrl, { id: 'src-intruder', url: 'https://intruder.example/feed' }, 'https://intruder.example/a')
        .id,
    ).toBe(intruder.id);
    expect(intruder.canonicalUrl).toBe(bbcUrl);
    const other = candidateFor(
      bbcUrl,
      { id: 'src-other', url: 'https://other.example/feed' },
      'https://other.example/a',
    );
    expect(other.id).not.toBe(intruder.id);
  });

  it('a CLI ingest (file:// URLs, no sites) cannot take a web source’s article id', () => {
    const cli = candidateFor(
      bbcUrl,
      { id: 'cli-ingest', url: 'file:///tmp/in', sites: [] },
      'file:///tmp/in/page.html',
    );
    expect(cli.id).not.toBe(articleId({ canonicalUrl: bbcUrl }));
  });

  it('a page fetched from the URL’s own site holds its identity, whoever fetched it (full-text mode, sitemaps)', () => {
    const fullText = candidateFor(
      bbcUrl,
      { id: 'src-aggregator', url: 'https://aggregator.example/feed' },
      bbcUrl,
      bbcUrl,
    );
    expect(fullText.id).toBe(articleId({ canonicalUrl: bbcUrl }));
    expect(fullText.contentOrigin).toEqual({
      fetchedFrom: bbcUrl,
      sourceSites: ['aggregator.example'],
      urlIdentity: true,
    });
  });

  it('a feed on another port of the same host does not hold the URL’s identity, and says so', () => {
    const victimUrl = 'http://127.0.0.1:8002/news/story';
    const squat = candidateFor(victimUrl, { id: 'src-squatter', url: 'http://127.0.0.1:8001/feed.xml' }, victimUrl);
    expect(squat.id).toBe(scopedArticleId('src-squatter', articleId({ canonicalUrl: victimUrl })));
    expect(squat.contentOrigin).toMatchObject({ urlIdentity: false, sourceSites: ['127.0.0.1:8001'] });
    const victim = candidateFor(victimUrl, { id: 'src-victim', url: 'http://127.0.0.1:8002/feed.xml' }, victimUrl);
    expect(victim.id).toBe(articleId({ canonicalUrl: victimUrl }));
  });

  it('a dropped file without a web URL gets its content id scoped to the source: two drop sources never share an id', () => {
    const dumpOf = (sourceId: string) => {
      const raw = exampleRawDocument({
        sourceId,
        source: { id: sourceId, name: sourceId, domain: null, kind: 'drop', sites: [] },
        url: 'file:///srv/drop/council.txt',
        content:
          'Council votes on the budget\n\n' +
          'The council voted on the city budget on Tuesday after a long debate.\n\n'.repeat(4),
        contentType: 'text/plain; charset=utf-8',
      });
      const result = splitDocument({ content: raw.content, contentType: raw.contentType, url: raw.url });
      return toArticleCandidate(raw, result.articles[0], result.publisher, 0, '2026-12-01T00:00:00.000Z');
    };
    const a = dumpOf('drop-a');
    expect(a.id).toBe(dumpOf('drop-a').id);
    expect(a.id).not.toBe(dumpOf('drop-b').id);
    expect(a.contentOrigin).toEqual({ fetchedFrom: null, sourceSites: [], urlIdentity: false });
  });
});
