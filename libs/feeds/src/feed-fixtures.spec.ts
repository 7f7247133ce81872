import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBody } from './decode-body';
import type { FeedEnclosure, FeedFormat, FeedItem } from './feed-types';
import { parseFeed } from './parse-feed';

/** Fixtures are read as bytes and decoded the way the fetcher will, so encodings and BOMs are exercised too. */
function parseFixture(name: string) {
  return parseFeed(decodeBody(readFileSync(join(__dirname, 'fixtures', name))).text);
}

type ExpectedItem = Pick<FeedItem, 'title' | 'url' | 'guid' | 'publishedAt' | 'author'> & {
  enclosures?: FeedEnclosure[];
};

function project(items: FeedItem[], withEnclosures: boolean) {
  return items.map(({ title, url, guid, publishedAt, author, enclosures }) =>
    withEnclosures ? { title, url, guid, publishedAt, author, enclosures } : { title, url, guid, publishedAt, author },
  );
}

interface FixtureExpectation {
  file: string;
  format: FeedFormat;
  feedTitle: string | null;
  feedLink: string | null;
  items: ExpectedItem[];
}

const audio = (url: string, length: number | null, type = 'audio/mpeg'): FeedEnclosure => ({ url, type, length });

const expectations: FixtureExpectation[] = [
  {
    file: 'rss2-news.xml',
    format: 'rss2',
    feedTitle: 'The Daily Ledger – World',
    feedLink: 'https://www.dailyledger.example/world/',
    items: [
      {
        title: 'NATO ministers meet in Brussels as Ukraine aid tops agenda',
        url: 'https://www.dailyledger.example/world/2024/06/03/nato-ministers-brussels',
        guid: 'https://www.dailyledger.example/?p=88231',
        publishedAt: '2024-06-03T13:45:12.000Z',
        author: 'Jane Whitfield',
      },
      {
        title: 'Floods displace thousands in southern Brazil',
        url: 'https://www.dailyledger.example/world/2024/06/03/brazil-floods',
        guid: 'https://www.dailyledger.example/?p=88219',
        publishedAt: '2024-06-03T12:30:00.000Z',
        author: 'Marco Lima, Ana Souza',
      },
      {
        title: 'Markets steady ahead of central bank decision',
        url: 'https://www.dailyledger.example/business/2024/06/02/markets-steady',
        guid: 'https://www.dailyledger.example/business/2024/06/02/markets-steady',
        publishedAt: '2024-06-02T18:00:00.000Z',
        author: null,
      },
    ],
  },
  {
    file: 'rss2-relative-links.xml',
    format: 'rss2',
    feedTitle: 'Harbour Town Gazette',
    feedLink: 'https://gazette.example/news/',
    items: [
      {
        title: 'Council approves new ferry timetable',
        url: 'https://gazette.example/news/2024/ferry-timetable',
        guid: 'gazette-1001',
        publishedAt: '2024-05-14T07:00:00.000Z',
        author: null,
        enclosures: [{ url: 'https://gazette.example/media/ferry.jpg', type: 'image/jpeg', length: 48213 }],
      },
      {
        title: 'Lifeboat crew honoured',
        url: 'https://gazette.example/news/2024/lifeboat-crew',
        guid: 'gazette-1002',
        publishedAt: null,
        author: null,
        enclosures: [],
      },
      { title: null, url: null, guid: null, publishedAt: null, author: null, enclosures: [] },
      {
        title: 'Permalink only in guid',
        url: 'https://gazette.example/news/2024/guid-permalink',
        guid: 'https://gazette.example/news/2024/guid-permalink',
        publishedAt: null,
        author: null,
        enclosures: [],
      },
    ],
  },
  {
    file: 'rss2-podcast-itunes.xml',
    format: 'rss2',
    feedTitle: 'The Newsroom Briefing',
    feedLink: 'https://podcasts.example/briefing',
    items: [
      {
        title: 'Episode 212: Election night special',
        url: null,
        guid: 'briefing-212',
        publishedAt: '2024-06-05T09:00:00.000Z',
        author: 'Sam Carter',
        enclosures: [audio('https://cdn.podcasts.example/briefing/212.mp3', 40583219)],
      },
      {
        title: 'Episode 211: The week in review',
        url: null,
        guid: 'briefing-211',
        publishedAt: '2024-05-31T09:00:00.000Z',
        author: 'Sam Carter',
        enclosures: [audio('https://cdn.podcasts.example/briefing/211.mp3', 29521100)],
      },
    ],
  },
  {
    file: 'rss2-media-rss.xml',
    format: 'rss2',
    feedTitle: 'Pictures of the Day',
    feedLink: 'https://photos.example/',
    items: [
      {
        title: 'Storm over the harbour',
        url: 'https://photos.example/2024/storm-harbour',
        guid: 'https://photos.example/2024/storm-harbour',
        publishedAt: '2024-06-06T19:10:00.000Z',
        author: 'Photo Desk',
        // <enclosure> and media:content name the same file: one entry, the known size kept
        enclosures: [{ url: 'https://img.photos.example/storm-1024.jpg', type: 'image/jpeg', length: 204800 }],
      },
      {
        title: 'Video: Tall ships arrive',
        url: 'https://photos.example/2024/tall-ships',
        guid: 'https://photos.example/2024/tall-ships',
        publishedAt: '2024-06-06T14:00:00.000Z',
        author: null,
        enclosures: [
          { url: 'https://video.photos.example/tall-ships-720.mp4', type: 'video/mp4', length: 15000000 },
          { url: 'https://video.photos.example/tall-ships-360.mp4', type: 'video/mp4', length: 5000000 },
        ],
      },
    ],
  },
  {
    file: 'rss2-html-entities.xml',
    format: 'rss2',
    feedTitle: 'Café Society & Culture',
    feedLink: 'https://culture.example/',
    items: [
      {
        title: 'Rock & roll returns — with a twist',
        url: 'https://culture.example/rock-roll',
        guid: 'c-1',
        publishedAt: '2024-06-01T12:00:00.000Z',
        author: 'Chloé Martin',
      },
      {
        title: 'Opera tonight: “Tosca”',
        url: 'https://culture.example/tosca',
        guid: 'c-2',
        publishedAt: '2024-06-01T10:00:00.000Z',
        author: 'desk@culture.example',
      },
    ],
  },
  {
    file: 'rss2-unescaped-ampersand.xml',
    format: 'rss2',
    feedTitle: 'Smith & Sons Trade News',
    feedLink: 'https://trade.example/?section=news&lang=en',
    items: [
      {
        title: "Mergers & acquisitions: the week's deals",
        url: 'https://trade.example/article?id=17&ref=rss',
        guid: 'trade-17',
        publishedAt: '2024-06-07T07:30:00.000Z',
        author: null,
      },
    ],
  },
  {
    file: 'rss2-bom.xml',
    format: 'rss2',
    feedTitle: 'Nordlys Nyheter',
    feedLink: 'https://nordlys.example/',
    items: [
      {
        title: 'Midnattssol over Tromsø',
        url: 'https://nordlys.example/2024/midnattssol',
        guid: 'nordlys-501',
        publishedAt: '2024-06-21T21:59:00.000Z',
        author: null,
      },
    ],
  },
  {
    file: 'rss2-undeclared-namespaces.xml',
    format: 'rss2',
    feedTitle: 'Valley Courier',
    feedLink: 'https://courier.example/',
    items: [
      {
        title: 'School board election results',
        url: 'https://courier.example/school-board',
        guid: null,
        publishedAt: '2024-05-29T02:00:00.000Z',
        author: 'Priya Nair',
      },
    ],
  },
  {
    file: 'rss2-windows-1252.xml',
    format: 'rss2',
    feedTitle: 'Le Petit Journal – Édition du soir',
    feedLink: 'https://petitjournal.example/',
    items: [
      {
        title: '« Été caniculaire » : les départements en alerte',
        url: 'https://petitjournal.example/ete-caniculaire',
        guid: 'pj-3301',
        publishedAt: '2024-07-15T15:20:00.000Z',
        author: 'Hélène Dubois',
      },
    ],
  },
  {
    file: 'rss091-netscape.xml',
    format: 'rss09',
    feedTitle: 'WriteTheWeb',
    feedLink: 'http://writetheweb.example/',
    items: [
      {
        title: 'Giving the world a pluggable Gnutella',
        url: 'http://writetheweb.example/read.php?item=24',
        guid: null,
        publishedAt: null,
        author: null,
      },
      {
        title: 'Syndication discussions hot up',
        url: 'http://writetheweb.example/read.php?item=23',
        guid: null,
        publishedAt: null,
        author: null,
      },
    ],
  },
  {
    file: 'rss092-enclosure.xml',
    format: 'rss09',
    feedTitle: "Dave's Radio Show",
    feedLink: 'http://radio.example/',
    items: [
      {
        title: null,
        url: null,
        guid: null,
        publishedAt: null,
        author: null,
        enclosures: [audio('http://radio.example/gratefulDead/1977-05-08.mp3', 6182912)],
      },
      {
        title: 'Kansas City',
        url: 'http://radio.example/2002/09/29#kc',
        guid: null,
        publishedAt: null,
        author: null,
        enclosures: [],
      },
    ],
  },
  {
    file: 'rss1-rdf.xml',
    format: 'rss1',
    feedTitle: 'Tech Dispatch',
    feedLink: 'https://tech.example/',
    items: [
      {
        title: 'New kernel release adds scheduler tweaks',
        url: 'https://tech.example/story/24/06/04/1?utm_source=rss',
        guid: 'https://tech.example/story/24/06/04/1',
        publishedAt: '2024-06-04T11:20:00.000Z',
        author: 'timothy',
      },
      {
        title: 'Open-source office suite ships major update',
        url: 'https://tech.example/story/24/06/04/2',
        guid: 'https://tech.example/story/24/06/04/2',
        publishedAt: '2024-06-04T13:05:00.000Z',
        author: 'msmash',
      },
    ],
  },
  {
    file: 'rss090-rdf.xml',
    format: 'rss09',
    feedTitle: 'Mozilla Dot Org',
    feedLink: 'http://www.mozilla.example/',
    items: [
      {
        title: 'New Status Updates',
        url: 'http://www.mozilla.example/status/',
        guid: null,
        publishedAt: null,
        author: null,
      },
      {
        title: 'Bugzilla Reorganized',
        url: 'http://www.mozilla.example/bugs/',
        guid: null,
        publishedAt: null,
        author: null,
      },
    ],
  },
  {
    file: 'atom1-blog.xml',
    format: 'atom1',
    feedTitle: 'Field Notes',
    feedLink: 'https://fieldnotes.example/',
    items: [
      {
        title: 'Inside the relief convoy',
        url: 'https://fieldnotes.example/2024/06/relief-convoy',
        guid: 'tag:fieldnotes.example,2024:/relief-convoy',
        publishedAt: '2024-06-08T05:00:00.000Z',
        author: 'Leila Haddad, Tom Becker',
      },
      {
        title: 'Notebook: a quiet week',
        url: 'https://fieldnotes.example/2024/06/quiet-week',
        guid: 'tag:fieldnotes.example,2024:/quiet-week',
        // no <published>: the entry's <updated> stands in
        publishedAt: '2024-06-01T10:00:00.000Z',
        // no entry author: inherited from the feed
        author: 'Field Notes Desk',
      },
    ],
  },
  {
    file: 'atom1-xml-base.xml',
    format: 'atom1',
    feedTitle: 'Engineering Blog',
    feedLink: 'https://engineering.example/blog/',
    items: [
      {
        title: 'Scaling our ingestion pipeline',
        url: 'https://engineering.example/blog/2024/scaling-ingestion.html',
        guid: 'https://engineering.example/blog/2024/scaling-ingestion.html',
        publishedAt: '2024-04-01T07:00:00.000Z',
        author: 'R. Okafor',
        enclosures: [audio('https://engineering.example/audio/scaling.mp3', 1337)],
      },
      {
        title: 'Postmortem: the March outage',
        url: 'https://engineering.example/blog/postmortems/march',
        guid: 'https://engineering.example/blog/postmortems/march',
        publishedAt: '2024-03-20T16:45:00.000Z',
        author: null,
        enclosures: [],
      },
    ],
  },
  {
    file: 'atom03.xml',
    format: 'atom03',
    feedTitle: 'dive into mark',
    feedLink: 'http://diveintomark.example/',
    items: [
      {
        title: 'Atom 0.3 snapshot',
        url: 'http://diveintomark.example/2003/12/13/atom03',
        guid: 'tag:diveintomark.example,2003:3.2397',
        publishedAt: '2003-12-13T12:29:29.000Z',
        author: 'Mark Pilgrim',
      },
    ],
  },
  {
    file: 'atom1-youtube-media.xml',
    format: 'atom1',
    feedTitle: 'Newsroom Video',
    feedLink: 'https://www.youtube.example/channel/UCnews',
    items: [
      {
        title: 'Explained: the new budget in 3 minutes',
        url: 'https://www.youtube.example/watch?v=abc123',
        guid: 'yt:video:abc123',
        publishedAt: '2024-06-09T15:00:05.000Z',
        author: 'Newsroom Video',
        enclosures: [
          {
            url: 'https://www.youtube.example/v/abc123?version=3',
            type: 'application/x-shockwave-flash',
            length: null,
          },
        ],
      },
    ],
  },
  {
    file: 'jsonfeed-1.0.json',
    format: 'jsonfeed',
    feedTitle: 'Morning Memo',
    feedLink: 'https://memo.example/',
    items: [
      {
        title: 'Memo: rates, rain and a rover',
        url: 'https://memo.example/2024/06/10/',
        guid: '2024-06-10',
        publishedAt: '2024-06-10T11:00:00.000Z',
        author: 'Alex Rivera',
        enclosures: [audio('https://memo.example/audio/2024-06-10.m4a', 2093442, 'audio/x-m4a')],
      },
      {
        title: null,
        url: 'https://memo.example/2024/06/09/',
        guid: '2024-06-09',
        publishedAt: '2024-06-09T12:00:00.000Z',
        author: 'Alex Rivera',
        enclosures: [],
      },
    ],
  },
  {
    file: 'jsonfeed-1.1.json',
    format: 'jsonfeed',
    feedTitle: 'Wire Desk',
    feedLink: 'https://wire.example/',
    items: [
      {
        title: 'Election turnout hits record high',
        url: 'https://wire.example/a/7781',
        guid: 'https://wire.example/a/7781',
        publishedAt: '2024-07-05T02:15:00.000Z',
        author: 'Nadia Karimi, Owen Hughes',
      },
      {
        title: 'Heatwave warning extended',
        url: 'https://wire.example/a/7779',
        guid: 'https://wire.example/a/7779',
        publishedAt: '2024-07-04T20:40:00.000Z',
        author: 'Wire Desk',
      },
    ],
  },
];

