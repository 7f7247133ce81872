import { DEFAULT_MONGODB_URI, env, loadConfig } from '@inkstream/config';
import {
  connectMongo,
  SourceRepository,
  SOURCE_KINDS,
  type NewSource,
  type SourceRecord,
} from '@inkstream/persistence';
import type { Command } from 'commander';
import { positiveInteger } from '../options';
import { ZodError } from 'zod';

/** What the sources commands need from the database (the repository; tests pass an in-memory one). */
export type SourcesStore = Pick<SourceRepository, 'add' | 'list' | 'get' | 'setEnabled' | 'remove'>;

export interface SourcesIo {
  store: SourcesStore;
  /** one line of output, without the newline */
  writeLine(line: string): void;
  now?(): Date;
}

export interface AddOptions {
  kind: string;
  url: string;
  name?: string;
  interval?: number;
  tag?: string[];
  fullText?: boolean;
  allowListed?: boolean;
  site?: string[];
  disabled?: boolean;
}

/** Thrown for input an operator must fix; main prints the message and exits 1. */
export class SourcesCommandError extends Error {
  override readonly name = 'SourcesCommandError';
}

export async function addSource(options: AddOptions, io: SourcesIo): Promise<SourceRecord> {
  const input: NewSource = {
    kind: options.kind as NewSource['kind'],
    url: options.url,
    name: options.name ?? defaultName(options.url),
    pollIntervalSeconds: options.interval ?? null,
    tags: options.tag ?? [],
    fullText: options.fullText ?? false,
    allowListed: options.allowListed ?? false,
    sites: options.site ?? [],
    enabled: !options.disabled,
  };
  try {
    const source = await io.store.add(input, (io.now ?? (() => new Date()))());
    io.writeLine(`added ${source._id} (${source.kind} ${source.url})`);
    return source;
  } catch (error) {
    if (error instanceof ZodError) {
      const problems = error.issues.map((issue) => `--${optionName(issue.path[0])}: ${issue.message}`);
      throw new SourcesCommandError(`cannot add source: ${problems.join('; ')}`);
    }
    if (error instanceof Error && error.name === 'SourceExistsError') throw new SourcesCommandError(error.message);
    throw error;
  }
}

export async function listSources(
  filter: { tag?: string; kind?: string; json?: boolean },
  io: SourcesIo,
): Promise<void> {
  const sources = await io.store.list({ tag: filter.tag, kind: filter.kind });
  if (filter.json) {
    for (const source of sources) io.writeLine(JSON.stringify(source));
    return;
  }
  if (sources.length === 0) {
    io.writeLine('no sources');
    return;
  }
  io.writeLine(['ID', 'KIND', 'STATE', 'ERRORS', 'PUBLISHED', 'NEXT RUN', 'NAME', 'URL'].join('\t'));
  for (const source of sources) {
    io.writeLine(
      [
        source._id,
        source.kind,
        stateOf(source),
        String(source.status.consecutiveErrors),
        String(source.status.itemsPublished),
        new Date(source.nextRunAt).toISOString(),
        source.name,
        source.url,
      ].join('\t'),
    );
  }
}

export async function showSource(id: string, io: SourcesIo): Promise<void> {
  io.writeLine(JSON.stringify(await found(io.store.get(id), id), null, 2));
}

export async function setSourceEnabled(id: string, enabled: boolean, io: SourcesIo): Promise<void> {
  const source = await found(io.store.setEnabled(id, enabled, (io.now ?? (() => new Date()))()), id);
  io.writeLine(`${enabled ? 'resumed' : 'paused'} ${source._id} (${stateOf(source)})`);
}

export async function removeSource(id: string, io: SourcesIo): Promise<void> {
  if (!(await io.store.remove(id))) throw new SourcesCommandError(`no source ${id}`);
  io.writeLine(`removed ${id}`);
}

