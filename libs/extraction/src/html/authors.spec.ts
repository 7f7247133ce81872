import { parseHtml } from './dom';
import { catalogueName, domCredits, readAuthors, splitCredits } from './authors';

describe('authors', () => {
  it('splits multi-author bylines in several languages and drops the "by" and roles', () => {
    expect(splitCredits('By Samya Kullab and Vasilisa Stepanenko')).toEqual(['Samya Kullab', 'Vasilisa Stepanenko']);
    expect(splitCredits('Von Birgit Baumann, Anna Giulia Fink und Jan Michael Marchart')).toEqual([
      'Birgit Baumann',
      'Anna Giulia Fink',
      'Jan Michael Marchart',
    ]);
    expect(splitCredits('Mathias Hagen / Journalist')).toEqual(['Mathias Hagen']);
    expect(splitCredits('Twitter Facebook')).toEqual([]);
    expect(catalogueName('Brazil, Rachel')).toBe('Rachel Brazil');
  });

  it('keeps agencies and organisations apart from persons and leaves the site out', () => {
    const credits = readAuthors([['Adam Vidler', 'AP', 'Nine News', 'Example Times']], ['exampletimes']);
    expect(credits).toEqual({ persons: ['Adam Vidler'], organisations: ['AP', 'Nine News'], site: ['Example Times'] });
  });

  it('takes the first source that names a person', () => {
    expect(readAuthors([['dpa'], ['Jane Roe']], []).persons).toEqual(['Jane Roe']);
    expect(readAuthors([['Jane Roe'], ['John Doe']], []).persons).toEqual(['Jane Roe']);
  });

  it('reads the visible byline, linked names apart, and never a commenter', () => {
    const doc = parseHtml(`<body>
      <div class="byline">Von <a href="/a">Birgit Baumann</a><a href="/b">Anna Fink</a></div>
      <p>Text.</p>
      <section id="comments"><span class="author">Troll McTroll</span></section>
    </body>`);
    expect(domCredits(doc)).toEqual(['Birgit Baumann', 'Anna Fink']);
  });
});
