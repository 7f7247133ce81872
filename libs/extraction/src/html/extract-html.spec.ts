import { extractHtml } from './extract-html';

const prose = (n: number): string =>
  `Paragraph ${n} of the report gives details, figures, and quotes that only the article itself would carry here.`;

const articlePage = `<!doctype html>
<html lang="en-GB"><head>
  <title>Bridge reopens after repairs | Example Times</title>
  <meta property="og:site_name" content="Example Times">
  <meta property="og:image" content="/img/bridge.jpg">
  <meta property="article:section" content="Local">
  <meta property="article:tag" content="Transport"><meta property="article:tag" content="Bridges">
  <link rel="canonical" href="https://example.com/news/bridge-reopens?utm_source=twitter">
  <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Example Times"},
    {"@type":"NewsArticle","headline":"Bridge reopens after repairs","datePublished":"2024-03-05T08:00:00+01:00",
     "dateModified":"2024-03-05T10:30:00Z","author":[{"@type":"Person","name":"Ann Writer"}]}]}</script>
</head><body>
  <header><nav><a href="/">Home</a><a href="/local">Local</a><a href="/sport">Sport</a></nav></header>
  <div class="cookie-consent">We use cookies to improve your experience. Accept all cookies, or manage them.</div>
  <main><article class="story">
    <h1>Bridge reopens after repairs</h1>
    <div class="byline">By Ann Writer</div>
    <figure><img src="/img/bridge.jpg"><figcaption>The bridge on Monday. Photo: J. Smith/Getty Images</figcaption></figure>
    <div class="story-body">
      <p>LONDON: ${prose(1)}</p>
      <p>${prose(2)}</p>
      <div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
      <h2>What changes for drivers</h2>
      <p>${prose(3)}</p>
      <aside class="related"><h3>Related</h3><ul><li><a href="/a">Another bridge story with a long headline</a></li></ul></aside>
      <p>${prose(4)}</p>
      <div class="newsletter-signup"><p>Sign up for our newsletter, delivered every morning, with all the local news.</p></div>
      <p>${prose(5)}</p>
    </div>
  </article>
  <section id="comments"><h2>Comments</h2><div class="comment"><p>I drive over this bridge every day, and frankly, it was about time they fixed it.</p></div></section>
  </main>
  <footer><p>© 2024 Example Times. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>`;

describe('extractHtml on an article page', () => {
  const { articles, publisher } = extractHtml(articlePage, { url: 'https://example.com/news/bridge-reopens' });
  const [article] = articles;

  it('extracts exactly the body paragraphs, with headings kept as headings', () => {
    expect(articles).toHaveLength(1);
    expect(article.kind).toBe('article');
    expect(article.paragraphs).toEqual([1, 2, 3, 4, 5].map(prose));
    expect(article.headings).toEqual(['What changes for drivers']);
    expect(article.blocks[2]).toEqual({ type: 'heading', text: 'What changes for drivers' });
    expect(article.body).toBe(article.paragraphs.join('\n'));
  });

  it('moves the wire dateline to its field', () => {
    expect(article.dateline).toBe('London');
  });

  it('reads metadata from JSON-LD, OpenGraph, meta tags and links', () => {
    expect(article).toMatchObject({
      title: 'Bridge reopens after repairs',
      byline: 'Ann Writer',
      publishedAt: '2024-03-05T07:00:00.000Z',
      modifiedAt: '2024-03-05T10:30:00.000Z',
      canonicalUrl: 'https://example.com/news/bridge-reopens?utm_source=twitter',
      url: 'https://example.com/news/bridge-reopens',
      language: 'en-GB',
      leadImage: 'https://example.com/img/bridge.jpg',
      section: 'Local',
      tags: ['Transport', 'Bridges'],
      partial: false,
    });
    expect(publisher).toEqual({ name: 'Example Times', domain: 'example.com', copyright: null });
  });

  it('derives the id from the canonical URL without tracking parameters', () => {
    const again = extractHtml(articlePage, { url: 'https://example.com/other-path' }).articles[0];
    expect(again.id).toBe(article.id);
  });
});

