import { parseHtml } from './dom';
import { articleNode, jsonLdNodes, namesOf, unwrapScript } from './json-ld';

const nodesOf = (script: string): ReturnType<typeof jsonLdNodes> =>
  jsonLdNodes(parseHtml(`<html><head><script type="application/ld+json">${script}</script></head></html>`));

describe('JSON-LD scripts', () => {
  it('reads JSON-LD wrapped in CDATA or a comment, as XHTML-style pages write it', () => {
    const json = '{"@type":"NewsArticle","datePublished":"2018-04-05T06:00"}';
    for (const wrapped of [`\n<![CDATA[\n${json}\n]]>\n`, `//<![CDATA[\n${json}\n//]]>`, `<!--${json}-->`, json]) {
      expect(articleNode(nodesOf(wrapped))?.datePublished).toBe('2018-04-05T06:00');
    }
    expect(unwrapScript('/*<![CDATA[*/{"a":1}/*]]>*/')).toBe('{"a":1}');
  });

  it('takes a fact check (ClaimReview) as the page article', () => {
    const node = articleNode(nodesOf('{"@type":"ClaimReview","datePublished":"2026-05-13 15:44"}'));
    expect(node?.datePublished).toBe('2026-05-13 15:44');
  });

  it('names a Person given only by its parts, and nothing that is neither a name nor a Person with a family name', () => {
    const authors = [
      { '@type': 'Person', givenName: 'Birgit', familyName: 'Baumann' },
      { '@type': 'Person', givenName: 'Anna', additionalName: 'Giulia', familyName: 'Fink' },
      { '@type': 'Person', name: 'Jan Michael Marchart', familyName: 'Marchart' },
      { '@type': 'Person', givenName: 'Prince' },
      { '@type': 'Organization', url: 'https://example.com' },
    ];
    expect(namesOf(authors)).toEqual(['Birgit Baumann', 'Anna Giulia Fink', 'Jan Michael Marchart']);
  });
});
