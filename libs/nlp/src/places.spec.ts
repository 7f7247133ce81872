import type { Entity } from './entities/types';
import { collectPlaces, datelinePlace, resolvePlace } from './places';

const location = (name: string): Entity => ({
  name,
  type: 'LOCATION',
  title: null,
  mentions: [],
  count: 1,
  salience: 1,
});

describe('places', () => {
  it('reads the dateline from the text or from the given dateline', () => {
    expect(datelinePlace('KYIV: Ukraine is hosting talks')).toEqual({ name: 'Kyiv', country: 'UA' });
    expect(datelinePlace('WASHINGTON, July 5 — The president said')).toEqual({ name: 'Washington', country: 'US' });
    expect(datelinePlace('Ukraine is hosting talks')).toBeNull();
    expect(datelinePlace('Some text', 'Brussels')).toEqual({ name: 'Brussels', country: 'BE' });
  });

  it('resolves countries to their own code, cities to theirs, and leaves unknown regions without one', () => {
    expect(resolvePlace('US')).toEqual({ name: 'United States', country: 'US' });
    expect(resolvePlace('Russia')).toEqual({ name: 'Russia', country: 'RU' });
    expect(resolvePlace('Kharkiv')).toEqual({ name: 'Kharkiv', country: 'UA' });
    expect(resolvePlace('Donbas')).toEqual({ name: 'Donbas', country: null });
  });

  it('resolves places to countries in every language tagged: Köln and Cologne are both in Germany', () => {
    expect(resolvePlace('Cologne')).toEqual({ name: 'Cologne', country: 'DE' });
    expect(resolvePlace('Köln', 'de')).toEqual({ name: 'Köln', country: 'DE' });
    expect(resolvePlace('Keulen', 'nl')).toEqual({ name: 'Keulen', country: 'DE' });
    expect(resolvePlace('Colonia', 'it')).toEqual({ name: 'Colonia', country: 'DE' });
    expect(resolvePlace('Londres', 'fr').country).toBe('GB');
    expect(resolvePlace('القاهرة', 'ar').country).toBe('EG');
    expect(resolvePlace('Deutschland', 'de').country).toBe('DE');
    expect(resolvePlace('Alemanha', 'pt').country).toBe('DE');
    expect(resolvePlace('Alemania', 'es').country).toBe('DE');
    expect(resolvePlace('ألمانيا', 'ar').country).toBe('DE');
  });

  it('reads a name in the text’s own language only: "Roma" is Rome in Italian, "Island" Iceland in German', () => {
    expect(resolvePlace('Roma', 'it').country).toBe('IT');
    expect(resolvePlace('Roma').country).not.toBe('IT');
    expect(resolvePlace('Island', 'de').country).toBe('IS');
    expect(resolvePlace('Island').country).toBeNull();
  });

  it('resolves the places of an article in its language', () => {
    expect(collectPlaces([location('Köln'), location('Spanien')], null, 'de')).toEqual([
      { name: 'Köln', country: 'DE' },
      { name: 'Spanien', country: 'ES' },
    ]);
    expect(datelinePlace('Some text', 'Lisboa', undefined, 'pt')).toEqual({ name: 'Lisboa', country: 'PT' });
  });

  it('lists the dateline first and each place once', () => {
    const places = collectPlaces([location('Ukraine'), location('Kyiv'), location('Moscow')], {
      name: 'Kyiv',
      country: 'UA',
    });
    expect(places).toEqual([
      { name: 'Kyiv', country: 'UA' },
      { name: 'Ukraine', country: 'UA' },
      { name: 'Moscow', country: 'RU' },
    ]);
  });

  it('ignores people and organisations', () => {
    const person: Entity = { ...location('Jordan'), type: 'PERSON' };
    expect(collectPlaces([person], null)).toEqual([]);
  });
});
