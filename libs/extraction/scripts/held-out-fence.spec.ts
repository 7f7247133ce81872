import { loadEvalSets, MissingDatasetError, SET_NAMES } from './eval-sets';
import { scoreFigures } from './leave-one-set-out';
import { extractPage } from './rules-method';

// A regression fence, not a target: a small sample of every shared extraction set, scored as
// `npm run eval:extraction` scores it, must stay above floors well below the held-out figures in docs/quality.md
// (body 0.91-0.99, title 0.75-0.88, authors 0.8, day 0.8-0.94). CI has ../shared/datasets beside the clone; without
// it this test fails and names the missing directory rather than passing on nothing.
const SAMPLE_EVERY = 12;
const FLOORS = { body: 0.75, title: 0.5, authors: 0.5, day: 0.6 };

describe('extraction held-out fence (sample of the four shared sets)', () => {
  const pages = loadEvalSets().filter((_, i) => i % SAMPLE_EVERY === 0);

  it.each(SET_NAMES)('%s stays above the floors', (set) => {
    const inSet = pages.filter((p) => p.set === set);
    expect(inSet.length).toBeGreaterThanOrEqual(5);
    const figures = scoreFigures(
      inSet,
      inSet.map((p) => extractPage(p)),
    );
    expect(figures.body?.f1).toBeGreaterThanOrEqual(FLOORS.body);
    if (figures.title !== undefined) expect(figures.title).toBeGreaterThanOrEqual(FLOORS.title);
    if (figures.authors !== undefined) expect(figures.authors).toBeGreaterThanOrEqual(FLOORS.authors);
    if (figures.day !== undefined) expect(figures.day).toBeGreaterThanOrEqual(FLOORS.day);
  });

  it('a missing dataset directory is an error naming it, not an empty sample', () => {
    expect(() => loadEvalSets('/nonexistent/datasets')).toThrow(MissingDatasetError);
    expect(() => loadEvalSets('/nonexistent/datasets')).toThrow('/nonexistent/datasets/extraction-dev');
  });
});