/** paused (operator), parked (failed too often), or active. */
export function stateOf(source: Pick<SourceRecord, 'enabled' | 'parked'>): string {
  if (!source.enabled) return 'paused';
  return source.parked ? 'parked' : 'active';
}

async function found(promise: Promise<SourceRecord | null>, id: string): Promise<SourceRecord> {
  const source = await promise;
  if (!source) throw new SourcesCommandError(`no source ${id}`);
  return source;
}

function defaultName(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'file:' ? parsed.pathname : parsed.hostname;
  } catch {
    return url;
  }
}

const OPTION_NAMES: Record<string, string> = {
  pollIntervalSeconds: 'interval',
  fullText: 'full-text',
  allowListed: 'allow-listed',
  sites: 'site',
  tags: 'tag',
};

function optionName(field: PropertyKey | undefined): string {
  const name = String(field ?? 'url');
  return OPTION_NAMES[name] ?? name;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Runs one command with an open store; the default opens MONGODB_URI and always closes it. */
export type WithStore = (run: (io: SourcesIo) => Promise<unknown>) => Promise<void>;

const withMongoStore: WithStore = async (run) => {
  const { MONGODB_URI } = loadConfig({ MONGODB_URI: env.mongoUri(DEFAULT_MONGODB_URI) });
  const connection = await connectMongo(MONGODB_URI, { appName: 'inkstream-cli' });
  try {
    const store = new SourceRepository(connection);
    await store.ensureIndexes();
    await run({ store, writeLine: (line) => process.stdout.write(`${line}\n`) });
  } finally {
    await connection.close();
  }
};

export function registerSourcesCommand(program: Command, withStore: WithStore = withMongoStore): void {
  const sources = program
    .command('sources')
    .description('manage the sources the fetcher polls (MongoDB at MONGODB_URI)');
  sources
    .command('add')
    .description('add a feed, page, sitemap or drop folder (file:///abs/dir)')
    .requiredOption('--kind <kind>', `one of ${SOURCE_KINDS.join(', ')}`)
    .requiredOption('--url <url>', 'http(s) URL, or file:///abs/dir for a drop folder')
    .option('--name <name>', 'display name (default: the host)')
    .option('--interval <seconds>', 'poll interval in seconds, decimal (default: by kind)', positiveInteger)
    .option('--tag <tag>', 'tag (repeatable)', collect, [])
    .option('--full-text', 'feeds: also fetch each new item’s page', false)
    .option(
      '--allow-listed',
      'allow this source’s origin although it resolves to a private address (drop folders: FETCH_DROP_ROOTS)',
      false,
    )
    .option('--site <domain>', 'another domain whose articles this source may publish (repeatable)', collect, [])
    .option('--disabled', 'add it paused', false)
    .action((options: AddOptions) => withStore((io) => addSource(options, io)));
  sources
    .command('list')
    .description('list sources with their state')
    .option('--tag <tag>', 'only sources with this tag')
    .option('--kind <kind>', 'only sources of this kind')
    .option('--json', 'one JSON line per source', false)
    .action((options: { tag?: string; kind?: string; json: boolean }) => withStore((io) => listSources(options, io)));
  sources
    .command('show')
    .argument('<id>')
    .description('a source with its full live status, as JSON')
    .option('--json', 'JSON lines (already the only output: accepted so scripts can pass --json to every command)')
    .action((id: string) => withStore((io) => showSource(id, io)));
  sources
    .command('pause')
    .argument('<id>')
    .description('stop polling a source')
    .action((id: string) => withStore((io) => setSourceEnabled(id, false, io)));
  sources
    .command('resume')
    .argument('<id>')
    .description('poll a paused or parked source again, at once, with its error count reset')
    .action((id: string) => withStore((io) => setSourceEnabled(id, true, io)));
  sources
    .command('remove')
    .argument('<id>')
    .description('delete a source and what it has seen')
    .action((id: string) => withStore((io) => removeSource(id, io)));
}