describe('extractHtml on other page shapes', () => {
  it('falls back to JSON-LD articleBody when the page renders its text by script', () => {
    const body = [1, 2, 3, 4].map(prose).join('\n\n');
    const html = `<html><head><script type="application/ld+json">${JSON.stringify({
      '@type': 'NewsArticle',
      headline: 'Rendered later',
      articleBody: body,
    })}</script></head><body><div id="app">Loading…</div></body></html>`;
    const [article] = extractHtml(html).articles;
    expect(article.paragraphs).toEqual([1, 2, 3, 4].map(prose));
    expect(article.title).toBe('Rendered later');
  });

  it('reads the body from the script state when the markup holds only a consent notice and its first paragraph', () => {
    const story = [
      'Nepal disputed on Tuesday whether a plane had been hit by a bird strike, calling the account misleading.',
      'The airline had said a flight carrying 167 passengers experienced a strike during take-off late on Monday.',
      'The jet continued on its journey after engineers judged the engine within normal operating parameters.',
      'Aviation officials barred two managers from the airport for spreading what they called false news.',
      'Mountainous Nepal has a history of deadly crashes, and suffered its worst in thirty years in January.',
    ];
    const headline = 'Nepal disputes bird strike account';
    const state = {
      headline,
      content_elements: story.map((content) => ({ type: 'paragraph', content })),
    };
    const consent =
      'If you are a California consumer, you have the right to opt out of the sale of your personal data.';
    const html = `<html><head><title>${headline}</title></head><body><article><h1>${headline}</h1>
      <p>${story[0]}</p></article><div class="privacy"><p>${consent}</p><p>${consent} Manage settings here.</p></div>
      <script>Fusion.globalContent=${JSON.stringify(state)};</script></body></html>`;
    const [article] = extractHtml(html).articles;
    expect(article.paragraphs).toEqual(story);
  });

  it('returns live-blog entries after the main article', () => {
    const html = `<html><head><script type="application/ld+json">${JSON.stringify({
      '@type': 'LiveBlogPosting',
      headline: 'Election night live',
      liveBlogUpdate: [
        {
          '@type': 'BlogPosting',
          headline: 'Polls close',
          articleBody: prose(7),
          datePublished: '2024-11-05T20:00:00Z',
        },
        { '@type': 'BlogPosting', headline: 'First results', articleBody: prose(8) },
      ],
    })}</script></head><body><article>${[1, 2, 3].map((n) => `<p>${prose(n)}</p>`).join('')}</article></body></html>`;
    const { articles } = extractHtml(html);
    expect(articles.map((a) => a.kind)).toEqual(['article', 'live-entry', 'live-entry']);
    expect(articles[1]).toMatchObject({ title: 'Polls close', publishedAt: '2024-11-05T20:00:00.000Z' });
    expect(articles[2].paragraphs).toEqual([prose(8)]);
  });

  it('returns the teasers of an index page as partial teaser candidates', () => {
    const teaser = (n: number): string =>
      `<div class="card"><h3><a href="/story-${n}">Story number ${n} has a headline</a></h3><p>Summary of story ${n}, which tells what the story is about.</p></div>`;
    const html = `<html><body><nav><a href="/">Home</a></nav>${[1, 2, 3].map(teaser).join('')}</body></html>`;
    const { articles } = extractHtml(html, { url: 'https://example.com/' });
    expect(articles.map((a) => [a.kind, a.partial, a.title, a.url])).toEqual([
      ['teaser', true, 'Story number 1 has a headline', 'https://example.com/story-1'],
      ['teaser', true, 'Story number 2 has a headline', 'https://example.com/story-2'],
      ['teaser', true, 'Story number 3 has a headline', 'https://example.com/story-3'],
    ]);
    expect(articles[0].standfirst).toBe('Summary of story 1, which tells what the story is about.');
  });

  it('reads CJK prose, whose sentences are short in characters', () => {
    const ja = '先日、不正に改造したスマートフォンを販売したとして、男性が逮捕されたというニュースを耳にしました。';
    const html = `<html lang="ja"><body><div class="menu"><a href="/">ホーム</a></div><div class="entry">${[1, 2, 3, 4]
      .map((n) => `<p>${n}${ja}</p>`)
      .join('')}</div></body></html>`;
    const [article] = extractHtml(html).articles;
    expect(article.paragraphs).toHaveLength(4);
    expect(article.language).toBe('ja');
  });

  it('reads a data table row by row', () => {
    const rows = [1, 2, 3].map((n) => `<tr><td>${n}</td><td>Driver ${n}</td><td>${5000 - n}</td></tr>`).join('');
    const html = `<html><body><div class="post"><p>${prose(1)}</p><p>${prose(2)}</p><table>${rows}</table></div></body></html>`;
    const [article] = extractHtml(html).articles;
    expect(article.paragraphs.slice(2)).toEqual(['1 Driver 1 4999', '2 Driver 2 4998', '3 Driver 3 4997']);
  });

  it('drops caption and credit lines printed as paragraphs, in several languages', () => {
    const credits = [
      'Vergrößern Eine kleine runde Aussparung für die Kamera im Display.',
      'Foto: Marco Roepers',
      'Crédits photos : Bestimage',
      'Titelbild: Agentur',
    ];
    const html = `<html><body><article><p>${prose(1)}</p>${credits.map((c) => `<p>${c}</p>`).join('')}<p>${prose(2)}</p></article></body></html>`;
    expect(extractHtml(html).articles[0].paragraphs).toEqual([prose(1), prose(2)]);
  });

  it('reads a data table wrapped in a figure, while other figures stay captions', () => {
    const rows = [1, 2].map((n) => `<tr><td>Fee ${n}</td><td>${n} GBP</td></tr>`).join('');
    const html = `<html><body><div class="post"><p>${prose(1)}</p><figure><table>${rows}</table></figure>
      <p>${prose(2)}</p><figure><img src="x.jpg"><figcaption>Photo: Agency</figcaption></figure></div></body></html>`;
    const [article] = extractHtml(html).articles;
    expect(article.paragraphs).toEqual([prose(1), 'Fee 1 1 GBP', 'Fee 2 2 GBP', prose(2)]);
  });
});

