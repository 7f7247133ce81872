import type { FeedItem } from '@inkstream/feeds';
import { feedItemToArticle } from './feed-item';

const prose = (n: number): string =>
  `Paragraph ${n} of the feed story is long enough, with commas and detail, to count as article text here.`;

const item = (over: Partial<FeedItem>): FeedItem => ({
  guid: 'g1',
  url: 'https://example.com/story?utm_source=rss',
  title: 'Feed story',
  author: 'Sam Reporter',
  publishedAt: '2024-05-01T10:00:00.000Z',
  updatedAt: '2024-05-01T11:00:00.000Z',
  summary: null,
  content: null,
  categories: ['Science', 'Space'],
  enclosures: [{ url: 'https://example.com/lead.jpg', type: 'image/jpeg', length: null }],
  ...over,
});

describe('feedItemToArticle', () => {
  it('extracts the full content, dropping share links and "appeared first" footers', () => {
    const content = `${[1, 2, 3, 4, 5, 6, 7].map((n) => `<p>${prose(n)}</p>`).join('')}
      <h2>Background</h2><p>${prose(8)}</p>
      <p><a href="https://x.com/share">Share on X</a></p>
      <p>The post <a href="https://example.com/story">Feed story</a> appeared first on <a href="https://example.com">Example</a>.</p>`;
    const article = feedItemToArticle(item({ content, summary: '<p>A teaser.</p>' }), { language: 'en' });
    expect(article.partial).toBe(false);
    expect(article.paragraphs).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map(prose));
    expect(article.headings).toEqual(['Background']);
    expect(article).toMatchObject({
      title: 'Feed story',
      standfirst: 'A teaser.',
      byline: 'Sam Reporter',
      authors: ['Sam Reporter'],
      publishedAt: '2024-05-01T10:00:00.000Z',
      modifiedAt: '2024-05-01T11:00:00.000Z',
      language: 'en',
      leadImage: 'https://example.com/lead.jpg',
      tags: ['Science', 'Space'],
    });
  });

  it("splits a feed item's author line into names, agencies apart", () => {
    const authorsOf = (author: string) => feedItemToArticle(item({ author })).authors;
    expect(authorsOf('By Ann Lee and Bo Chen')).toEqual(['Ann Lee', 'Bo Chen']);
    expect(authorsOf('Ann Lee, Reuters')).toEqual(['Ann Lee']);
    expect(authorsOf('Reuters')).toEqual(['Reuters']);
  });

  it('falls back to the summary and marks the candidate partial', () => {
    const article = feedItemToArticle(item({ summary: 'Only a short <b>summary</b> of the story.' }));
    expect(article.partial).toBe(true);
    expect(article.paragraphs).toEqual(['Only a short summary of the story.']);
    expect(article.standfirst).toBeNull();
  });

  it('keeps plain-text content (JSON Feed content_text) as paragraphs', () => {
    const article = feedItemToArticle(item({ content: `${prose(1)}\n\n${prose(2)}` }));
    expect(article.paragraphs).toEqual([prose(1), prose(2)]);
    expect(article.partial).toBe(true);
  });

  it('identifies the candidate by its link, so the fetched page later gets the same id', () => {
    const a = feedItemToArticle(item({ summary: 'x' }));
    const b = feedItemToArticle(item({ url: 'https://EXAMPLE.com/story', content: `<p>${prose(1)}</p>` }));
    expect(a.id).toBe(b.id);
  });

  it('yields an empty partial candidate for an item with neither content nor summary', () => {
    const article = feedItemToArticle(item({}));
    expect(article).toMatchObject({ partial: true, paragraphs: [], body: '', title: 'Feed story' });
  });
});
