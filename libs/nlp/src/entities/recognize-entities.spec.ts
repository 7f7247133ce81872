import { defaultLexicon, defaultTagger } from '../ner/default-tagger';
import { analyseText } from '../text/analysed-text';
import { recognizeEntities } from './recognize-entities';
import type { Entity } from './types';

function entities(text: string, title?: string): Entity[] {
  return recognizeEntities(analyseText(text, 10_000), defaultTagger(), defaultLexicon(), { title });
}

function summary(text: string): string[] {
  return entities(text)
    .map((entity) => `${entity.type}:${entity.name}`)
    .sort();
}

describe('recognizeEntities', () => {
  it('strips titles from person names and keeps the title', () => {
    const [biden] = entities('US President Joe Biden arrived in Washington on Tuesday.').filter(
      (entity) => entity.type === 'PERSON',
    );
    expect(biden).toEqual(expect.objectContaining({ name: 'Joe Biden', title: 'US President' }));
    expect(biden.mentions[0].text).toBe('Joe Biden');
  });

  it('links surname-only mentions, earlier or later, to the one full name', () => {
    const text = 'Stoltenberg spoke first. Later, NATO chief Jens Stoltenberg said more. Stoltenberg then left.';
    const people = entities(text).filter((entity) => entity.type === 'PERSON');
    expect(people).toHaveLength(1);
    expect(people[0].name).toBe('Jens Stoltenberg');
    expect(people[0].count).toBe(3);
  });

  it('does not tag weekdays, months, holidays, nationalities or sentence-initial common words', () => {
    const text =
      'Lately, Ukrainian officials met on Tuesday in January. Already, Western allies marked New Year in Kyiv.';
    expect(summary(text)).toEqual(['LOCATION:Kyiv']);
  });

  it('keeps a capitalised institution mid-sentence but not one described by its owner', () => {
    expect(summary('Lawmakers said the Parliament would vote.')).toContain('ORGANIZATION:Parliament');
    expect(summary("Lawmakers said Spain's Cabinet would vote.")).not.toContain('ORGANIZATION:Cabinet');
  });

  it('drops names that appear only in a subhead', () => {
    const text = 'Ukraine said on Friday it would talk.\n- Concessions -\nUkraine agreed to a deal.';
    expect(summary(text)).toEqual(['LOCATION:Ukraine']);
  });

  it('ignores short label lines and run-on capitals at the end of a name', () => {
    expect(summary('Short Url\nNATO met in Brussels.')).toEqual(['LOCATION:Brussels', 'ORGANIZATION:NATO']);
    const names = entities('© 2026 All Rights Reserved And subject to Terms of Use.').map((entity) => entity.name);
    expect(names.some((name) => / And$/u.test(name))).toBe(false);
  });

  it('names countries once, whatever the abbreviation', () => {
    const names = entities('The U.S. and the US Congress agreed; the United States paid.').map((e) => e.name);
    expect(names.filter((name) => name === 'United States')).toHaveLength(1);
  });

  it('splits a country prefix from a multi-word organisation and keeps "A and B" apart', () => {
    expect(summary('A US State Department official met the European Union and NATO in Brussels.')).toEqual(
      expect.arrayContaining(['ORGANIZATION:State Department', 'ORGANIZATION:European Union', 'ORGANIZATION:NATO']),
    );
  });

  it('finds unseen names in apposition to a role and untagged runs of unseen capitalised words', () => {
    expect(summary('He named his minister of digital affairs, Mikhailo Fedorov.')).toContain('PERSON:Mikhailo Fedorov');
    expect(summary('The move was meant to replace Denys Shmygal, officials said.')).toContain('PERSON:Denys Shmygal');
  });

  it('tags the clubs of a results page as organisations, in the table and in the report', () => {
    const text = [
      'SOCCER - ENGLISH LEAGUE RESULTS',
      'Results of English league matches on Saturday:',
      'Arsenal 2 Chelsea 1',
      'Leeds 1 Everton 0',
      'Leeds beat Everton with a late goal from their captain.',
    ].join('\n');
    const clubs = summary(text).filter((name) => /Arsenal|Chelsea|Leeds|Everton/.test(name));
    expect(clubs).toEqual([
      'ORGANIZATION:Arsenal',
      'ORGANIZATION:Chelsea',
      'ORGANIZATION:Everton',
      'ORGANIZATION:Leeds',
    ]);
  });

  it('tags clubs the training corpora never name as organisations, by the word clusters of their names', () => {
    // Without the GloVe clusters the committed tagger read the first two as places (capitalised words after "joined"
    // and "from") and missed Ajax.
    expect(summary('The striker joined Feyenoord from Galatasaray last summer.')).toEqual([
      'ORGANIZATION:Feyenoord',
      'ORGANIZATION:Galatasaray',
    ]);
    expect(summary('Ajax beat Feyenoord 2-1 in Amsterdam.')).toEqual([
      'LOCATION:Amsterdam',
      'ORGANIZATION:Ajax',
      'ORGANIZATION:Feyenoord',
    ]);
  });

  it('keeps name particles inside a person name', () => {
    expect(summary('The chief spokesman Nikolaus van der Pas told a news briefing.')).toContain(
      'PERSON:Nikolaus van der Pas',
    );
  });

  it('tags a shouted dateline as a place with its normal spelling', () => {
    const found = entities('KYIV: Officials in Kyiv said talks went well.').find((entity) => entity.name === 'Kyiv');
    expect(found).toEqual(expect.objectContaining({ type: 'LOCATION', count: 2 }));
  });

  it('ranks entities named in the title and often first', () => {
    const ranked = entities(
      'Paris hosted talks. Officials from Germany and Ukraine came. Ukraine spoke.',
      'Ukraine talks',
    );
    expect(ranked[0].name).toBe('Ukraine');
  });
});
