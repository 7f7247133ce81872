import { join } from 'node:path';
import { runFeed } from './feed';

const fixtures = join(__dirname, '../../../../libs/feeds/src/fixtures');
const fixture = (name: string) => join(fixtures, name);

async function run(files: string[], baseUrl?: string) {
  const lines: Array<Record<string, unknown>> = [];
  const code = await runFeed(files, { writeLine: (line) => lines.push(JSON.parse(line)) }, { baseUrl });
  return { code, lines };
}

describe('inkstream feed', () => {
  it('prints one JSON line per file with the feed and its items in document order', async () => {
    const { code, lines } = await run([fixture('rss2-news.xml'), fixture('atom1-blog.xml')]);
    expect(code).toBe(0);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({
      file: fixture('rss2-news.xml'),
      feed: {
        format: 'rss2',
        title: 'The Daily Ledger – World',
        link: 'https://www.dailyledger.example/world/',
        description: 'Latest world news from The Daily Ledger',
        language: 'en-gb',
        updatedAt: '2024-06-03T14:05:00.000Z',
      },
      items: [
        {
          title: 'NATO ministers meet in Brussels as Ukraine aid tops agenda',
          url: 'https://www.dailyledger.example/world/2024/06/03/nato-ministers-brussels',
          guid: 'https://www.dailyledger.example/?p=88231',
          publishedAt: '2024-06-03T13:45:12.000Z',
          author: 'Jane Whitfield',
          summary: '<p>Defence ministers gathered on Monday&#8230;</p>',
          content: '<p>Defence ministers gathered on Monday in Brussels.</p><p>They discussed a new aid package.</p>',
        },
        {
          title: 'Floods displace thousands in southern Brazil',
          url: 'https://www.dailyledger.example/world/2024/06/03/brazil-floods',
          guid: 'https://www.dailyledger.example/?p=88219',
          publishedAt: '2024-06-03T12:30:00.000Z',
          author: 'Marco Lima, Ana Souza',
          summary: 'Rivers burst their banks after a week of rain.',
          content: null,
        },
        {
          title: 'Markets steady ahead of central bank decision',
          url: 'https://www.dailyledger.example/business/2024/06/02/markets-steady',
          guid: 'https://www.dailyledger.example/business/2024/06/02/markets-steady',
          publishedAt: '2024-06-02T18:00:00.000Z',
          author: null,
          summary: 'Stocks were little changed.',
          content: null,
        },
      ],
    });
    expect(lines[1]).toMatchObject({
      file: fixture('atom1-blog.xml'),
      feed: { format: 'atom1', title: 'Field Notes' },
    });
    expect((lines[1].items as Array<{ title: string }>).map((item) => item.title)).toEqual([
      'Inside the relief convoy',
      'Notebook: a quiet week',
    ]);
  });

  it('decodes the bytes with the declared charset before parsing', async () => {
    const { lines } = await run([fixture('rss2-windows-1252.xml')]);
    expect(lines[0]).toMatchObject({
      feed: { title: 'Le Petit Journal – Édition du soir' },
      items: [{ title: '« Été caniculaire » : les départements en alerte', author: 'Hélène Dubois' }],
    });
  });

  it('writes an error line for a file that fails, goes on with the rest, and exits non-zero', async () => {
    const missing = fixture('does-not-exist.xml');
    const { code, lines } = await run([fixture('not-a-feed.html'), missing, fixture('jsonfeed-1.1.json')]);
    expect(code).toBe(1);
    expect(lines).toEqual([
      {
        file: fixture('not-a-feed.html'),
        error: 'not a feed: root element <html> at line 2 is not <rss>, <rdf:RDF> or <feed>',
      },
      { file: missing, error: expect.stringContaining('ENOENT') },
      expect.objectContaining({
        file: fixture('jsonfeed-1.1.json'),
        feed: expect.objectContaining({ format: 'jsonfeed' }),
      }),
    ]);
  });

  it('resolves relative links against --base-url when the feed has no link of its own', async () => {
    const lines: Array<{ items: Array<{ url: string }> }> = [];
    const xml = '<rss version="2.0"><channel><title>t</title><item><link>a/1</link></item></channel></rss>';
    await runFeed(
      ['inline.xml'],
      { writeLine: (line) => lines.push(JSON.parse(line)), readFile: async () => new TextEncoder().encode(xml) },
      { baseUrl: 'https://site.example/feeds/rss.xml' },
    );
    expect(lines[0].items[0].url).toBe('https://site.example/feeds/a/1');
  });
});
