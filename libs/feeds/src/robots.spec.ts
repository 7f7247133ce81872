import { allowAllRobots, crawlDelaySeconds, disallowAllRobots, isAllowed, parseRobots } from './robots';

const ROBOTS = `
User-agent: *
Disallow: /private/
Allow: /private/press/
Crawl-delay: 10

User-agent: inkstream
Disallow: /search
Crawl-delay: 2.5

Sitemap: https://news.example/sitemap.xml
Sitemap: https://news.example/news-sitemap.xml
`;

describe('robots', () => {
  const robots = parseRobots(ROBOTS, 'https://news.example/robots.txt');

  it('applies the group for our user agent, not the wildcard one', () => {
    expect(isAllowed(robots, 'https://news.example/search?q=x', 'inkstream/1.0')).toBe(false);
    expect(isAllowed(robots, 'https://news.example/private/x', 'inkstream/1.0')).toBe(true);
  });

  it('applies the wildcard group with longest-match Allow for other agents', () => {
    expect(isAllowed(robots, 'https://news.example/private/x', 'otherbot')).toBe(false);
    expect(isAllowed(robots, 'https://news.example/private/press/release', 'otherbot')).toBe(true);
    expect(isAllowed(robots, 'https://news.example/world/', 'otherbot')).toBe(true);
  });

  it('reads the crawl delay per agent, null when there is none', () => {
    expect(crawlDelaySeconds(robots, 'inkstream')).toBe(2.5);
    expect(crawlDelaySeconds(robots, 'otherbot')).toBe(10);
    expect(crawlDelaySeconds(parseRobots('User-agent: *\nDisallow:', 'https://a.example/robots.txt'), 'x')).toBeNull();
  });

  it('lists the sitemaps', () => {
    expect(robots.sitemaps).toEqual(['https://news.example/sitemap.xml', 'https://news.example/news-sitemap.xml']);
  });

  it('throws for a URL on another origin instead of guessing', () => {
    expect(() => isAllowed(robots, 'https://other.example/', 'inkstream')).toThrow(RangeError);
  });

  it('offers the policies for a missing (allow all) and an unreachable (disallow all) robots.txt', () => {
    expect(isAllowed(allowAllRobots('https://a.example/robots.txt'), 'https://a.example/x', 'inkstream')).toBe(true);
    expect(isAllowed(disallowAllRobots('https://a.example/robots.txt'), 'https://a.example/x', 'inkstream')).toBe(
      false,
    );
  });
});
