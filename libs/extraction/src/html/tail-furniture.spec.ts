import type { ArticleBlock } from '../types';
import { dropLeadIns, trimHead, trimTail } from './tail-furniture';

const para = (text: string): ArticleBlock => ({ type: 'paragraph', text });
const story = Array.from({ length: 8 }, (_, i) =>
  para(`Paragraph ${i} of the story tells what happened, who said what, and why it matters to readers.`),
);

describe('trimTail', () => {
  it('cuts an appended reading list from its lead-in on, in several languages', () => {
    for (const lead of [
      'Das könnte Sie auch interessieren!',
      'Read more:',
      'À lire aussi',
      'Lesen Sie auch die folgenden Beiträge:',
    ]) {
      const blocks = [...story, para(lead), para('Another story entirely, about something else.')];
      expect(trimTail(blocks)).toEqual(story);
    }
  });

  it('cuts newsletter prompts and copyright lines at the end', () => {
    const newsletter = para('Lust auf mehr? Lass dir die besten Storys jede Woche in deinen Posteingang liefern.');
    expect(trimTail([...story, newsletter])).toEqual(story);
    expect(trimTail([...story, para('© 2022, Example News. All rights reserved.')])).toEqual(story);
  });

  it('cuts comment counters, citation boxes, follow-us lines and support appeals', () => {
    for (const tail of [
      'Keine Kommentare (Kommentare erscheinen erst nach unserer Freigabe)',
      'SUGGESTED CITATION Sauer, Heiko: Expert*innen in der Krise, VerfBlog, 2020/4/09',
      'Síguenos en Telegram, Instagram, Facebook y Twitter',
      'If you enjoyed reading this post – would you consider supporting our work? Just click here.',
    ]) {
      expect(trimTail([...story, para(tail)])).toEqual(story);
    }
  });

  it('drops a trailing heading with nothing after it', () => {
    expect(trimTail([...story, { type: 'heading', text: 'Related' }])).toEqual(story);
  });

  it('never cuts a large part of the body, nor text that merely mentions signing up', () => {
    const early = [story[0], para('Read more:'), ...story.slice(1)];
    expect(trimTail(early)).toEqual(early);
    const deal = [...story, para('If you just want the service, you can sign up for a free 7-day trial.')];
    expect(trimTail(deal)).toEqual(deal);
    const long = (n: number): ArticleBlock =>
      para(`${story[n].text} The minister said the money would come from next year's budget, and that talks go on.`);
    const inline = [...story, ...story.slice(0, 4), para('Lee también...'), long(6), long(7)];
    expect(trimTail(inline)).toEqual(inline);
    const intro = [
      ...story,
      para('Deswegen der Aufruf an alle, die mitmachen wollen:'),
      para('Meldet euch bis Freitag.'),
    ];
    expect(trimTail(intro)).toEqual(intro);
    const list = [...story, para('22) Hasbro Gaming – Taboo'), para('http://amzn.to/2hYjEj6')];
    expect(trimTail(list)).toEqual(list);
  });
});

describe('trimHead', () => {
  it('drops short labels above the first sentence, and keeps a short first sentence', () => {
    expect(trimHead([para('Artikel'), ...story])).toEqual(story);
    expect(trimHead([para('Anzeige'), para('Politik'), ...story])).toEqual(story);
    const short = [para('It rained.'), ...story];
    expect(trimHead(short)).toEqual(short);
    expect(trimHead([para('Artikel')])).toEqual([para('Artikel')]);
  });
});

describe('dropLeadIns', () => {
  it('drops reading-list lead-ins inside the body and keeps sentences that start alike', () => {
    const lead = para('Das könnte dich auch interessieren:');
    const sentence = para('Read more about the budget in the council papers.');
    expect(dropLeadIns([story[0], lead, story[1], sentence])).toEqual([story[0], story[1], sentence]);
  });
});
