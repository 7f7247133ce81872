import { articleFilterKeys, filterKey, foldForMatch } from './filter-keys';

describe('filter keys', () => {
  it('fold case, accents, compatibility forms and spaces, so any spelling a reader types finds the name', () => {
    expect(foldForMatch('China')).toBe('china');
    expect(foldForMatch('CHÍNA')).toBe('china');
    expect(foldForMatch('  Köln ')).toBe('koln');
    expect(foldForMatch('São  Paulo')).toBe('sao paulo');
    expect(foldForMatch('Ｏﬃce')).toBe('office');
    expect(filterKey('entity', 'Jens   Stoltenberg')).toBe(filterKey('entity', 'jens stoltenberg'));
  });

  it('keep country codes as codes', () => {
    expect(filterKey('country', 'de')).toBe('country:DE');
  });

  it('list each entity, place name, country and topic of an article once, sorted', () => {
    const keys = articleFilterKeys({
      entities: [
        { name: 'Olaf Scholz', type: 'PERSON', mentions: [], count: 2, salience: 0.5 },
        { name: 'OLAF SCHOLZ', type: 'PERSON', mentions: [], count: 1, salience: 0.1 },
      ],
      places: [
        { name: 'Köln', country: 'DE' },
        { name: 'Berlin', country: 'DE' },
        { name: 'Atlantis', country: null },
      ],
      topics: [{ value: 'Economy', score: 0.4 }],
    });
    expect(keys).toEqual([
      'country:DE',
      'entity:olaf scholz',
      'place:atlantis',
      'place:berlin',
      'place:koln',
      'topic:economy',
    ]);
  });
});
