// What the cost benches (dedup-cost.ts, store-cost.ts) share: their options, the measured window (workers over the
// window's articles, the stack's CPU and the database commands counted around them) and the lines of their report
// that read one level against another.
import { commandsPerArticle, countCommands } from './command-counts';
import { fmt } from './harness';
import { CLK_TCK, treeCpuTicks } from './process-cpu';
import { describeCorpus, type StreamArticle } from './stream-corpus';

export interface CostBenchOptions {
  levels: number[];
  window: number;
  concurrency: number;
  write: boolean;
}

/** A bench's own option beside the shared ones (`--cpu-prof FILE`). */
export interface ExtraOption {
  flag: string;
  usage: string;
  take(value: string): void;
}

export function parseCostBenchArgs(
  argv: readonly string[],
  defaults: { window: number },
  extra?: ExtraOption,
): CostBenchOptions {
  const options: CostBenchOptions = { levels: [10_000, 100_000], window: defaults.window, concurrency: 8, write: true };
  const usage = `--levels N,N --window N --concurrency N --no-write${extra ? ` ${extra.usage}` : ''}`;
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=');
    const value = () => inline ?? argv[++i];
    const count = (text: string) => {
      const parsed = Number(text);
      if (!Number.isSafeInteger(parsed) || parsed < 1) throw new Error(`${flag} ${text}: expected a positive integer`);
      return parsed;
    };
    if (flag === '--levels') options.levels = value().split(',').map(count);
    else if (flag === '--window') options.window = count(value());
    else if (flag === '--concurrency') options.concurrency = count(value());
    else if (flag === '--no-write') options.write = false;
    else if (extra && flag === extra.flag) extra.take(value());
    else throw new Error(`unknown option ${argv[i]} (${usage})`);
  }
  if (options.levels.some((level, i) => i > 0 && level <= options.levels[i - 1])) {
    throw new Error(`--levels ${options.levels.join(',')}: expected increasing store sizes`);
  }
  return options;
}

export type StackPids = Record<'ferretdb' | 'postgres', number>;

export interface WindowCost {
  stored: number;
  articles: number;
  duplicates: number;
  perSecond: number;
  /** CPU ms per article of the database processes (PostgreSQL with its backends). */
  stackMs: { ferretdb: number; postgres: number };
  commands: number;
  commandsByName: Map<string, number>;
}

/**
 * Handles `items`, `concurrency` at a time (as a service's partitions overlap), counting the database's CPU and the
 * commands sent while they run. `handle` says whether an item turned out a duplicate.
 */
export async function measureWindow<T>(
  items: readonly T[],
  options: { concurrency: number; stackPids: StackPids; stored: number },
  handle: (item: T) => Promise<'duplicate' | 'stored'>,
): Promise<WindowCost> {
  const commandCount = countCommands();
  const ticks = () => ({
    ferretdb: treeCpuTicks(options.stackPids.ferretdb),
    postgres: treeCpuTicks(options.stackPids.postgres),
  });
  const before = { at: Date.now(), stack: ticks() };
  let next = 0;
  let duplicates = 0;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < items.length) if ((await handle(items[next++])) === 'duplicate') duplicates += 1;
    }),
  );
  const stack = ticks();
  const seconds = (Date.now() - before.at) / 1000;
  const commandsByName = commandCount.stop();
  const n = items.length;
  const perArticleMs = (delta: number) => (delta * 1000) / CLK_TCK / n;
  return {
    stored: options.stored,
    articles: n,
    duplicates,
    perSecond: n / seconds,
    stackMs: {
      ferretdb: perArticleMs(stack.ferretdb - before.stack.ferretdb),
      postgres: perArticleMs(stack.postgres - before.stack.postgres),
    },
    commands: [...commandsByName.values()].reduce((a, b) => a + b, 0) / n,
    commandsByName,
  };
}

/** "Corpus: N articles (… originals, … follow-ups, … copies)." */
export function corpusLine(generated: readonly StreamArticle[]): string {
  const { articles, kinds } = describeCorpus(generated);
  return (
    `Corpus: ${articles.toLocaleString('en')} articles (${kinds.original} originals, ` +
    `${kinds['follow-up']} follow-ups, ${kinds.copy} copies).`
  );
}

/** The report's closing lines: the last level's cost against the first's, and its commands by name. */
export function growthLines<W extends WindowCost>(
  figures: readonly W[],
  cpuOf: (row: W) => number,
  measured: string,
): string[] {
  const first = figures[0];
  const last = figures.at(-1) as W;
  return [
    figures.length > 1
      ? `- ${measured} per article after ${last.stored.toLocaleString('en')} stored is ` +
        `**${fmt(cpuOf(last) / cpuOf(first), 2)} ×** that after ${first.stored.toLocaleString('en')}; ` +
        `commands per article ${fmt(first.commands, 2)} → ${fmt(last.commands, 2)}.`
      : '',
    `- Commands per article after ${last.stored.toLocaleString('en')} stored, by command: ` +
      `${commandsPerArticle(last.commandsByName, last.articles)}.`,
  ];
}