describe('feed fixtures', () => {
  it.each(expectations)('$file: format, feed and items in document order', (expected) => {
    const parsed = parseFixture(expected.file);
    const withEnclosures = expected.items.some((item) => item.enclosures !== undefined);
    expect(parsed.format).toBe(expected.format);
    expect(parsed.feed.title).toBe(expected.feedTitle);
    expect(parsed.feed.link).toBe(expected.feedLink);
    expect(project(parsed.items, withEnclosures)).toEqual(expected.items);
  });

  it('rss2-news.xml: keeps summary and full content HTML as given, and categories', () => {
    const [first] = parseFixture('rss2-news.xml').items;
    expect(first.summary).toBe('<p>Defence ministers gathered on Monday&#8230;</p>');
    expect(first.content).toBe(
      '<p>Defence ministers gathered on Monday in Brussels.</p><p>They discussed a new aid package.</p>',
    );
    expect(first.categories).toEqual(['World', 'Europe']);
  });

  it('rss2-news.xml: feed metadata with language and a UTC lastBuildDate', () => {
    expect(parseFixture('rss2-news.xml').feed).toEqual({
      title: 'The Daily Ledger – World',
      link: 'https://www.dailyledger.example/world/',
      description: 'Latest world news from The Daily Ledger',
      language: 'en-gb',
      updatedAt: '2024-06-03T14:05:00.000Z',
    });
  });

  it('rss2-podcast-itunes.xml: itunes:summary stands in for a missing description', () => {
    expect(parseFixture('rss2-podcast-itunes.xml').items.map((item) => item.summary)).toEqual([
      'Results and analysis from election night.',
      '<p>Our weekly round-up.</p>',
    ]);
  });

  it('rss2-undeclared-namespaces.xml: reads content:encoded without its xmlns declaration', () => {
    expect(parseFixture('rss2-undeclared-namespaces.xml').items[0].content).toBe('<p>Three seats changed hands.</p>');
  });

  it('rss2-odd-dates.xml: normalises every readable pubDate to UTC and the rest to null', () => {
    expect(parseFixture('rss2-odd-dates.xml').items.map((item) => [item.guid, item.publishedAt])).toEqual([
      ['d1', '2024-06-12T08:00:00.000Z'],
      ['d2', '2024-06-12T04:30:00.000Z'],
      ['d3', '2024-06-12T18:00:00.000Z'],
      ['d4', '2024-06-12T10:00:00.000Z'],
      ['d5', '2024-06-12T01:00:00.000Z'],
      ['d6', '2024-06-12T10:00:00.000Z'],
      ['d7', null],
      ['d8', null],
      ['d9', '2024-06-12T10:00:00.000Z'],
    ]);
  });

  it('rss1-rdf.xml: Dublin Core subjects become categories and content:encoded the content', () => {
    const [, second] = parseFixture('rss1-rdf.xml').items;
    expect(second.categories).toEqual(['software', 'opensource']);
    expect(second.content).toBe('<p>The update brings a refreshed interface.</p>');
    expect(parseFixture('rss1-rdf.xml').feed.language).toBe('en-us');
  });

  it('atom1-blog.xml: xhtml content without its wrapper div, html summary as given, terms as categories', () => {
    const [first, second] = parseFixture('atom1-blog.xml').items;
    expect(first.content?.replace(/\s+/g, ' ').trim()).toBe(
      '<p>The convoy left at <strong>dawn</strong>.</p> <p>By noon it had crossed the first checkpoint.</p>',
    );
    expect(first.summary).toBe('<p>Twelve trucks, three checkpoints.</p>');
    expect(first.updatedAt).toBe('2024-06-08T18:30:02.000Z');
    expect(first.categories).toEqual(['humanitarian', 'middle-east']);
    expect(second.content).toBe('Nothing much happened, which is news in itself.');
  });

  it('atom03.xml: escaped content mode yields the HTML, modified becomes updatedAt', () => {
    const [entry] = parseFixture('atom03.xml').items;
    expect(entry.content).toBe('<p>Escaped <em>HTML</em> content.</p>');
    expect(entry.updatedAt).toBe('2003-12-13T18:30:02.000Z');
  });

  it('jsonfeed-1.0.json: content_html, summary, tags and date_modified', () => {
    const [first, second] = parseFixture('jsonfeed-1.0.json').items;
    expect(first).toMatchObject({
      content: '<p>Three things to know this morning.</p>',
      summary: 'Three things to know',
      categories: ['memo', 'daily'],
    });
    expect(second).toMatchObject({ content: 'Sunday memo in plain text.', updatedAt: '2024-06-09T13:30:00.000Z' });
  });
});
