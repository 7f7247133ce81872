import { parseHtml } from './dom';
import { catalogueName, domCredits, labelledCredits, leadCredits, readAuthors, splitCredits } from './authors';

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

  it('takes the first source that credits anyone but the site', () => {
    expect(readAuthors([['dpa'], ['Jane Roe']], [])).toEqual({ persons: [], organisations: ['dpa'], site: [] });
    expect(readAuthors([['Jane Roe'], ['John Doe']], []).persons).toEqual(['Jane Roe']);
    expect(readAuthors([['Example Times'], ['Jane Roe']], ['exampletimes']).persons).toEqual(['Jane Roe']);
  });

  it('reads the visible byline, linked names apart, and never a commenter', () => {
    const doc = parseHtml(`<body>
      <div class="byline">Von <a href="/a">Birgit Baumann</a><a href="/b">Anna Fink</a></div>
      <p>Text.</p>
      <section id="comments"><span class="author">Troll McTroll</span></section>
    </body>`);
    expect(domCredits(doc)).toEqual(['Birgit Baumann', 'Anna Fink']);
  });

  it('leaves out the bylines of teasers for other stories', () => {
    const doc = parseHtml(`<body>
      <span class="author">Jemima Kelly</span><p>Text.</p>
      <div class="teaser-list"><span class="teaser-footer__author">von Niels Kruse</span></div>
    </body>`);
    expect(domCredits(doc)).toEqual(['Jemima Kelly']);
  });

  it('reads a credit line by its label, in several languages, but not a sentence that opens like one', () => {
    const doc = parseHtml(`<body>
      <ul><li><strong>Autorin/Autor</strong>
        Roman Goncharenko</li></ul>
      <p>By Bill McCarthy and Marisha Goldhamer</p>
      <h2>Von der Leyen besucht Kiew</h2><p>Von der Leyen besucht Kiew</p>
      <p>Par Jean Dupont, à Paris, le 3 mai, dans un article beaucoup trop long pour être une ligne de signature</p>
      <div class="comments"><p>By Troll McTroll</p></div>
    </body>`);
    expect(labelledCredits(doc)).toEqual(['Roman Goncharenko', 'Bill McCarthy', 'Marisha Goldhamer']);
  });

  it('reads a byline set as a bold paragraph before the article text, and nothing after the text begins', () => {
    const lead = parseHtml(`<body><p>&nbsp;</p><p><strong>Mathatisi Sebusi/Mohalenyane Phakela</strong></p>
      <p><strong>A</strong> Chinese-owned quarry has come under heavy criticism from five villages near the river, whose
      people say the dust and the blasting have cost them their fields, their water and their peace.</p></body>`);
    expect(leadCredits(lead)).toEqual(['Mathatisi Sebusi', 'Mohalenyane Phakela']);
    const later = parseHtml(`<body><p>A Chinese-owned quarry has come under heavy criticism from five villages near the
      river, whose people say the dust and the blasting have cost them their fields, their water and their peace.</p>
      <p><strong>Key Findings</strong></p></body>`);
    expect(leadCredits(later)).toEqual([]);
  });

  it('takes as persons only names written with capitals where the script has them', () => {
    const credits = readAuthors(
      [
        [
          'capital',
          'Posted on',
          'Lars Fischer ist Chemiker',
          'Ursula von der Leyen',
          "Nick d'Ancona",
          '新間',
          'Jemima Kelly',
        ],
      ],
      [],
    );
    expect(credits.persons).toEqual(['Ursula von der Leyen', "Nick d'Ancona", '新間', 'Jemima Kelly']);
  });

  it('drops "Posted by" and its kin and knows companies and foundations for organisations', () => {
    expect(splitCredits('Posted by Ned Deily')).toEqual(['Ned Deily']);
    expect(splitCredits('Veröffentlicht von Chris Jung')).toEqual(['Chris Jung']);
    expect(readAuthors([['Hanns-Seidel-Stiftung e.V.', 'wegewerk GmbH']], []).organisations).toEqual([
      'Hanns-Seidel-Stiftung e.V.',
      'wegewerk GmbH',
    ]);
  });
});
