import {
  emptyBoilerplateState,
  mergeBoilerplateStates,
  recordBoilerplate,
  type BoilerplateState,
} from '@inkstream/extraction';

/** Where learned boilerplate is kept between flushes (DocumentOutcomeRepository's learning records). */
export interface BoilerplateStore {
  loadLearning<T>(sourceId: string, kind: string): Promise<T | null>;
  saveLearning<T>(sourceId: string, kind: string, state: T, now: string): Promise<void>;
}

interface SourceMemory {
  /** What this process decides with: the stored state when loaded or last flushed, plus everything seen since. */
  current: BoilerplateState;
  /** Only what this process saw since its last flush: added to the stored state, never overwriting it. */
  unsaved: BoilerplateState;
}

const KIND = 'boilerplate';

/**
 * Per-source learned boilerplate, off the per-document path: loaded once per source, updated in memory for every
 * document, and flushed in batches by adding this process's counts to the stored ones. Reading and rewriting the
 * source's state for each document would serialise a busy source on one database round trip after another, and two
 * replicas (or two concurrent documents) would overwrite each other's learning. Counts merge commutatively, so
 * flushes from any number of replicas add up; a crash loses at most one flush interval of learning.
 */
export class BoilerplateMemory {
  private readonly sources = new Map<string, Promise<SourceMemory>>();

  constructor(private readonly store: BoilerplateStore) {}

  /** Learns one more document of the source; returns the folded lines to drop from it. */
  async learn(sourceId: string, lines: readonly string[]): Promise<Set<string>> {
    const memory = await this.memoryOf(sourceId);
    // In place: this process's own states, replaced (never mutated) when a flush merges in the stored one.
    recordBoilerplate(memory.unsaved, lines);
    return recordBoilerplate(memory.current, lines);
  }

  /** Adds every source's unsaved learning to the stored state; returns how many sources were written. */
  async flush(now: string): Promise<number> {
    let written = 0;
    for (const [sourceId, pending] of this.sources) {
      const memory = await pending;
      if (memory.unsaved.documents === 0) continue;
      const unsaved = memory.unsaved;
      memory.unsaved = emptyBoilerplateState();
      try {
        const stored = (await this.store.loadLearning<BoilerplateState>(sourceId, KIND)) ?? emptyBoilerplateState();
        const merged = mergeBoilerplateStates(stored, unsaved);
        await this.store.saveLearning(sourceId, KIND, merged, now);
        // Pick up what other replicas learned, plus whatever arrived here while we were writing.
        memory.current = mergeBoilerplateStates(merged, memory.unsaved);
        written += 1;
      } catch (error) {
        // Keep the counts for the next flush rather than lose them.
        memory.unsaved = mergeBoilerplateStates(unsaved, memory.unsaved);
        throw error;
      }
    }
    return written;
  }

  private memoryOf(sourceId: string): Promise<SourceMemory> {
    let memory = this.sources.get(sourceId);
    if (!memory) {
      // One load per source, shared by concurrent documents of that source.
      memory = this.store
        .loadLearning<BoilerplateState>(sourceId, KIND)
        .then((stored) => ({ current: stored ?? emptyBoilerplateState(), unsaved: emptyBoilerplateState() }));
      memory.catch(() => this.sources.delete(sourceId));
      this.sources.set(sourceId, memory);
    }
    return memory;
  }
}
