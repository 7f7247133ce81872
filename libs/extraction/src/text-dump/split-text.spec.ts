import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitText } from './split-text';

const sample = readFileSync(join(__dirname, '__fixtures__/arabnews-nato-ukraine-page.txt'), 'utf8');
const sampleLines = sample.split('\n');

describe('splitText on the Arab News sample', () => {
  const { articles, publisher } = splitText(sample);
  const [nato, kyiv] = articles;

  it('finds exactly two articles, in page order', () => {
    expect(articles).toHaveLength(2);
    expect(nato.title).toBe(
      'NATO leaders will vow to pour weapons into Ukraine for another year, but membership is off the table',
    );
    expect(kyiv.title).toBe('Ukraine hosts talks with security allies in Kyiv');
  });

  it('gives the first article its dateline, short link, standfirst bullets and 26 paragraphs', () => {
    expect(nato.dateline).toBe('Brussels');
    expect(nato.url).toBe('https://arab.news/wdxkx');
    expect(nato.canonicalUrl).toBe('https://arab.news/wdxkx');
    expect(nato.standfirst).toBe(
      [
        'Leaders hope to reassure Ukraine of their ongoing support and show Russia that they will not walk away',
        'Fears raised over decline in support for Ukraine as Russia-leaning politicians gain ground in their respective countries',
      ].join('\n'),
    );
    expect(nato.paragraphs).toHaveLength(26);
    expect(nato.headings).toEqual([]);
    // The dateline moves to its field; the rest of line 1 is the first paragraph.
    expect(nato.paragraphs[0]).toBe(sampleLines[0].replace(/^BRUSSELS: /, ''));
    expect(nato.paragraphs.slice(1)).toEqual(sampleLines.slice(1, 26));
  });

  it('gives the second article its dateline, 31 blocks (29 paragraphs + 2 subheads as headings), no repeat', () => {
    expect(kyiv.dateline).toBe('Kyiv');
    expect(kyiv.headings).toEqual(['Concessions', 'New cabinet appointees']);
    expect(kyiv.blocks).toHaveLength(31);
    expect(kyiv.paragraphs).toHaveLength(29);
    expect(kyiv.paragraphs[0]).toBe(sampleLines[33].replace(/^KYIV: /, ''));
    expect(kyiv.blocks.map((b) => b.text).slice(1)).toEqual(
      sampleLines.slice(34, 64).map((l) => l.replace(/^- (.*) -$/, '$1')),
    );
    expect(kyiv.blocks[10]).toEqual({ type: 'heading', text: 'Concessions' });
    expect(kyiv.paragraphs[kyiv.paragraphs.length - 1]).toBe(
      'Budanov said he had accepted the nomination and would “continue to serve Ukraine.”',
    );
  });

  it('keeps short links, headlines, copyright lines and repeats out of every body', () => {
    const all = articles.flatMap((a) => a.blocks.map((b) => b.text));
    expect(new Set(all).size).toBe(all.length);
    for (const text of all) {
      expect(text).not.toMatch(/Short Url|https?:\/\/|©|All Rights Reserved/);
      expect(text).not.toBe(nato.title);
      expect(text).not.toBe(kyiv.title);
    }
    expect(nato.body).toBe(nato.paragraphs.join('\n'));
  });

  it('reports Arab News as the publisher, not as article text', () => {
    expect(publisher).toEqual({
      name: 'Arab News',
      domain: 'arab.news',
      copyright:
        '© 2026 SAUDI RESEARCH & PUBLISHING COMPANY, All Rights Reserved And subject to Terms of Use Agreement.',
    });
  });

  it('gives each article a distinct deterministic id', () => {
    expect(nato.id).not.toBe(kyiv.id);
    expect(splitText(sample).articles.map((a) => a.id)).toEqual([nato.id, kyiv.id]);
  });
});

const para = (n: number, topic: string): string =>
  `${topic} paragraph ${n} says something substantial about the matter, with enough words to read as prose.`;

describe('splitText on other dump shapes', () => {
  it('splits headline-before-body dumps with datelines and subheads', () => {
    const text = [
      'Storm batters the northern coast overnight',
      'By Jane Doe',
      'LISBON: ' + para(1, 'Storm'),
      para(2, 'Storm'),
      'Clean-up begins',
      para(3, 'Storm'),
      'Central bank holds rates steady for a third month',
      'FRANKFURT (Reuters) - ' + para(1, 'Bank'),
      para(2, 'Bank'),
    ].join('\n');
    const { articles } = splitText(text);
    expect(articles.map((a) => [a.title, a.dateline, a.paragraphs.length])).toEqual([
      ['Storm batters the northern coast overnight', 'Lisbon', 3],
      ['Central bank holds rates steady for a third month', 'Frankfurt', 2],
    ]);
    expect(articles[0].byline).toBe('Jane Doe');
    expect(articles[0].headings).toEqual(['Clean-up begins']);
  });

  it('returns a single untitled article for a dump that is only a body without dateline', () => {
    const text = `${para(1, 'Plain')}\n\n${para(2, 'Plain')}\n`;
    const { articles, publisher } = splitText(text, { url: 'https://example.org/a' });
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({ title: null, dateline: null, standfirst: null, url: 'https://example.org/a' });
    expect(articles[0].paragraphs).toEqual([para(1, 'Plain'), para(2, 'Plain')]);
    expect(publisher).toBeNull();
  });

  it('handles body-then-headline pages without bullets or short links', () => {
    const text = [
      para(1, 'First'),
      para(2, 'First'),
      'The first story has its headline after its body',
      para(1, 'Second'),
      para(2, 'Second'),
      'The second story also puts its headline last',
      'Copyright 2025 Example Media Ltd. All rights reserved.',
    ].join('\n');
    const { articles, publisher } = splitText(text);
    expect(articles.map((a) => [a.title, a.standfirst, a.paragraphs.length])).toEqual([
      ['The first story has its headline after its body', null, 2],
      ['The second story also puts its headline last', null, 2],
    ]);
    expect(publisher?.copyright).toBe('Copyright 2025 Example Media Ltd. All rights reserved.');
  });

  it('keeps an unpunctuated sentence of reported speech inside its article', () => {
    const text = [
      'LAGOS: ' + para(1, 'One'),
      'The minister said the plan would be ready by March',
      para(2, 'One'),
    ].join('\n');
    const { articles } = splitText(text);
    expect(articles).toHaveLength(1);
    expect(articles[0].paragraphs).toHaveLength(3);
  });

  it('starts a new article at a dateline inside running text', () => {
    const text = ['PARIS: ' + para(1, 'One'), para(2, 'One'), 'ROME: ' + para(1, 'Two')].join('\n');
    const { articles } = splitText(text);
    expect(articles.map((a) => [a.dateline, a.paragraphs.length])).toEqual([
      ['Paris', 2],
      ['Rome', 1],
    ]);
  });

  it('drops share labels, bare links and learned boilerplate lines', () => {
    const text = ['Share', 'Newsletter: get the day in one email', para(1, 'Kept'), 'https://example.com/x'].join('\n');
    const { articles } = splitText(text, { dropLines: new Set(['newsletter: get the day in one email']) });
    expect(articles).toHaveLength(1);
    expect(articles[0].blocks).toEqual([{ type: 'paragraph', text: para(1, 'Kept') }]);
  });

  it('returns no article for a dump without running text', () => {
    expect(splitText('Short Url\nhttps://arab.news/x\n© 2026 Someone').articles).toEqual([]);
  });
});
