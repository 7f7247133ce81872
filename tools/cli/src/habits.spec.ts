import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import { cli } from '../test/run-cli';
import { runSplit } from './commands/split';
import { buildProgram, CLI_VERSION } from './main';

const BIN = join(__dirname, '..', 'bin', 'inkstream.js');

/** A port nothing listens on (free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The real executable, fed on standard input. */
function runBin(args: string[], stdin: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], (error, out, err) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }),
    );
    child.stdin?.end(stdin);
  });
}

function leafCommands(command: Command, path: string[] = []): Array<{ path: string; command: Command }> {
  if (command.commands.length === 0) return [{ path: path.join(' '), command }];
  return command.commands.flatMap((child) => leafCommands(child, [...path, child.name()]));
}

describe('CLI habits', () => {
  it('--version prints the release and exits 0', async () => {
    expect(CLI_VERSION).toMatch(/^\d+\.\d+\.\d+/);
    expect(await cli(['--version'], {})).toMatchObject({ code: 0, out: `${CLI_VERSION}\n` });
  });

  it('help names the connection variables, on the program and on the commands that reach a stack', async () => {
    for (const args of [['--help'], ['tail', '--help'], ['reenrich', '--help'], ['stats', '--help']]) {
      const { code, out } = await cli(args, {});
      expect(code).toBe(0);
      expect(out).toMatch(/KAFKA_BROKERS .*default 127\.0\.0\.1:9092/);
      expect(out).toMatch(/MONGODB_URI .*default mongodb:\/\//);
    }
  });

  it('every command that prints data accepts --json', () => {
    const confirmationsOnly = new Set([
      'sources add',
      'sources edit',
      'sources pause',
      'sources resume',
      'sources remove',
    ]);
    // Its output is a document in a format of its own (OPML), which `sources import` reads back.
    const documents = new Set(['sources export']);
    const missing = leafCommands(buildProgram())
      .filter(({ path }) => !confirmationsOnly.has(path) && !documents.has(path))
      .filter(({ command }) => !command.options.some((option) => option.long === '--json'))
      .map(({ path }) => path);
    expect(missing).toEqual([]);
  });

  it('without a broker, tail, ingest and reenrich fail at once with one clear line, not kafkajs retries', async () => {
    const brokers = `127.0.0.1:${await closedPort()}`;
    for (const args of [['tail'], ['ingest', '--json', __filename], ['reenrich', '--json']]) {
      const { code, err } = await cli(args, { KAFKA_BROKERS: brokers });
      expect(code).toBe(1);
      expect(err).toMatch(
        new RegExp(`^inkstream: cannot reach Kafka at ${brokers} \\(.*\\); is the pipeline running\\?`),
      );
      expect(err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('- reads standard input for split', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const page =
      '<html><head><title>T</title></head><body><article><h1>Council votes</h1><p>The council voted on Monday to widen the road through the old town, after two years of debate.</p></article></body></html>';
    await runSplit(
      { files: ['-'] },
      { writeLine: (line) => lines.push(JSON.parse(line)), stdin: Readable.from([Buffer.from(page)]) },
    );
    expect(lines[0]).toMatchObject({ file: '-', kind: expect.any(String) });
    expect(lines[0].error).toBeUndefined();
  });

  it('the executable reads `dedup -`, `split -` and `feed -` from its standard input', async () => {
    const articles = [
      { id: 'a', title: 'Council votes', body: 'The council voted on Monday to widen the road through the old town.' },
      { id: 'b', title: 'Council votes', body: 'The council voted on Monday to widen the road through the old town.' },
    ];
    const dedup = await runBin(['dedup', '-'], articles.map((article) => JSON.stringify(article)).join('\n'));
    expect(dedup.code).toBe(0);
    expect(dedup.out.trim().split('\n')).toHaveLength(2);
    const split = await runBin(['split', '-'], 'BRUSSELS: the ministers met on Monday.\n');
    expect(split.code).toBe(0);
    expect(JSON.parse(split.out)).toMatchObject({ file: '-' });
    const rss = '<rss version="2.0"><channel><title>F</title><item><title>One</title></item></channel></rss>';
    const feed = await runBin(['feed', '-'], rss);
    expect(JSON.parse(feed.out)).toMatchObject({ file: '-', items: [{ title: 'One' }] });
  }, 60_000);
});
