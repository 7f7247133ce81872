import { enrichArticle, MAX_ANALYSED_CHARS } from './enrich';
import { ENRICHMENT_VERSION } from './version';

describe('enrichArticle', () => {
  it('returns every field for a short English article', () => {
    const result = enrichArticle({
      text: 'BRUSSELS: NATO Secretary-General Jens Stoltenberg said on Friday that allies would spend 40 billion euros.',
      publishedAt: '2024-07-05T12:00:00Z',
    });
    expect(result).toEqual(
      expect.objectContaining({
        language: 'en',
        enrichmentVersion: ENRICHMENT_VERSION,
        truncated: false,
        wordCount: 15,
        readingTimeMinutes: 1,
        dateline: { name: 'Brussels', country: 'BE' },
      }),
    );
    expect(result.entities.map((entity) => entity.name)).toEqual(
      expect.arrayContaining(['NATO', 'Jens Stoltenberg', 'Brussels']),
    );
    expect(result.summary).toContain('Jens Stoltenberg said');
    expect(result.figures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'date', text: 'Friday', date: '2024-07-05' }),
        expect.objectContaining({ kind: 'money', amount: 40e9, currency: 'EUR' }),
      ]),
    );
  });

  it('resolves relative dates against the fetch time when the article has no publication date', () => {
    const text = 'The minister said talks would resume next week, after the vote on Saturday.';
    const dates = (publishedAt: string | null, fetchedAt: string | null): (string | null)[] =>
      enrichArticle({ text, publishedAt, fetchedAt })
        .figures.filter((figure) => figure.kind === 'date')
        .map((figure) => (figure.kind === 'date' ? figure.date : null));
    expect(dates(null, '2024-07-05T12:00:00Z')).toEqual(['2024-07-12', '2024-07-06']);
    expect(dates('2024-07-01T08:00:00Z', '2024-07-05T12:00:00Z')).toEqual(['2024-07-08', '2024-07-06']);
    expect(dates(null, null)).toEqual([null, null]);
  });

  it('handles empty text', () => {
    expect(enrichArticle({ text: '' })).toEqual(
      expect.objectContaining({ language: 'und', entities: [], wordCount: 0, readingTimeMinutes: 0, summary: '' }),
    );
  });

  it('tags text in another language with that language’s tagger, and resolves its places there', () => {
    const result = enrichArticle({
      text:
        'Bundeskanzler Olaf Scholz hat am Dienstag in Berlin den französischen Präsidenten Emmanuel Macron empfangen. ' +
        'Die beiden sprachen über die Lage in der Ukraine. Am Abend reiste Macron weiter nach Köln, wo er ' +
        'Vertreter der Deutschen Bank traf.',
    });
    expect(result.language).toBe('de');
    const names = result.entities.map((entity) => `${entity.type}:${entity.name}`);
    expect(names).toEqual(
      expect.arrayContaining(['PERSON:Olaf Scholz', 'LOCATION:Berlin', 'LOCATION:Köln', 'LOCATION:Ukraine']),
    );
    expect(result.places).toEqual(expect.arrayContaining([{ name: 'Köln', country: 'DE' }]));
  });

  it('tags Arabic and resolves its places to countries', () => {
    const result = enrichArticle({
      text:
        'تقع مدينة دمشق في سوريا . ولد نجيب محفوظ في القاهرة عام 1911 ، وعاش فيها معظم حياته . وزار الكاتب ' +
        'مدينة الإسكندرية مرات عديدة ، وكتب عن شوارع القاهرة القديمة في رواياته التي ترجمت إلى لغات كثيرة حول ' +
        'العالم ، ونال جائزة نوبل في الأدب عام 1988 .',
    });
    expect(result.language).toBe('ar');
    expect(result.places).toEqual(
      expect.arrayContaining([
        { name: 'دمشق', country: 'SY' },
        { name: 'سوريا', country: 'SY' },
        { name: 'القاهرة', country: 'EG' },
      ]),
    );
  });

  it('tags French, which the English tagger left empty', () => {
    const result = enrichArticle({
      text:
        'Le président de la République a rencontré les syndicats à Paris mardi pour discuter des retraites. ' +
        'Les dirigeants syndicaux ont déclaré après la réunion que le gouvernement devait retirer sa réforme avant la fin du mois.',
    });
    expect(result.language).toBe('fr');
    expect(result.entities.map((entity) => entity.name)).toContain('Paris');
  });

  it('leaves a language with no tagger untagged rather than emit noise', () => {
    const result = enrichArticle({
      text:
        'Prezydent spotkał się we wtorek w Warszawie z przedstawicielami związków zawodowych, aby omówić reformę ' +
        'emerytalną. Po spotkaniu przywódcy związkowi powiedzieli, że rząd powinien wycofać swoją reformę przed końcem miesiąca.',
    });
    expect(result.language).toBe('pl');
    expect(result.entities).toEqual([]);
  });

  it('still tags short English the language detector cannot place, such as results tables', () => {
    const result = enrichArticle({ text: 'Japan 2 Syria 1 ( halftime 1-0 )' });
    expect(result.entities.map((entity) => entity.name)).toEqual(expect.arrayContaining(['Japan', 'Syria']));
    const hinted = enrichArticle({
      text: 'Results of Dutch first division soccer matches in Rotterdam',
      language: 'nl',
    });
    expect(hinted.entities.map((entity) => entity.name)).toContain('Rotterdam');
  });

  it('caps the analysed text of a 100k-word article and says so, counting every word', () => {
    const paragraph = 'President Joe Biden met allies in Washington on Tuesday to discuss support for Ukraine. ';
    const text = paragraph.repeat(Math.ceil(100_000 / 14));
    const result = enrichArticle({ text });
    expect(result.truncated).toBe(true);
    expect(result.analysedChars).toBeLessThanOrEqual(MAX_ANALYSED_CHARS);
    expect(result.wordCount).toBeGreaterThanOrEqual(100_000);
    for (const entity of result.entities) {
      for (const mention of entity.mentions) expect(mention.end).toBeLessThanOrEqual(result.analysedChars);
    }
  });

  it('survives text without spaces, binary noise and mixed scripts', () => {
    const noSpaces = enrichArticle({ text: 'a'.repeat(200_000) });
    expect(noSpaces.truncated).toBe(true);
    expect(noSpaces.entities).toEqual([]);
    const binary = enrichArticle({ text: String.fromCharCode(...Array.from({ length: 5000 }, (_, i) => i % 256)) });
    expect(binary.wordCount).toBeGreaterThan(0);
    const mixed = enrichArticle({ text: 'Президент Zelensky 会见了 NATO 代表 in Kyiv. 😀'.repeat(50) });
    for (const entity of mixed.entities) {
      for (const mention of entity.mentions) expect(mention.text.length).toBeGreaterThan(0);
    }
  });

  it('never splits a surrogate pair when truncating', () => {
    const text = `${'x '.repeat(MAX_ANALYSED_CHARS / 2 - 1)}😀😀😀 tail`;
    const result = enrichArticle({ text });
    const cut = text.charCodeAt(result.analysedChars - 1);
    expect(cut >= 0xd800 && cut <= 0xdbff).toBe(false);
  });
});
