import {
  decodeDocument,
  splitDocument,
  UnprocessableDocumentError,
  type ExtractedArticle,
  type SplitResult,
} from '@inkstream/extraction';
import type { Command } from 'commander';
import { gunzipSync } from 'node:zlib';
import { readInput, STDIN } from '../input';

export interface SplitIo {
  /** Receives one JSON line (without the newline). */
  writeLine(line: string): void;
  /** what `-` reads (default: the process's standard input) */
  stdin?: AsyncIterable<Buffer | string>;
}

export interface SplitArgs {
  files: string[];
  url?: string | null;
}

/** Gunzipped documents larger than this are refused: bounds memory against gzip bombs (the splitter caps at 10 MB). */
const MAX_GUNZIPPED_BYTES = 64 * 1024 * 1024;

const OUTPUT_FIELDS = [
  'id',
  'title',
  'body',
  'paragraphs',
  'headings',
  'url',
  'byline',
  'publishedAt',
  'dateline',
  'standfirst',
  'language',
] as const;

type OutputArticle = Pick<ExtractedArticle, (typeof OUTPUT_FIELDS)[number]> & { kind?: ExtractedArticle['kind'] };

function outputArticle(article: ExtractedArticle): OutputArticle {
  const out = Object.fromEntries(OUTPUT_FIELDS.map((k) => [k, article[k]])) as OutputArticle;
  // Only worth a field when it is not the ordinary case.
  if (article.kind !== 'article') out.kind = article.kind;
  return out;
}

async function readDocument(file: string, stdin?: AsyncIterable<Buffer | string>): Promise<string> {
  // Not read at all when it cannot pass the splitter's cap, so one huge file cannot exhaust memory.
  let bytes: Uint8Array = await readInput(file, MAX_GUNZIPPED_BYTES, stdin);
  if (file.endsWith('.gz') || (bytes[0] === 0x1f && bytes[1] === 0x8b)) {
    bytes = gunzipSync(bytes, { maxOutputLength: MAX_GUNZIPPED_BYTES });
  }
  return decodeDocument(bytes);
}

function errorMessage(error: unknown): string {
  if (error instanceof UnprocessableDocumentError) return `${error.reason}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Splits each file into article candidates with the splitter's own code and writes one JSON line per file, in
 * the order given. Files are read one at a time, so hundreds of files cost the memory of one. Returns the exit
 * code: 1 when any file failed (its line carries "error"), else 0.
 */
export async function runSplit(args: SplitArgs, io: SplitIo): Promise<number> {
  let failed = 0;
  for (const file of args.files) {
    let result: SplitResult;
    try {
      const content = await readDocument(file, io.stdin);
      result = splitDocument({ content, url: args.url ?? null });
    } catch (error) {
      failed++;
      io.writeLine(JSON.stringify({ file, error: errorMessage(error) }));
      continue;
    }
    const line: Record<string, unknown> = { file, kind: result.kind, articles: result.articles.map(outputArticle) };
    if (result.publisher) line.publisher = result.publisher;
    if (result.emptyReason) line.emptyReason = result.emptyReason;
    io.writeLine(JSON.stringify(line));
  }
  return failed > 0 ? 1 : 0;
}

export function registerSplitCommand(program: Command): void {
  program
    .command('split')
    .description('split HTML pages, feeds and text dumps (.gz ok) into article candidates: one JSON line per file')
    .argument('<files...>', `documents to split (${STDIN} for standard input)`)
    .option('--url <url>', 'URL the documents were fetched from (resolves links, identifies single articles)')
    .option('--json', 'JSON lines (already the only output: accepted so scripts can pass --json to every command)')
    .action(async (files: string[], options: { url?: string }) => {
      const code = await runSplit(
        { files, url: options.url ?? null },
        { writeLine: (line) => process.stdout.write(`${line}\n`) },
      );
      if (code !== 0) process.exitCode = code;
    });
}
