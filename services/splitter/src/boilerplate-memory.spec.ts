import type { BoilerplateState } from '@inkstream/extraction';
import { BoilerplateMemory, type BoilerplateStore } from './boilerplate-memory';

class MemoryStore implements BoilerplateStore {
  readonly states = new Map<string, unknown>();
  loads = 0;
  saves = 0;
  async loadLearning<T>(sourceId: string): Promise<T | null> {
    this.loads += 1;
    return (this.states.get(sourceId) as T | undefined) ?? null;
  }
  async saveLearning<T>(sourceId: string, _kind: string, state: T): Promise<void> {
    this.saves += 1;
    this.states.set(sourceId, JSON.parse(JSON.stringify(state)));
  }
}

const footer = '© 2026 Example Media. All rights reserved.';
const doc = (n: number) => [`Story ${n} has words of its own.`, footer];

describe('BoilerplateMemory', () => {
  it('learns in memory: one load per source and no write per document', async () => {
    const store = new MemoryStore();
    const memory = new BoilerplateMemory(store);
    const drops = await Promise.all([1, 2, 3, 4].map((n) => memory.learn('src', doc(n))));
    expect(store.loads).toBe(1);
    expect(store.saves).toBe(0);
    // the footer becomes boilerplate from its third document on
    expect(drops.filter((drop) => drop.size > 0)).toHaveLength(2);
  });

  it('flushes by adding counts, so two replicas never overwrite each other', async () => {
    const store = new MemoryStore();
    const replicaA = new BoilerplateMemory(store);
    const replicaB = new BoilerplateMemory(store);
    await replicaA.learn('src', doc(1));
    await replicaB.learn('src', doc(2));
    await replicaA.learn('src', doc(3));
    expect(await replicaA.flush('t1')).toBe(1);
    expect(await replicaB.flush('t2')).toBe(1);
    const stored = store.states.get('src') as BoilerplateState;
    expect(stored.documents).toBe(3);
    expect(Object.values(stored.lineCounts)).toContain(3);
    // nothing new: nothing written
    expect(await replicaA.flush('t3')).toBe(0);
  });

  it('decides with what other replicas learned once it has flushed', async () => {
    const store = new MemoryStore();
    const replicaA = new BoilerplateMemory(store);
    const replicaB = new BoilerplateMemory(store);
    await replicaA.learn('src', doc(1));
    await replicaA.learn('src', doc(2));
    await replicaA.flush('t1');
    await replicaB.learn('src', doc(3)); // B loaded the stored two documents: the footer's third sighting
    expect((await replicaB.learn('src', doc(4))).size).toBe(1);
  });

  it('keeps unsaved counts when a flush fails', async () => {
    const store = new MemoryStore();
    const memory = new BoilerplateMemory(store);
    await memory.learn('src', doc(1));
    const save = jest.spyOn(store, 'saveLearning').mockRejectedValueOnce(new Error('database down'));
    await expect(memory.flush('t1')).rejects.toThrow('database down');
    save.mockRestore();
    await memory.flush('t2');
    expect((store.states.get('src') as BoilerplateState).documents).toBe(1);
  });
});
