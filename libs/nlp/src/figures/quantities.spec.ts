import { findQuantities } from './quantities';

describe('findQuantities', () => {
  it('reads money with the currency before or after, scaled', () => {
    const figures = findQuantities('around 40 billion euros ($43 billion), USD 5 million, €2.5bn and £300,000');
    expect(figures.map((f) => (f.kind === 'money' ? [f.amount, f.currency, f.text] : null))).toEqual([
      [40e9, 'EUR', '40 billion euros'],
      [43e9, 'USD', '$43 billion'],
      [5e6, 'USD', 'USD 5 million'],
      [2.5e9, 'EUR', '€2.5bn'],
      [300_000, 'GBP', '£300,000'],
    ]);
  });

  it('reads percentages and areas with their units', () => {
    expect(findQuantities('99 percent, 0.94 percent, 12% and 5,600 square kilometers (2,160 square miles)')).toEqual([
      expect.objectContaining({ kind: 'percent', value: 99 }),
      expect.objectContaining({ kind: 'percent', value: 0.94 }),
      expect.objectContaining({ kind: 'percent', value: 12 }),
      expect.objectContaining({ kind: 'area', value: 5600, unit: 'km2' }),
      expect.objectContaining({ kind: 'area', value: 2160, unit: 'mi2' }),
    ]);
  });

  it('reads counts of things but not years, durations or money', () => {
    const figures = findQuantities(
      '3,000 children, 28 people, two soldiers, 32 member countries, 2022 elections, 3 years, $5 bills',
    );
    expect(figures.filter((f) => f.kind === 'count').map((f) => [f.value, f.kind === 'count' ? f.unit : ''])).toEqual([
      [3000, 'children'],
      [28, 'people'],
      [2, 'soldiers'],
      [32, 'member countries'],
    ]);
  });

  it('gives offsets into the text', () => {
    const text = 'They paid $43 billion.';
    const [money] = findQuantities(text);
    expect(text.slice(money.start, money.end)).toBe(money.text);
  });
});
