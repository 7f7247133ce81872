import { cli } from '../test/run-cli';

// Each refused before anything connects or reads: the option parser runs before the command's action.
describe('the CLI parses every numeric and date option strictly', () => {
  it.each([
    [
      ['sources', 'add', '--kind', 'feed', '--url', 'https://example.com/feed.xml', '--interval', '0x10'],
      /--interval.*"0x10" is not a whole number/,
    ],
    [['stats', '--watch', 'abc'], /--watch.*"abc" is not a number above 0/],
    [['enrich', '--published-at', 'notadate'], /--published-at.*"notadate" is not an ISO-8601 date/],
    [['dedup', '--window-days', '1e3', 'articles.jsonl'], /--window-days.*"1e3" is not a number above 0/],
    [['audit', '--limit', '5x'], /--limit.*"5x" is not a whole number/],
  ])('inkstream %j fails with a message naming the option and the expected form', async (args, message) => {
    const { code, out, err } = await cli(args as string[], {});
    expect(code).toBe(1);
    expect(err).toMatch(message);
    expect(out).toBe('');
  });
});
