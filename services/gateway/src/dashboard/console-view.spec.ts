import {
  historiesFrom,
  renderArticle,
  renderImportSummary,
  renderMessagePage,
  renderTrace,
  sourceActions,
  type ArticleDetail,
} from './console-view';
import type { MessagePage } from '../topics/topic-views';
import { renderArticles, renderSources } from './render';

const page = (overrides: Partial<MessagePage> = {}): MessagePage => ({
  topic: 'news.clean.v1',
  partition: 1,
  low: '0',
  high: '12',
  start: '2',
  nextOffset: '4',
  scanned: 2,
  stoppedBecause: 'matches',
  messages: [
    {
      partition: 1,
      offset: '3',
      timestamp: '2026-11-28T10:00:00.000Z',
      key: 'art_1',
      headers: { 'trace-id': '<t>' },
      json: { id: 'art_1', title: '<b>x</b>' },
      text: null,
      bytes: 20,
      truncated: false,
    },
  ],
  ...overrides,
});

describe('historiesFrom', () => {
  it('turns the server’s columns into the charts’ series, leaving gaps out', () => {
    const histories = historiesFrom({
      intervalMs: 10_000,
      times: [1, 2, 3],
      series: {
        'topic-end news.raw.v1': [1, null, 5],
        'lag inkstream.store news.enriched.v1': [3, 2, 1],
        'consumed store': [0, 4, 8],
        'failed store': [0, 0, 1],
      },
    });
    expect(histories.topics.get('news.raw.v1')).toEqual([
      { t: 1, v: 1 },
      { t: 3, v: 5 },
    ]);
    expect(histories.lag.get('inkstream.store news.enriched.v1')?.map((s) => s.v)).toEqual([3, 2, 1]);
    expect(histories.services.get('store')).toEqual({
      consumed: [
        { t: 1, v: 0 },
        { t: 2, v: 4 },
        { t: 3, v: 8 },
      ],
      produced: [],
      failed: [
        { t: 1, v: 0 },
        { t: 2, v: 0 },
        { t: 3, v: 1 },
      ],
    });
  });
});

describe('renderMessagePage', () => {
  it('shows key, headers and pretty JSON per message, escaped, and offers the next page', () => {
    const html = renderMessagePage(page());
    expect(html).toContain('data-action="browse-next" data-offset="4">Next page');
    expect(html).toContain('<span class="mono" data-field="key">art_1</span>');
    expect(html).toContain('<th class="mono">trace-id</th><td class="mono">&lt;t&gt;</td>');
    expect(html).toContain(
      '{\n  &quot;id&quot;: &quot;art_1&quot;,\n  &quot;title&quot;: &quot;&lt;b&gt;x&lt;/b&gt;&quot;\n}',
    );
    expect(html).not.toContain('<b>x</b>');
  });

  it('says why a page ended and disables Next at the end of the partition', () => {
    const html = renderMessagePage(page({ stoppedBecause: 'end', messages: [] }));
    expect(html).toContain('reached the end of the partition');
    expect(html).toMatch(/data-offset="4" disabled>Next page/);
    expect(html).toContain('No message matched.');
    expect(renderMessagePage(page({ stoppedBecause: 'deadline' }))).toContain('ran out of time');
  });
});

const article: ArticleDetail = {
  id: 'art_1',
  traceId: 'trace-1',
  title: 'NATO <summit>',
  url: 'https://example.org/a',
  canonicalUrl: null,
  source: { id: 'src-a', name: 'Source A' },
  language: 'en',
  byline: null,
  publishedAt: '2026-11-28T09:00:00.000Z',
  modifiedAt: null,
  fetchedAt: '2026-11-28T09:30:00.000Z',
  storedAt: '2026-11-28T09:30:05.000Z',
  updatedAt: '2026-11-28T09:40:00.000Z',
  version: 2,
  clusterId: 'cl_1',
  provenance: { rawDocumentId: 'raw_1', traceId: 'trace-1' },
  duplicates: [
    { id: 'art_copy', url: 'https://copy.example/a', source: { name: 'Copycat' }, similarity: 0.97, method: 'near' },
  ],
};

