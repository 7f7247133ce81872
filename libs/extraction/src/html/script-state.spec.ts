import { parseHtml } from './dom';
import { scriptStateBody } from './script-state';

const paragraphs = Array.from(
  { length: 6 },
  (_, i) => `Paragraph ${i} of the story says what the minister announced on Tuesday, and why it matters to readers.`,
);
const page = (scripts: string): string => `<html><body><div id="app">Loading…</div>${scripts}</body></html>`;

describe('scriptStateBody', () => {
  it('reads a list of paragraph objects (Arc XP content_elements, Reuters)', () => {
    const state = JSON.stringify({
      content_elements: paragraphs.map((content, i) => ({ type: 'paragraph', _id: `p${i}`, content })),
      related: [{ headline: 'Another story about something else entirely, in a teaser list' }],
    });
    const html = page(
      `<script type="application/javascript">window.Fusion=window.Fusion||{};Fusion.globalContent=${state};</script>`,
    );
    expect(scriptStateBody(parseHtml(html))).toBe(paragraphs.join('\n'));
  });

  it('reads an HTML value (`contentHtml`, Next.js `__NEXT_DATA__`) as its paragraphs, markup and captions dropped', () => {
    const caption =
      '<div class="img-box"><img src="/a.jpg"><div class="caption"><p>The minister on Tuesday. Photo: Agency</p></div></div>';
    const contentHtml =
      caption +
      paragraphs
        .map((p, i) => (i === 1 ? `<p>${p.replace('minister', '<a href="/m">minister</a>')}</p>` : `<p>${p}</p>`))
        .join('');
    const html = page(
      `<script id="__NEXT_DATA__" type="application/json">${JSON.stringify({ props: { article: { contentHtml } } })}</script>`,
    );
    expect(scriptStateBody(parseHtml(html))).toBe(paragraphs.join('\n'));
  });

  it('reads state serialised inside a JS string one level down (`self.__next_f.push`)', () => {
    const inner = JSON.stringify({ story: { body: paragraphs.join('\n') } });
    const html = page(`<script>self.__next_f.push([1,${JSON.stringify(inner)}])</script>`);
    expect(scriptStateBody(parseHtml(html))).toBe(paragraphs.join('\n'));
  });

  it('takes nothing from keys that do not name a body, from code, from JSON-LD or from short state', () => {
    const teasers = JSON.stringify({ items: paragraphs.map((description) => ({ description })) });
    const query = JSON.stringify({
      content: `{"operationName":"UserQuery","query":"${'query UserQuery { user } '.repeat(30)}"}`,
    });
    const ld = JSON.stringify({ '@type': 'NewsArticle', text: paragraphs.join('\n') });
    const short = JSON.stringify({ content: paragraphs[0] });
    const html = page(
      `<script>var s=${teasers};</script><script>var q=${query};</script>` +
        `<script type="application/ld+json">${ld}</script><script>var t=${short};</script>`,
    );
    expect(scriptStateBody(parseHtml(html))).toBeNull();
  });

  it('keeps two lists apart when they are far from each other in the script, and returns the longer', () => {
    const filler = JSON.stringify({ config: 'x'.repeat(2_000) });
    const first = paragraphs.slice(0, 2).map((text) => ({ text }));
    const second = paragraphs.map((text) => ({ text: `${text} More.` }));
    const html = page(
      `<script>var a=${JSON.stringify({ first })};var f=${filler};var b=${JSON.stringify({ second })};</script>`,
    );
    expect(scriptStateBody(parseHtml(html))).toBe(paragraphs.map((p) => `${p} More.`).join('\n'));
  });
});
