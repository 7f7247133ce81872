import { natoParagraphs, onSite } from './__fixtures__/articles';
import { DedupEngine } from './dedup-engine';
import { fingerprintArticle } from './fingerprint';
import {
  type ClaimOutcome,
  type FingerprintIndex,
  type FingerprintLookup,
  type IndexedArticle,
} from './fingerprint-index';

/**
 * An index whose claims are scripted, to replay what two replicas see when their claim writes interleave: each
 * decided against an empty index, then each won some of the keys the two share.
 */
class ScriptedIndex implements FingerprintIndex {
  readonly moved: Array<[string, string]> = [];
  /** whether each insert was asked to settle races (`FingerprintIndex.insert`) */
  readonly settles = new Map<string, boolean | undefined>();
  constructor(private readonly outcomes: Record<string, ClaimOutcome>) {}

  lookup(): FingerprintLookup {
    return { sameUrl: null, sameContent: null, candidates: [], paragraphStories: new Map() };
  }

  insert(article: IndexedArticle, settles?: boolean): ClaimOutcome {
    this.settles.set(article.id, settles);
    return this.outcomes[article.id];
  }

  moveToCluster(id: string, clusterId: string): void {
    this.moved.push([id, clusterId]);
  }
}

const stored = (id: string, body: string): IndexedArticle & { body: string } => ({
  id,
  body,
  clusterId: id,
  sourceId: null,
  seenAt: 0,
  fingerprint: fingerprintArticle({ body }),
});

describe('DedupEngine races between replicas', () => {
  const x = stored('x', natoParagraphs.join('\n'));
  const y = stored('y', onSite(natoParagraphs));

  it('when each won some shared keys, both agree the smaller id (same instant) stays the original', async () => {
    const index = new ScriptedIndex({
      x: { lostTo: [y], beaten: ['y'] },
      y: { lostTo: [x], beaten: ['x'] },
    });
    const engine = new DedupEngine(index);
    const [px, py] = [await engine.decide(x, 0), await engine.decide(y, 0)];
    expect(await engine.commit(px)).toMatchObject({ verdict: 'unique', clusterId: 'x' });
    expect(await engine.commit(py)).toMatchObject({ verdict: 'duplicate', duplicateOf: 'x', clusterId: 'x' });
    expect(index.moved).toEqual([['y', 'x']]);
  });

  it('when it beat the rival to no shared key, the rival is the original whatever the ids', async () => {
    const z = { ...x, id: 'z', clusterId: 'z' };
    const index = new ScriptedIndex({ y: { lostTo: [z], beaten: [] } });
    const engine = new DedupEngine(index);
    expect(await engine.commit(await engine.decide(y, 0))).toMatchObject({ verdict: 'duplicate', duplicateOf: 'z' });
  });

  it('stays unique when the holder it lost to is not a verified copy', async () => {
    const other = stored('other', 'A different story about the weather, with nothing in common with the summit.');
    const index = new ScriptedIndex({ y: { lostTo: [other], beaten: [] } });
    const engine = new DedupEngine(index);
    expect(await engine.commit(await engine.decide(y, 0))).toMatchObject({ verdict: 'unique', clusterId: 'y' });
    expect(index.moved).toEqual([]);
  });

  it('asks the index to settle races only for a unique decision: a duplicate stays one whatever it lost', async () => {
    const index = new ScriptedIndex({ x: { lostTo: [], beaten: [] }, y: { lostTo: [], beaten: [] } });
    index.lookup = () => ({ sameUrl: null, sameContent: x, candidates: [], paragraphStories: new Map() });
    const engine = new DedupEngine(index);
    expect(await engine.process(x, 1_000)).toMatchObject({ verdict: 'duplicate', duplicateOf: 'x' });
    index.lookup = () => ({ sameUrl: null, sameContent: null, candidates: [], paragraphStories: new Map() });
    expect(await engine.process(y, 1_000)).toMatchObject({ verdict: 'unique' });
    expect(Object.fromEntries(index.settles)).toEqual({ x: false, y: true });
  });

  it('settles a copy it saw while racing copies made the story paragraphs look like boilerplate', async () => {
    // z decided while x and another racing copy each still founded a cluster of their own: every paragraph looked
    // held by two stories (site boilerplate), so the verification found nothing and z looked unique.
    const z = stored('z', onSite(natoParagraphs));
    const w = { ...stored('w', natoParagraphs.join('\n')), seenAt: 5 };
    const inflated = new Map([...new Set(x.fingerprint.paragraphKeys)].map((key) => [key, 2]));
    const index = new ScriptedIndex({ z: { lostTo: [x, w], beaten: [] } });
    index.lookup = () => ({ sameUrl: null, sameContent: null, candidates: [x, w], paragraphStories: inflated });
    const engine = new DedupEngine(index);
    const pending = await engine.decide(z, 10);
    expect(pending.decision.verdict).toBe('unique');
    expect(await engine.commit(pending)).toMatchObject({ verdict: 'duplicate', duplicateOf: 'x', clusterId: 'x' });
  });
});
