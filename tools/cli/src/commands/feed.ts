import { decodeBody, parseFeed, type FeedItem, type ParsedFeed } from '@inkstream/feeds';
import type { Command } from 'commander';
import { readInput, STDIN } from '../input';

/** Feeds larger than this are refused before parsing (the fetcher reads at most 10 MB per body by default). */
const MAX_FEED_BYTES = 64 * 1024 * 1024;

export interface FeedIo {
  /** Receives one JSON line (without the newline). */
  writeLine(line: string): void;
  /** Reads a file's bytes; node's readFile unless a test injects another. */
  readFile?(path: string): Promise<Uint8Array>;
}

export interface FeedOptions {
  /** URL the feeds were fetched from: resolves relative links */
  baseUrl?: string | null;
}

type OutputItem = Pick<FeedItem, 'title' | 'url' | 'guid' | 'publishedAt' | 'author' | 'summary' | 'content'>;

function outputItem({ title, url, guid, publishedAt, author, summary, content }: FeedItem): OutputItem {
  return { title, url, guid, publishedAt, author, summary, content };
}

function outputLine(file: string, parsed: ParsedFeed): string {
  return JSON.stringify({
    file,
    feed: { format: parsed.format, ...parsed.feed },
    items: parsed.items.map(outputItem),
  });
}

/**
 * Parses each file as a feed, the fetcher's way (bytes → charset detection → parseFeed), and writes one JSON
 * line per file in the order given; a file that cannot be read or parsed gets an `error` line and the rest go on.
 * Returns the exit code: 1 when any file failed, else 0.
 */
export async function runFeed(files: string[], io: FeedIo, options: FeedOptions = {}): Promise<number> {
  const read = io.readFile ?? ((path: string) => readInput(path, MAX_FEED_BYTES));
  let failed = 0;
  for (const file of files) {
    try {
      const { text } = decodeBody(await read(file));
      io.writeLine(outputLine(file, parseFeed(text, { baseUrl: options.baseUrl ?? undefined })));
    } catch (error) {
      failed += 1;
      io.writeLine(JSON.stringify({ file, error: error instanceof Error ? error.message : String(error) }));
    }
  }
  return failed > 0 ? 1 : 0;
}

export function registerFeedCommand(program: Command): void {
  program
    .command('feed')
    .description('parse RSS, Atom and JSON Feed files: one JSON line per file with the feed and its items')
    .argument('<files...>', `feed files to parse (${STDIN} for standard input)`)
    .option('--base-url <url>', 'URL the feeds were fetched from (resolves relative links)')
    .option('--json', 'JSON lines (already the only output: accepted so scripts can pass --json to every command)')
    .action(async (files: string[], options: { baseUrl?: string }) => {
      const code = await runFeed(
        files,
        { writeLine: (line) => process.stdout.write(`${line}\n`) },
        { baseUrl: options.baseUrl ?? null },
      );
      if (code !== 0) process.exitCode = code;
    });
}
