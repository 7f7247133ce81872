import { renderSourceEditor, sourceEditBody, type SourceDetailRow } from './source-editor';

const feed: SourceDetailRow = {
  id: 'src_1',
  name: 'Ledger <News>',
  kind: 'feed',
  url: 'https://ledger.example/rss',
  fullText: false,
  pollIntervalSeconds: null,
  minIntervalSeconds: 120,
  maxIntervalSeconds: null,
  maxItemsPerRun: 5000,
  backoffMaxSeconds: null,
  status: { itemsSeen: 40, itemsPublished: 38, intervalSeconds: 300, lastNotice: null },
};

describe('renderSourceEditor', () => {
  it("shows the source's limits as values, the defaults as empty fields, and escapes what the source says", () => {
    const html = renderSourceEditor(feed);
    expect(html).toContain('<h3>Ledger &lt;News&gt;');
    expect(html).toContain('name="minIntervalSeconds" type="number" min="1" step="1" value="120"');
    expect(html).toContain('name="maxItemsPerRun" type="number" min="1" step="1" value="5000"');
    expect(html).toContain(
      'name="maxIntervalSeconds" type="number" min="1" step="1" value="" placeholder="fetcher default"',
    );
    expect(html).toContain('name="pollIntervalSeconds" type="number" min="1" step="1" value="" placeholder="adaptive"');
    expect(html).toContain('name="fullText" type="checkbox" />');
    expect(html).toContain('40 seen · 38 published · interval the last run chose: 300 s');
  });

  it('leaves out what the kind has no use for', () => {
    const page = renderSourceEditor({ ...feed, kind: 'page', maxItemsPerRun: null });
    expect(page).not.toContain('maxItemsPerRun');
    expect(page).not.toContain('fullText');
    const drop = renderSourceEditor({ ...feed, kind: 'drop', minIntervalSeconds: null });
    expect(drop).not.toContain('minIntervalSeconds');
    expect(drop).toContain('maxItemsPerRun');
  });
});

describe('sourceEditBody', () => {
  const unchanged = {
    name: 'Ledger <News>',
    pollIntervalSeconds: '',
    minIntervalSeconds: '120',
    maxIntervalSeconds: '',
    maxItemsPerRun: '5000',
    backoffMaxSeconds: '',
    fullText: false,
  };

  it('sends only what changed: a new limit, a limit cleared to the default (null), full-text mode', () => {
    expect(
      sourceEditBody(feed, { ...unchanged, maxIntervalSeconds: ' 900 ', maxItemsPerRun: '', fullText: true }),
    ).toEqual({ body: { maxIntervalSeconds: 900, maxItemsPerRun: null, fullText: true } });
  });

  it('names the field it refuses, and says when nothing changed', () => {
    expect(sourceEditBody(feed, { ...unchanged, backoffMaxSeconds: '1.5', name: ' ' })).toEqual({
      error: 'name: must not be empty; backoffMaxSeconds: "1.5" is not a whole number above 0 (empty for the default)',
    });
    expect(sourceEditBody(feed, unchanged)).toEqual({ error: 'nothing changed' });
  });
});
