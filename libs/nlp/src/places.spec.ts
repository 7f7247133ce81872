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
