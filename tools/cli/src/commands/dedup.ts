import {
  DEFAULT_DEDUP_POLICY,
  DedupEngine,
  InMemoryFingerprintIndex,
  type DedupArticle,
  type DedupPolicy,
} from '@inkstream/dedup';
import type { Command } from 'commander';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { STDIN } from '../input';
import { positiveNumber } from '../options';

export interface DedupIo {
  /** Receives one JSON line (without the newline). */
  writeLine(line: string): void;
}

export interface DedupOptions {
  policy?: DedupPolicy;
  /** when an input line has no `seenAt`: the time it is taken to be seen (epoch ms) */
  now?: number;
}

interface InputLine extends DedupArticle {
  seenAt: number | null;
}

function parseLine(text: string): InputLine {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
  const record = value as Record<string, unknown>;
  const text_ = (name: string, required: boolean): string | null => {
    const field = record[name];
    if (typeof field === 'string') return field;
    if (field === undefined || field === null) {
      if (required) throw new Error(`"${name}" is required`);
      return null;
    }
    throw new Error(`"${name}" must be a string`);
  };
  const id = text_('id', true) as string;
  if (id === '') throw new Error('"id" is empty');
  const seenAt = text_('seenAt', false);
  const seenAtMs = seenAt === null ? null : Date.parse(seenAt);
  if (Number.isNaN(seenAtMs)) throw new Error('"seenAt" is not a date');
  return {
    id,
    body: text_('body', true) as string,
    title: text_('title', false),
    url: text_('url', false),
    sourceId: text_('sourceId', false),
    seenAt: seenAtMs,
  };
}

/**
 * Deduplicates article lines (`{id, title, body, url}`, optional `sourceId` and ISO `seenAt`) with the
 * deduplicator's engine over an in-memory index, writing one line per input line in input order:
 * `{id, verdict, duplicateOf, similarity, method, clusterId}`, or `{line, error}` for a line that is not a valid
 * article. Blank lines are skipped. Returns the exit code: 1 when any line was bad, else 0.
 */
export async function runDedup(
  lines: AsyncIterable<string> | Iterable<string>,
  io: DedupIo,
  options: DedupOptions = {},
): Promise<number> {
  const engine = new DedupEngine(new InMemoryFingerprintIndex(), options.policy ?? DEFAULT_DEDUP_POLICY);
  const now = options.now ?? Date.now();
  let lineNumber = 0;
  let failed = 0;
  for await (const text of lines) {
    lineNumber++;
    if (text.trim() === '') continue;
    let article: InputLine;
    try {
      article = parseLine(text);
    } catch (error) {
      failed++;
      io.writeLine(JSON.stringify({ line: lineNumber, error: error instanceof Error ? error.message : String(error) }));
      continue;
    }
    const decision = await engine.process(article, article.seenAt ?? now);
    io.writeLine(
      JSON.stringify({
        id: article.id,
        verdict: decision.verdict,
        duplicateOf: decision.duplicateOf,
        similarity: Math.round(decision.similarity * 1000) / 1000,
        method: decision.method,
        clusterId: decision.clusterId,
      }),
    );
  }
  return failed > 0 ? 1 : 0;
}

export function registerDedupCommand(program: Command): void {
  program
    .command('dedup')
    .description('find duplicate articles in a JSONL file of {id, title, body, url}: one JSON line per article')
    .argument('<file>', `JSONL file, one article per line (${STDIN} for standard input)`)
    .option('--window-days <days>', 'text first seen longer ago than this counts as new', positiveNumber)
    .option('--json', 'JSON lines (already the only output: accepted so scripts can pass --json to every command)')
    .action(async (file: string, options: { windowDays?: number }) => {
      const windowDays = options.windowDays ?? null;
      const policy: DedupPolicy =
        windowDays === null ? DEFAULT_DEDUP_POLICY : { ...DEFAULT_DEDUP_POLICY, windowMs: windowDays * 86_400_000 };
      const input = file === STDIN ? process.stdin : createReadStream(file, 'utf8');
      const lines = createInterface({ input, crlfDelay: Infinity });
      const code = await runDedup(lines, { writeLine: (line) => process.stdout.write(`${line}\n`) }, { policy });
      if (code !== 0) process.exitCode = code;
    });
}