describe('extractHtml on a layout-table page', () => {
  it('finds prose written straight into a table cell, split by <br>', () => {
    const html = `<html><body><table><tr><td class="nav"><a href="/">Home</a><br><a href="/b">Blog</a></td>
      <td>${[1, 2, 3].map(prose).join('<br><br>')}</td></tr></table></body></html>`;
    const [article] = extractHtml(html).articles;
    expect(article.paragraphs).toEqual([1, 2, 3].map(prose));
  });
});

describe('extractHtml on embedded posts', () => {
  it('keeps the text of an embedded tweet, even inside a figure or a "social" wrapper', () => {
    const tweet = `<blockquote class="twitter-tweet"><p>The bridge is finally open again, and traffic is already moving.</p>— City Council (@council) <a href="https://twitter.com/council/status/1">March 5, 2024</a></blockquote>`;
    const html = `<html><body><article><p>${prose(1)}</p><figure class="social-embed">${tweet}</figure><p>${prose(2)}</p><p>${prose(3)}</p></article></body></html>`;
    const [article] = extractHtml(html).articles;
    expect(article.paragraphs).toEqual([
      prose(1),
      'The bridge is finally open again, and traffic is already moving.',
      '— City Council (@council) March 5, 2024',
      prose(2),
      prose(3),
    ]);
  });
});

describe('extractHtml on a live blog without JSON-LD', () => {
  it('returns the main article first, then each <article> entry as a live entry', () => {
    const entry = (n: number): string =>
      `<article id="post-${n}"><time datetime="2024-11-05T2${n}:00:00Z">2${n}:00</time><h2>Update ${n}</h2><p>${prose(n)}</p></article>`;
    const html = `<html><head><link rel="canonical" href="https://example.com/live"></head><body><main><h1>Election night</h1>${[
      1, 2, 3,
    ]
      .map(entry)
      .join('')}</main></body></html>`;
    const { articles } = extractHtml(html);
    expect(articles.map((a) => a.kind)).toEqual(['article', 'live-entry', 'live-entry', 'live-entry']);
    expect(articles[0].paragraphs).toEqual([1, 2, 3].map(prose));
    expect(articles[2]).toMatchObject({
      title: 'Update 2',
      paragraphs: [prose(2)],
      url: 'https://example.com/live#post-2',
      publishedAt: '2024-11-05T22:00:00.000Z',
    });
  });
});

