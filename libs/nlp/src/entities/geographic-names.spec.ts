import { analyseText } from '../text/analysed-text';
import { addLandformNames } from './geographic-names';

describe('addLandformNames', () => {
  it('adds a nationality adjective and a landform noun as one location', () => {
    const doc = analyseText('Russia annexed the Crimean Peninsula in 2014.', 10_000);
    expect(addLandformNames(doc, [{ first: 0, last: 1, cls: 'LOC' }])).toEqual([
      { first: 0, last: 1, cls: 'LOC' },
      { first: 3, last: 5, cls: 'LOC' },
    ]);
  });

  it('widens a bare landform span, and leaves longer names and lower case alone', () => {
    const sea = analyseText('Ships crossed the Caspian Sea.', 10_000);
    expect(addLandformNames(sea, [{ first: 4, last: 5, cls: 'LOC' }])).toEqual([{ first: 3, last: 5, cls: 'LOC' }]);
    const fleet = analyseText('The Black Sea Fleet sailed.', 10_000);
    expect(addLandformNames(fleet, [{ first: 1, last: 4, cls: 'ORG' }])).toEqual([{ first: 1, last: 4, cls: 'ORG' }]);
    expect(addLandformNames(analyseText('a calm sea today', 10_000), [])).toEqual([]);
  });
});
