import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectDocumentKind } from './document-kind';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

describe('detectDocumentKind', () => {
  it('recognises feeds from content even when the server calls them text/html', () => {
    expect(detectDocumentKind(fixture('rss2-news.xml'), 'text/html; charset=utf-8')).toBe('feed');
    expect(detectDocumentKind(fixture('jsonfeed-1.1.json'), 'application/json')).toBe('feed');
    expect(detectDocumentKind(fixture('atom1-blog.xml'))).toBe('feed');
  });

  it('recognises sitemaps and sitemap indexes', () => {
    expect(detectDocumentKind(fixture('sitemap.xml'), 'application/xml')).toBe('sitemap');
    expect(detectDocumentKind(fixture('sitemap-index.xml'))).toBe('sitemap');
  });

  it('recognises HTML by its markup, whatever the header says', () => {
    expect(detectDocumentKind(fixture('not-a-feed.html'), 'text/plain')).toBe('html');
    expect(detectDocumentKind('<div>fragment</div>', 'text/html')).toBe('html');
  });

  it('falls back to text', () => {
    expect(detectDocumentKind('NATO ministers met on Monday.\n\nThey discussed aid.', 'text/plain')).toBe('text');
    expect(detectDocumentKind('<div>fragment</div>')).toBe('text');
  });
});
