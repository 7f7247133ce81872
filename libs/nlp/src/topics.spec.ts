import { analyseText } from './text/analysed-text';
import { classifyTopics } from './topics';

const topics = (text: string): string[] => classifyTopics(analyseText(text, 10_000)).map((topic) => topic.value);

describe('classifyTopics', () => {
  it('scores the topics whose words dominate', () => {
    expect(topics('Troops and drones struck the front line; missiles killed soldiers as the war went on.')[0]).toBe(
      'conflict',
    );
    expect(topics('The striker scored a late goal as the team won the league match and the cup.')[0]).toBe('sport');
    expect(topics('Inflation rose and the central bank raised rates as the economy and markets slowed.')[0]).toBe(
      'economy',
    );
  });

  it('returns nothing for text without topic words, and scores within 0–1', () => {
    expect(topics('A quiet afternoon with friends and a walk.')).toEqual([]);
    const scored = classifyTopics(analyseText('Hospital doctors treated patients with the new vaccine.', 1000));
    expect(scored[0]).toEqual(expect.objectContaining({ value: 'health' }));
    expect(scored[0].score).toBeLessThanOrEqual(1);
  });

  it('counts a two-word stem like one topic word, the same on every call', () => {
    const score = (text: string) =>
      classifyTopics(analyseText(text, 1000)).find((topic) => topic.value === 'technology')?.score ?? 0;
    // Six words each: the pair scores like one technology word wherever it stands, and the same on a second call
    // (words' topics are cached: the cache must not change a result).
    const pair = score('They discussed artificial intelligence at lunch');
    expect(pair).toBeGreaterThan(0);
    expect(score('They discussed technology at long lunch')).toBe(pair);
    expect(score('Artificial intelligence was discussed at lunch')).toBe(pair);
    expect(score('They discussed artificial intelligence at lunch')).toBe(pair);
  });
});