describe('renderArticle', () => {
  it('shows the article’s facts, its duplicates once each, and the other articles of its story as links', () => {
    const html = renderArticle(
      article,
      {
        articles: [
          { id: 'art_1', title: 'self', source: { name: 'A' }, storedAt: article.storedAt },
          { id: 'art_2', title: 'Other angle', source: { name: 'B' }, storedAt: article.storedAt },
        ],
        duplicates: [
          { id: 'art_copy', url: null, duplicateOf: 'art_1', title: 'copy' },
          { id: 'art_copy2', url: null, duplicateOf: 'art_2', title: 'Copy of the other' },
        ],
      },
      Date.parse('2026-11-28T10:00:00.000Z'),
    );
    expect(html).toContain('NATO &lt;summit&gt;');
    expect(html).toContain('<td class="mono" data-field="trace-id">trace-1</td>');
    expect(html).toContain('<td data-field="version">2 ');
    expect(html).toContain('Duplicates (2)');
    expect(html.match(/data-duplicate="art_copy"/g)).toHaveLength(1);
    expect(html).toContain('<a href="#article/art_2">Other angle</a>');
    expect(html).not.toContain('#article/art_1"');
    expect(html).toContain('<th>modified</th><td class="muted">unknown</td>');
    expect(html).toContain('(30 min ago)');
  });
});

describe('renderTrace', () => {
  it('links each found message to the browser and says how far an empty stage was searched', () => {
    const html = renderTrace([
      {
        stage: 'enriched',
        topic: 'news.enriched.v1',
        scanned: 3,
        stoppedBecause: 'end',
        messages: [{ partition: 1, offset: '9', timestamp: '2026-11-28T09:30:03.000Z', key: 'art_1', traceId: null }],
      },
      { stage: 'fetched', topic: 'news.raw.v1', scanned: 5000, stoppedBecause: 'scan-limit', messages: [] },
    ]);
    expect(html).toContain(
      'data-action="browse-at" data-topic="news.enriched.v1" data-partition="1" data-offset="9" class="mono">p1:9',
    );
    expect(html).toContain('not found in the 5000 messages read (read the most one page may read)');
    expect(html).toContain('span-level tracing is not shown');
  });
});

describe('source management', () => {
  it('offers edit, pause for an active source, resume for a paused or parked one, and remove for both', () => {
    expect(sourceActions({ id: 'src-a', enabled: true, parked: false })).toMatch(
      /data-action="source-pause" data-source-id="src-a">Pause<.*data-action="source-remove"/,
    );
    expect(sourceActions({ id: 'src-a', enabled: false, parked: false })).toContain('data-action="source-resume"');
    expect(sourceActions({ id: 'src-a', enabled: true, parked: true })).toContain('>Resume<');
    expect(sourceActions({ id: 'src-a', enabled: true, parked: false })).toContain(
      'data-action="source-edit" data-source-id="src-a">Edit<',
    );
    const row = renderSources(
      [
        {
          id: 'src-"a',
          name: 'A',
          kind: 'feed',
          url: 'https://a.example/rss',
          enabled: true,
          parked: false,
          status: { lastFetchAt: null, lastSuccessAt: null, consecutiveErrors: 0, lastError: null, itemsPublished: 0 },
        },
      ],
      0,
    );
    expect(row).toContain('data-source-id="src-&quot;a"');
  });

  it('summarises an OPML import with every refusal and its reason', () => {
    const html = renderImportSummary({
      added: 2,
      existing: 1,
      refused: [{ url: 'ftp://x', reason: 'not http(s) <sic>' }],
    });
    expect(html).toContain('2 added · 1 already there · 1 refused');
    expect(html).toContain('<span class="mono">ftp://x</span>: not http(s) &lt;sic&gt;');
  });
});

describe('renderArticles', () => {
  it('links every latest article to its page', () => {
    const html = renderArticles(
      [
        {
          id: 'art_1',
          title: 'T',
          source: { id: 's', name: 'S' },
          language: 'en',
          storedAt: '2026-11-28T10:00:00Z',
          entities: [],
        },
      ],
      0,
    );
    expect(html).toContain('<a href="#article/art_1">T</a>');
  });
});
