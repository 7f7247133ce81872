import { emptyBoilerplateState, learnBoilerplate, mergeBoilerplateStates, recordBoilerplate } from './boilerplate';

describe('learnBoilerplate', () => {
  const footer = '© 2026 Example Media. All rights reserved.';
  const doc = (n: number): string[] => [`Story ${n} opens with its own words.`, footer, 'Follow us on social media'];

  it('marks a line as boilerplate once it recurs in the configured number of documents', () => {
    let state = emptyBoilerplateState();
    const drops: Set<string>[] = [];
    for (let n = 1; n <= 3; n++) {
      const update = learnBoilerplate(state, doc(n), { minDocuments: 3 });
      state = update.state;
      drops.push(update.drop);
    }
    expect(drops[0].size).toBe(0);
    expect(drops[1].size).toBe(0);
    expect([...drops[2]].sort()).toEqual(['follow us on social media', footer.toLowerCase()]);
    expect(state.documents).toBe(3);
  });

  it('is pure: the previous state is not modified', () => {
    const before = emptyBoilerplateState();
    const { state } = learnBoilerplate(before, doc(1));
    expect(before).toEqual({ documents: 0, lineCounts: {} });
    expect(state.lineCounts[footer.toLowerCase()]).toBe(1);
  });

  it('counts a line once per document and never learns long paragraphs', () => {
    const long = 'x'.repeat(400);
    let state = emptyBoilerplateState();
    let drop = new Set<string>();
    for (let n = 0; n < 4; n++) ({ state, drop } = learnBoilerplate(state, ['Menu', 'Menu', long]));
    expect(state.lineCounts.menu).toBe(4);
    expect(drop.has('menu')).toBe(true);
    expect(drop.has(long)).toBe(false);
  });

  it('bounds the remembered lines, forgetting the rarest once a quarter more have piled up', () => {
    let state = emptyBoilerplateState();
    ({ state } = learnBoilerplate(state, ['keep'], { maxLines: 4 }));
    ({ state } = learnBoilerplate(state, ['keep', 'a', 'b', 'c', 'd'], { maxLines: 4 }));
    // 5 lines: within the slack (4 + 1), nothing forgotten yet.
    expect(Object.keys(state.lineCounts)).toHaveLength(5);
    ({ state } = learnBoilerplate(state, ['keep', 'e'], { maxLines: 4 }));
    expect(Object.keys(state.lineCounts)).toHaveLength(4);
    expect(state.lineCounts.keep).toBe(3);
  });

  it('records in place exactly what learnBoilerplate returns', () => {
    const docs = Array.from({ length: 40 }, (_, n) => ['Share this', `Headline ${n % 7}`, `Line ${n}`]);
    let pure = emptyBoilerplateState();
    const inPlace = emptyBoilerplateState();
    for (const lines of docs) {
      const update = learnBoilerplate(pure, lines, { maxLines: 8 });
      pure = update.state;
      expect(recordBoilerplate(inPlace, lines, { maxLines: 8 })).toEqual(update.drop);
    }
    expect(inPlace).toEqual(pure);
    expect(Object.keys(inPlace.lineCounts).length).toBeLessThanOrEqual(10);
  });
});

describe('mergeBoilerplateStates', () => {
  const learn = (docs: string[][]) =>
    docs.reduce((state, lines) => learnBoilerplate(state, lines).state, emptyBoilerplateState());

  it('adds counts, so learning split across replicas equals learning in one place, in any merge order', () => {
    const docs = [
      ['footer', 'a'],
      ['footer', 'b'],
      ['footer', 'c'],
      ['b', 'd'],
    ];
    const together = learn(docs);
    const left = learn(docs.slice(0, 2));
    const right = learn(docs.slice(2));
    expect(mergeBoilerplateStates(left, right)).toEqual(together);
    expect(mergeBoilerplateStates(right, left)).toEqual(mergeBoilerplateStates(left, right));
    expect(mergeBoilerplateStates(emptyBoilerplateState(), left)).toEqual(left);
  });

  it('stays bounded', () => {
    const merged = mergeBoilerplateStates(learn([['a', 'b']]), learn([['c', 'd']]), { maxLines: 3 });
    expect(Object.keys(merged.lineCounts)).toHaveLength(3);
  });
});
