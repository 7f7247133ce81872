import {
  decodeSearchCursor,
  encodeSearchCursor,
  findMatches,
  highlightArticle,
  parseSearchTerms,
  MAX_SEARCH_DEPTH,
} from './article-search';

describe('article search', () => {
  it('reads words, quoted phrases and excluded words as $text does, folded', () => {
    expect(parseSearchTerms('Ukraine "security  Allies" -Russia Kyïv')).toEqual({
      words: ['ukraine', 'kyiv'],
      phrases: [['security', 'allies']],
      excluded: ['russia'],
    });
  });

  it('finds words whatever their case and accents, and phrases only in order', () => {
    const text = 'KYIV: security allies met; allies of security';
    const spans = findMatches(text, parseSearchTerms('kyiv "security allies"'));
    expect(spans.map((span) => text.slice(span.start, span.end))).toEqual(['KYIV', 'security allies']);
  });

  it('highlights the title and body snippets around matches, escaping the text', () => {
    const body = `${'Filler words here. '.repeat(20)}Leaders in <Brussels> pledged weapons to Ukraine. ${'More. '.repeat(30)}`;
    const highlights = highlightArticle(
      { title: 'NATO vows weapons for Ukraine', body },
      parseSearchTerms('ukraine weapons'),
    );
    expect(highlights[0]).toEqual({
      field: 'title',
      snippet: 'NATO vows <mark>weapons</mark> for <mark>Ukraine</mark>',
    });
    expect(highlights[1].field).toBe('body');
    expect(highlights[1].snippet).toContain('&lt;Brussels&gt; pledged <mark>weapons</mark> to <mark>Ukraine</mark>.');
    expect(highlights[1].snippet.startsWith('… ')).toBe(true);
    expect(highlights[1].snippet.endsWith(' …')).toBe(true);
    expect(highlights).toHaveLength(2);
  });

  it('pages with a cursor that only the same query may use, never past the fixed depth', () => {
    const cursor = encodeSearchCursor({ query: 'nato', offset: 20 });
    expect(decodeSearchCursor(cursor, 'nato')).toEqual({ query: 'nato', offset: 20 });
    expect(() => decodeSearchCursor(cursor, 'ukraine')).toThrow(/another search/);
    expect(() => decodeSearchCursor(encodeSearchCursor({ query: 'x', offset: MAX_SEARCH_DEPTH + 1 }), 'x')).toThrow(
      /not one this API issued/,
    );
    expect(() => decodeSearchCursor('not-a-cursor', 'x')).toThrow(/not one this API issued/);
  });
});
