import { TITLE_FEATURES, titleCandidates } from './title-candidates';
import { chooseTitle, trainTitleModel, type TitleExample } from './title-training';

const sources = {
  ogTitle: 'Bridge reopens after repairs',
  headline: null,
  twitterTitle: null,
  titleTag: 'Bridge reopens after repairs | Local | Example Times',
  h1: 'Bridge reopens after repairs',
  ldName: null,
  headings: ['Most read'],
  siteNames: ['Example Times'],
};

const feature = (name: (typeof TITLE_FEATURES)[number]): number => TITLE_FEATURES.indexOf(name);

describe('learned title chooser (experiment)', () => {
  it('offers each source, the title tag without its site name and its segments, with agreement', () => {
    const candidates = titleCandidates(sources);
    const texts = candidates.map((c) => c.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        'Bridge reopens after repairs',
        'Bridge reopens after repairs | Local | Example Times',
        'Local',
        'Most read',
      ]),
    );
    const title = candidates.find((c) => c.text === 'Bridge reopens after repairs');
    const tag = candidates.find((c) => c.text.endsWith('Example Times'));
    expect(title?.features[feature('stated:og')]).toBe(1);
    expect(title?.features[feature('first-title-segment')]).toBe(1);
    expect(tag?.features[feature('has-site-name')]).toBe(1);
    expect(title?.features[feature('sources-stating/3')]).toBe(1);
    expect(candidates.every((c) => c.features.length === TITLE_FEATURES.length)).toBe(true);
  });

  it('learns which candidate is the title, the same model byte for byte on a rerun', () => {
    const candidates = titleCandidates(sources);
    const example: TitleExample = {
      set: 'toy',
      candidates,
      gold: candidates.map((c) => c.text === 'Bridge reopens after repairs'),
      rules: null,
    };
    const config = { l2: 1e-3, iterations: 200, rate: 2 };
    const model = trainTitleModel([example], config);
    expect(JSON.stringify(trainTitleModel([example], config))).toBe(JSON.stringify(model));
    expect(chooseTitle(model, candidates)).toBe('Bridge reopens after repairs');
    expect(chooseTitle(model, [])).toBeNull();
  });
});
