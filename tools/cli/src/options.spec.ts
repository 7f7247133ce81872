import { InvalidArgumentError } from 'commander';
import { isoDate, positiveInteger, positiveNumber } from './options';

describe('strict option parsers', () => {
  it('positiveInteger takes decimal digits only', () => {
    expect(positiveInteger('300')).toBe(300);
    for (const bad of ['0x10', '1e3', '', ' ', '0', '-5', '1.5', '12abc', '99999999999999999999']) {
      expect(() => positiveInteger(bad)).toThrow(InvalidArgumentError);
    }
    expect(() => positiveInteger('0x10')).toThrow('"0x10" is not a whole number above 0 in decimal digits (e.g. 300)');
  });

  it('positiveNumber takes decimal numbers above 0', () => {
    expect(positiveNumber('2')).toBe(2);
    expect(positiveNumber('0.5')).toBe(0.5);
    for (const bad of ['abc', '0', '0x2', '1e1', '', '.5', 'Infinity']) {
      expect(() => positiveNumber(bad)).toThrow(InvalidArgumentError);
    }
  });

  it('isoDate takes ISO-8601 dates of real days', () => {
    expect(isoDate('2026-03-14')).toBe('2026-03-14');
    expect(isoDate('2026-03-14T09:30:00Z')).toBe('2026-03-14T09:30:00Z');
    expect(isoDate('2026-03-14T09:30:00.123+01:00')).toBe('2026-03-14T09:30:00.123+01:00');
    for (const bad of ['notadate', '14/03/2026', '2026-02-30', '2026-13-01', 'March 14, 2026', '2026-03-14 09:30']) {
      expect(() => isoDate(bad)).toThrow(InvalidArgumentError);
    }
  });
});
