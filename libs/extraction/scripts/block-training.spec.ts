import { FEATURE_COUNT } from '../src/html/block-features';
import { checkBlockModel, type BlockModel } from '../src/html/block-model';
import { DEFAULT_TRAINING, labelledRows, trainBlockModel } from './block-training';
import type { EvalPage } from './eval-sets';

const article =
  'The council voted on Tuesday to reopen the bridge after two years of repairs, officials said in a statement. ';
const page = (id: string): EvalPage => ({
  set: 'extraction-dev',
  id,
  url: `https://news.example/${id}`,
  html: `<html><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <div class="story"><p>${article.repeat(3)}</p><p>${article.repeat(2)}</p></div>
    <div class="related"><a href="/x">Another story entirely about something else</a></div></body></html>`,
  body: `${article.repeat(3)}\n${article.repeat(2)}`,
});

describe('block classifier training', () => {
  const data = ['a', 'b', 'c'].map((id) => ({ set: 'extraction-dev', rows: labelledRows(page(id)) }));

  it('labels the blocks of the rules’ choice from the reference body (a related link and the nav are not in it)', () => {
    expect(data[0].rows.labels).toEqual([1, 1]);
    expect(data[0].rows.rows.every((r) => r.index.every((i) => i < FEATURE_COUNT))).toBe(true);
  });

  it('reproduces the same model byte for byte from the same data, and another from other settings', () => {
    const one = JSON.stringify(trainBlockModel(data, DEFAULT_TRAINING));
    expect(JSON.stringify(trainBlockModel(data, DEFAULT_TRAINING))).toBe(one);
    expect(JSON.stringify(trainBlockModel(data, { ...DEFAULT_TRAINING, trees: 3 }))).not.toBe(one);
    expect(checkBlockModel(JSON.parse(one) as BlockModel).trees).toHaveLength(DEFAULT_TRAINING.trees);
  });
});
