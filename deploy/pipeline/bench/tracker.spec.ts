import { Tracker } from './harness';
import type { CleanArticle } from '@inkstream/contracts';

const article = (key: string, copyOf: string | null) => ({ key, sourceId: 's', title: key, text: key, copyOf });
const clean = (url: string, duplicates: string[] = []) =>
  ({ url, duplicates: duplicates.map((duplicate) => ({ url: duplicate })) }) as unknown as CleanArticle;

describe('Tracker', () => {
  it('names the near-copies stored beside their original, not those recorded as its duplicates', () => {
    const tracker = new Tracker();
    tracker.add('u/a', article('a', null));
    tracker.add('u/a2', article('a2', 'a'));
    tracker.add('u/b', article('b', null));
    tracker.add('u/b2', article('b2', 'b'));
    tracker.onClean(clean('u/a', ['u/a2']), 1);
    tracker.onClean(clean('u/b'), 2);
    tracker.onClean(clean('u/b2'), 3);
    expect(tracker.copies()).toEqual({ published: 2, storedTwice: 1, twice: ['b2'] });
  });
});
