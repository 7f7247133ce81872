import type { ArticleBlock } from '../types';
import { chooseBody, descriptionBody, printedLead } from './body-candidates';

const para = (text: string): ArticleBlock => ({ type: 'paragraph', text });
const prose = (n: number, word: string): ArticleBlock[] =>
  Array.from({ length: n }, (_, i) =>
    para(`${word} ${i} carried on as the council debated the budget, officials said.`),
  );

describe('chooseBody', () => {
  it('keeps the class-hinted choice when it is plausible', () => {
    const hinted = prose(20, 'Story');
    expect(chooseBody({ hinted, unhinted: [...hinted, ...prose(40, 'Comment')], articleBody: null })).toEqual(hinted);
  });

  it('falls back to the hint-free choice when the hinted one is implausibly short', () => {
    const unhinted = prose(12, 'Section');
    expect(chooseBody({ hinted: [], unhinted, articleBody: null })).toEqual(unhinted);
    expect(chooseBody({ hinted: unhinted.slice(0, 1), unhinted, articleBody: null })).toEqual(unhinted);
  });

  it('takes the JSON-LD articleBody when the DOM choice misses most of it', () => {
    const articleBody = Array.from({ length: 8 }, (_, i) => `Paragraph ${i} of the publisher's own text here.`).join(
      '\n',
    );
    const chosen = chooseBody({ hinted: [para('Cookie settings')], unhinted: [], articleBody });
    expect(chosen).toHaveLength(8);
  });

  it("takes the script state's body when the DOM choice misses most of it and it is about the title", () => {
    const stateBody = Array.from({ length: 8 }, (_, i) => `Paragraph ${i}: the council passed its budget.`).join('\n');
    const title = 'Council passes budget';
    const cookies = [para('Cookie settings')];
    expect(
      chooseBody({ hinted: cookies, unhinted: [], articleBody: null, stateBody: () => stateBody, title }),
    ).toHaveLength(8);
    // Script state holds other texts too: a consent notice or teasers are not about the page's title.
    expect(
      chooseBody({
        hinted: cookies,
        unhinted: [],
        articleBody: null,
        stateBody: () => stateBody,
        title: 'Storm hits coast',
      }),
    ).toEqual(cookies);
    expect(chooseBody({ hinted: cookies, unhinted: [], articleBody: null, stateBody: () => stateBody })).toEqual(
      cookies,
    );
    const hinted = prose(20, 'Story');
    expect(chooseBody({ hinted, unhinted: hinted, articleBody: null, stateBody: () => stateBody, title })).toEqual(
      hinted,
    );
  });

  it('reads the script state only when JSON-LD articleBody did not replace the DOM choice', () => {
    const read = jest.fn(() => null);
    const articleBody = Array.from({ length: 8 }, (_, i) => `Paragraph ${i} of the publisher's own text.`).join('\n');
    chooseBody({ hinted: [para('Cookie settings')], unhinted: [], articleBody, stateBody: read });
    expect(read).not.toHaveBeenCalled();
  });
});

describe('descriptionBody', () => {
  it('stands in for a script-rendered body when long enough, and not otherwise', () => {
    const description = 'New York is the epicentre of the pandemic in the US. Sport has come to a standstill too.';
    expect(descriptionBody(description)).toEqual([para(description)]);
    expect(descriptionBody('Sport news')).toEqual([]);
    expect(descriptionBody(null)).toEqual([]);
  });
});

describe('printedLead', () => {
  const description =
    'The minister met farmers on Monday and promised a start-up grant for young farmers in the spring.';
  const body = prose(5, 'Body');

  it('returns the page paragraph that prints the summary outside the body', () => {
    const printed = `${description} `;
    expect(printedLead(description, ['Menu', printed, ...body.map((b) => b.text)], body)).toEqual(para(printed));
  });

  it('returns nothing when the body holds it already or the page does not print it', () => {
    expect(printedLead(description, [description], [para(description), ...body])).toBeNull();
    expect(printedLead(description, ['Menu'], body)).toBeNull();
    expect(printedLead('Short summary', ['Short summary'], body)).toBeNull();
  });
});
