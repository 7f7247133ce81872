import { enrichArticle, type Enrichment } from './enrich';
import { KYIV_ARTICLE, NATO_ARTICLE, type SampleArticle } from './fixtures/arabnews-sample';

function enrich(article: SampleArticle, publishedAt: string): Enrichment {
  return enrichArticle({ text: article.text, title: article.title, standfirst: article.standfirst, publishedAt });
}

function names(result: Enrichment, type: string): string[] {
  return result.entities.filter((entity) => entity.type === type).map((entity) => entity.name);
}

const NOT_ENTITIES = [
  'Tuesday',
  'Thursday',
  'Friday',
  'Saturday',
  'January',
  'June',
  'November',
  'December',
  'March',
  'Concessions',
  'New Year',
  'Lately',
  'Already',
  'Soon',
  'Whoever',
  'Western',
  'Russian',
  'Ukrainian',
  'Cabinet',
  'Membership',
  'Underlining',
  'Speaking',
  'In',
  'The',
  'He',
];

describe('enrichArticle on the Arab News sample (acceptance)', () => {
  const nato = enrich(NATO_ARTICLE, '2024-07-05T12:00:00Z');
  const kyiv = enrich(KYIV_ARTICLE, '2026-01-03T09:00:00Z');

  it('finds every person in article 1 under a canonical full name', () => {
    expect(names(nato, 'PERSON').sort()).toEqual(
      ['Donald Trump', 'Jens Stoltenberg', 'Joe Biden', 'Vladimir Putin', 'Volodymyr Zelensky'].sort(),
    );
  });

  it('finds the organisations of article 1', () => {
    expect(names(nato, 'ORGANIZATION')).toEqual(
      expect.arrayContaining(['NATO', 'US Congress', 'State Department', 'White House', 'NATO-Ukraine Council']),
    );
  });

  it('finds the places of article 1, countries under their common names', () => {
    expect(names(nato, 'LOCATION')).toEqual(
      expect.arrayContaining([
        'Brussels',
        'Ukraine',
        'Washington',
        'Russia',
        'France',
        'Germany',
        'Italy',
        'Netherlands',
        'Spain',
        'United Kingdom',
        'United States',
        'Wiesbaden',
        'Kyiv',
        'Hungary',
        'Crimean Peninsula',
      ]),
    );
  });

  it('finds every person in article 2 under a canonical full name', () => {
    expect(names(kyiv, 'PERSON').sort()).toEqual(
      [
        'Andriy Yermak',
        'Denys Shmygal',
        'Kyrylo Budanov',
        'Mikhailo Fedorov',
        'Oleksiy Kuleba',
        'Steve Witkoff',
        'Vladimir Putin',
        'Volodymyr Zelensky',
      ].sort(),
    );
  });

  it('finds the organisations and places of article 2', () => {
    expect(names(kyiv, 'ORGANIZATION')).toEqual(
      expect.arrayContaining([
        'European Union',
        'NATO',
        'AFP',
        'Institute for the Study of War',
        'Critical Threats Project',
        'Defense and Security Forces of Ukraine',
      ]),
    );
    expect(names(kyiv, 'LOCATION')).toEqual(
      expect.arrayContaining([
        'Kyiv',
        'Ukraine',
        'Russia',
        'France',
        'Moscow',
        'Kherson',
        'Kharkiv',
        'Donbas',
        'Zaporizhzhia',
        'Dnipropetrovsk',
        'United States',
      ]),
    );
  });

  it('tags no weekday, month, heading word, nationality or capitalised common word', () => {
    const all = [...nato.entities, ...kyiv.entities];
    for (const entity of all) {
      expect(NOT_ENTITIES).not.toContain(entity.name);
      expect(entity.name).toMatch(/^[\p{Lu}\p{N}]/u);
      for (const mention of entity.mentions) expect(NOT_ENTITIES).not.toContain(mention.text);
    }
  });

  it('links surname-only and first-name-only mentions to the full name', () => {
    const stoltenberg = nato.entities.find((entity) => entity.name === 'Jens Stoltenberg');
    expect(stoltenberg?.mentions.map((mention) => mention.text)).toEqual(
      expect.arrayContaining(['Jens Stoltenberg', 'Stoltenberg']),
    );
    const budanov = kyiv.entities.find((entity) => entity.name === 'Kyrylo Budanov');
    expect(budanov?.mentions.map((mention) => mention.text)).toEqual(
      expect.arrayContaining(['Kyrylo Budanov', 'Budanov', 'Kyrylo']),
    );
  });

  it('strips titles from names and keeps them as the title', () => {
    const biden = nato.entities.find((entity) => entity.name === 'Joe Biden');
    expect(biden?.title).toBe('US President');
    expect(nato.entities.find((entity) => entity.name === 'Jens Stoltenberg')?.title).toBe('NATO Secretary-General');
    expect(kyiv.entities.find((entity) => entity.name === 'Oleksiy Kuleba')?.title).toBe(
      'Ukrainian Restoration Minister',
    );
  });

  it('gives mention offsets that index into the text as given', () => {
    for (const [article, result] of [
      [NATO_ARTICLE, nato],
      [KYIV_ARTICLE, kyiv],
    ] as const) {
      for (const entity of result.entities) {
        expect(entity.count).toBe(entity.mentions.length);
        for (const mention of entity.mentions)
          expect(article.text.slice(mention.start, mention.end)).toBe(mention.text);
      }
    }
  });

  it('ranks the central entities first', () => {
    expect(nato.entities.slice(0, 3).map((entity) => entity.name)).toEqual(expect.arrayContaining(['Ukraine', 'NATO']));
  });

  it('resolves the datelines and places to countries', () => {
    expect(nato.dateline).toEqual({ name: 'Brussels', country: 'BE' });
    expect(kyiv.dateline).toEqual({ name: 'Kyiv', country: 'UA' });
    expect(nato.places[0]).toEqual({ name: 'Brussels', country: 'BE' });
    expect(nato.places).toEqual(
      expect.arrayContaining([
        { name: 'Wiesbaden', country: 'DE' },
        { name: 'United States', country: 'US' },
        { name: 'Ukraine', country: 'UA' },
      ]),
    );
    expect(kyiv.places).toEqual(expect.arrayContaining([{ name: 'Kharkiv', country: 'UA' }]));
  });

  it('attributes quotes to canonical speakers', () => {
    expect(nato.quotes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          text: 'I expect allies will decide at the summit to sustain this level within the next year',
          speaker: 'Jens Stoltenberg',
        }),
      ]),
    );
    expect(kyiv.quotes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ text: 'continue to serve Ukraine.', speaker: 'Kyrylo Budanov' }),
        expect.objectContaining({ speaker: 'Volodymyr Zelensky' }),
      ]),
    );
  });

  it('extracts the money, percentages, areas and counts', () => {
    expect(nato.figures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'money', amount: 40e9, currency: 'EUR' }),
        expect.objectContaining({ kind: 'money', amount: 43e9, currency: 'USD' }),
        expect.objectContaining({ kind: 'percent', value: 99 }),
      ]),
    );
    expect(kyiv.figures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'area', value: 5600, unit: 'km2' }),
        expect.objectContaining({ kind: 'percent', value: 0.94 }),
        expect.objectContaining({ kind: 'count', value: 3000, unit: 'children' }),
        expect.objectContaining({ kind: 'count', value: 28, unit: 'people' }),
        expect.objectContaining({ kind: 'date', text: 'January 6', date: '2026-01-06' }),
      ]),
    );
  });

  it('uses the standfirst as summary when given, else extracts sentences', () => {
    expect(nato.summary).toMatch(/^Leaders hope to reassure Ukraine/u);
    expect(kyiv.summary).toMatch(/^Ukraine is hosting security advisers/u);
    expect(kyiv.summary).not.toMatch(/KYIV:/u);
  });

  it('detects English and conflict/politics topics', () => {
    expect(nato.language).toBe('en');
    expect(
      kyiv.topics
        .map((topic) => topic.value)
        .slice(0, 2)
        .sort(),
    ).toEqual(['conflict', 'politics']);
  });
});
