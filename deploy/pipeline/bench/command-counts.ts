// The database commands a bench window sent, by command and collection (`insert articles`), from the driver's
// command events: what the cost benches (dedup-cost.ts, store-cost.ts) report per article.
import { observeMongoCommands } from '@inkstream/persistence';
import { fmt } from './harness';

/** Counts every command from now on; `stop` ends the count and returns it. */
export function countCommands(): { stop(): Map<string, number> } {
  const byName = new Map<string, number>();
  const unsubscribe = observeMongoCommands(({ command }) => {
    const [name] = Object.keys(command);
    const key = `${name} ${String(command[name])}`;
    byName.set(key, (byName.get(key) ?? 0) + 1);
  });
  return {
    stop() {
      unsubscribe();
      return byName;
    },
  };
}

/** "insert articles 0.28 · find duplicates 0.52 …", commonest first, per article of the window. */
export function commandsPerArticle(byName: ReadonlyMap<string, number>, articles: number): string {
  return [...byName.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([name, count]) => `${name} ${fmt(count / articles, 2)}`)
    .join(' · ');
}