describe('extractHtml class hints', () => {
  it('keeps a story body whose element also carries a furniture class, and drops a long comment thread', () => {
    const comment = (n: number): string =>
      `<div class="comment"><p>Comment ${n}: I have read this, and I think the council should have acted years ago, frankly.</p></div>`;
    const html = `<html><body><div class="story-body has-share">${[1, 2, 3]
      .map((n) => `<p>${prose(n)}</p>`)
      .join('')}</div><div class="comments">${[1, 2, 3, 4, 5, 6, 7, 8].map(comment).join('')}</div></body></html>`;
    const [article] = extractHtml(html).articles;
    expect(article.paragraphs).toEqual([1, 2, 3].map(prose));
  });

  it('falls back to the hint-free choice when every body section carries a furniture class', () => {
    const section = (n: number): string =>
      `<section class="Report__Section Report__Section--Ads"><p>${prose(n)}</p></section>`;
    const html = `<html><body><nav><a href="/">Home</a></nav><article>${[1, 2, 3, 4, 5]
      .map(section)
      .join('')}</article></body></html>`;
    const [article] = extractHtml(html).articles;
    expect(article.paragraphs).toEqual([1, 2, 3, 4, 5].map(prose));
  });

  it('uses the meta description of a page whose body never reaches the HTML, rather than nothing', () => {
    const description = 'New York is the epicentre of the pandemic in the US. Sport has come to a standstill too.';
    const html = `<html><head><title>US sport in times of corona</title><meta name="description" content="${description}"></head>
      <body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav><div id="app">Loading</div></body></html>`;
    const result = extractHtml(html);
    expect(result.articles).toHaveLength(1);
    expect(result.articles[0].body).toBe(description);
  });

  it('keeps a lead of several sentences styled as a heading, as a paragraph', () => {
    const lead =
      'The Intersex Day of Remembrance is marked worldwide on 8 November. This year an online conference brings activists, doctors and lawyers together. It asks what has changed since the law was reformed, and what has not.';
    const html = `<html><body><article><h3>${lead}</h3>${[1, 2, 3].map((n) => `<p>${prose(n)}</p>`).join('')}</article></body></html>`;
    const [article] = extractHtml(html).articles;
    expect(article.paragraphs).toEqual([lead, ...[1, 2, 3].map(prose)]);
  });

  it('reads a long paragraph that ends on a link as prose', () => {
    const text =
      'Die bundesweite Vorbereitungstagung findet am 11. und 12. Februar online statt; das Projekt wird daran teilnehmen. Geplant sind Workshops zur Öffentlichkeitsarbeit und mehr unter https://www.example.org/';
    const [article] = extractHtml(`<html><body><main><p>${text}</p></main></body></html>`).articles;
    expect(article.kind).toBe('article');
    expect(article.paragraphs).toEqual([text]);
  });

  it('prefers the page summary to a body shorter than it', () => {
    const description =
      'How to sew a round tablecloth in seven steps: measure the table, add the drop, cut a square, fold it and mark the arc.';
    const html = `<html><head><meta name="description" content="${description}"></head><body>
      <div class="warning"><p>Please download a newer browser for a better experience, it is free.</p></div></body></html>`;
    const [article] = extractHtml(html).articles;
    expect(article.body).toBe(description);
  });

  it('takes the dateline after a bare date line and drops that date line', () => {
    const html = `<html><body><article><h1>Wind farm approved</h1><time datetime="2026-11-27">27 November 2026</time>
      <p>PORTMERE: The national energy regulator on Thursday approved a 1.2 gigawatt offshore wind farm off the coast.</p>
      <p>The project will install 80 turbines and supply electricity to about 1.1 million homes once complete.</p>
      <p>Construction is due to start in the spring, subject to a final investment decision expected by March.</p>
      </article></body></html>`;
    const [windFarm] = extractHtml(html, { url: 'https://courier.example/wind' }).articles;
    expect(windFarm.dateline).toBe('Portmere');
    expect(windFarm.paragraphs[0]).toMatch(/^The national energy regulator/);
    expect(windFarm.paragraphs).not.toContain('27 November 2026');
  });
});

describe('repeated text', () => {
  const texts = (html: string): string[] => extractHtml(html).articles[0].blocks.map((b) => b.text);

  it('keeps a paragraph the text flow says twice', () => {
    const twice = `<body><article><p>${prose(1)}</p><p>${prose(2)}</p><p>${prose(1)}</p><p>${prose(3)}</p></article></body>`;
    expect(texts(twice)).toEqual([prose(1), prose(2), prose(1), prose(3)]);
  });

  it('drops a pull quote or a second rendering that repeats a paragraph from elsewhere', () => {
    const pulled = `<body><article><div class="text"><p>${prose(1)}</p><p>${prose(2)}</p></div><div class="quote"><p>${prose(1)}</p></div><div class="text"><p>${prose(3)}</p></div></article></body>`;
    expect(texts(pulled)).toEqual([prose(1), prose(2), prose(3)]);
  });
});
