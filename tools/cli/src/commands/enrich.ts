import { refusedBinary, refusedDocumentSize } from '@inkstream/contracts';
import { enrichArticle, type Enrichment } from '@inkstream/nlp';
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { isoDate } from '../options';

/** Where `runEnrich` gets text and puts results, so tests can drive it without files or a terminal. */
export interface EnrichIo {
  readFile(path: string): Promise<string>;
  readStdin(): Promise<string>;
  /** Receives one JSON line (without the newline). */
  writeLine(line: string): void;
  writeError(message: string): void;
}

export interface EnrichOptions {
  /** Inputs are JSON lines `{id, text, title?, publishedAt?}` instead of plain article text. */
  jsonl?: boolean;
  /** ISO date that relative dates in plain-text inputs are resolved against. */
  publishedAt?: string;
}

interface JsonlRecord {
  id?: unknown;
  text?: unknown;
  title?: unknown;
  standfirst?: unknown;
  publishedAt?: unknown;
  language?: unknown;
}

const optionalString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function enrichText(
  text: string,
  extra: { title?: string; standfirst?: string; publishedAt?: string; language?: string },
): Enrichment {
  return enrichArticle({ text, ...extra });
}

function enrichLine(line: string, lineNumber: number, options: EnrichOptions): string {
  let record: JsonlRecord;
  try {
    record = JSON.parse(line) as JsonlRecord;
  } catch {
    throw new Error(`line ${lineNumber}: not JSON`);
  }
  if (typeof record !== 'object' || record === null || typeof record.text !== 'string') {
    throw new Error(`line ${lineNumber}: expected {"id", "text"}`);
  }
  const enrichment = enrichText(record.text, {
    title: optionalString(record.title),
    standfirst: optionalString(record.standfirst),
    publishedAt: optionalString(record.publishedAt) ?? options.publishedAt,
    language: optionalString(record.language),
  });
  return JSON.stringify({ id: record.id ?? null, ...enrichment });
}

/**
 * Enriches each input (files in order, or stdin when there are none) and writes one JSON object per article:
 * per plain-text input, or per `{id, text}` line with `--jsonl`. Offsets in the output index into the text as
 * given. Returns the exit code: 1 when any input or line failed (reported on stderr), else 0.
 */
export async function runEnrich(inputs: readonly string[], options: EnrichOptions, io: EnrichIo): Promise<number> {
  let failed = 0;
  const sources = inputs.length > 0 ? inputs : ['-'];
  for (const source of sources) {
    let content: string;
    try {
      content = source === '-' ? await io.readStdin() : await io.readFile(source);
    } catch (error) {
      failed++;
      io.writeError(`${source}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    // The limits every entry point shares: a binary or oversized input is an error, never a made-up enrichment.
    const refused = refusedDocumentSize(content.length) ?? refusedBinary(content);
    if (refused) {
      failed++;
      io.writeError(`${source}: ${refused}`);
      continue;
    }
    if (!options.jsonl) {
      io.writeLine(JSON.stringify(enrichText(content, { publishedAt: options.publishedAt })));
      continue;
    }
    content.split('\n').forEach((line, index) => {
      if (line.trim() === '') return;
      try {
        io.writeLine(enrichLine(line, index + 1, options));
      } catch (error) {
        failed++;
        io.writeError(`${source}: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  }
  return failed > 0 ? 1 : 0;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

export function registerEnrichCommand(program: Command): void {
  program
    .command('enrich')
    .description(
      'enrich plain article text (stdin when no file): language, entities, places, keywords, topics, summary, quotes, figures',
    )
    .argument('[files...]', 'plain-text articles (or JSON lines with --jsonl)')
    .option('--jsonl', 'inputs are JSON lines {"id", "text"}; prints one line per input with the same id')
    .option('--json', 'JSON lines (already the only output: accepted so scripts can pass --json to every command)')
    .option('--published-at <iso>', 'ISO-8601 publication date to resolve "Tuesday", "last year" against', isoDate)
    .action(async (files: string[], options: { jsonl?: boolean; publishedAt?: string }) => {
      const code = await runEnrich(files, options, {
        readFile: (path) => readFile(path, 'utf8'),
        readStdin,
        writeLine: (line) => process.stdout.write(`${line}\n`),
        writeError: (message) => process.stderr.write(`inkstream enrich: ${message}\n`),
      });
      if (code !== 0) process.exitCode = code;
    });
}
