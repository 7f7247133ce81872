import { DEFAULT_MONGODB_URI, env, loadConfig } from '@inkstream/config';
import { OpmlParseError, parseOpmlSources, writeOpml } from '@inkstream/feeds';
import {
  connectMongo,
  decodeSourceCursor,
  InvalidSourceCursorError,
  SourceEditError,
  SourceRepository,
  SOURCE_KINDS,
  SOURCE_SORTS,
  SOURCE_STATES,
  sourceLatenessMs,
  sourceLimitsOf,
  sourceStateOf,
  summarisePolls,
  type NewSource,
  type SourceEdit,
  type SourceLimits,
  type SourceListFilter,
  type SourceRecord,
  type SourceSort,
} from '@inkstream/persistence';
import { InvalidArgumentError, type Command } from 'commander';
import { readInput } from '../input';
import { positiveInteger } from '../options';
import { ZodError } from 'zod';

/** What the sources commands need from the database (the repository; tests pass an in-memory one). */
export type SourcesStore = Pick<
  SourceRepository,
  'add' | 'addMany' | 'list' | 'page' | 'get' | 'edit' | 'setEnabled' | 'remove'
>;

export interface SourcesIo {
  store: SourcesStore;
  /** one line of output, without the newline */
  writeLine(line: string): void;
  /** one line for the operator, not the data (page hints, refusals): standard error, so `--json` stays clean */
  writeNote?(line: string): void;
  /** reads a file, or standard input for `-` */
  readInput?(path: string, maxBytes: number): Promise<Uint8Array>;
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
  minInterval?: number;
  maxInterval?: number;
  maxItems?: number;
  backoffMax?: number;
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
    minIntervalSeconds: options.minInterval ?? null,
    maxIntervalSeconds: options.maxInterval ?? null,
    maxItemsPerRun: options.maxItems ?? null,
    backoffMaxSeconds: options.backoffMax ?? null,
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

export interface ListOptions {
  tag?: string;
  kind?: string;
  state?: string;
  host?: string;
  q?: string;
  sort?: string;
  limit?: number;
  cursor?: string;
  all?: boolean;
  json?: boolean;
}

/** The page size of `list --all`: few round trips at 10,000 sources, bounded memory. */
const ALL_PAGE_SIZE = 500;

/**
 * One page of sources (or every page with --all), filtered and sorted as `GET /api/sources`; what is left and how
 * to get it goes to standard error.
 */
export async function listSources(options: ListOptions, io: SourcesIo): Promise<void> {
  const now = (io.now ?? (() => new Date()))();
  const filter = listFilter(options);
  const sort = (options.sort ?? 'name') as SourceSort;
  const limit = options.all ? ALL_PAGE_SIZE : (options.limit ?? 100);
  let cursor;
  try {
    cursor = options.cursor ? decodeSourceCursor(options.cursor) : undefined;
    if (cursor && cursor.sort !== sort) throw new InvalidSourceCursorError(`was issued for --sort ${cursor.sort}`);
  } catch (error) {
    throw new SourcesCommandError(`--cursor: ${(error as Error).message}`);
  }
  let shown = 0;
  for (;;) {
    const page = await io.store.page(filter, { sort, limit, cursor }, now);
    if (shown === 0 && !options.json) {
      if (page.sources.length === 0) {
        io.writeLine('no sources');
        return;
      }
      io.writeLine(['ID', 'KIND', 'STATE', 'ERRORS', 'LATE', 'PUBLISHED', 'NEXT RUN', 'NAME', 'URL'].join('\t'));
    }
    for (const source of page.sources) {
      // Limits as the API shows them: null for the default, also on records from before them.
      io.writeLine(options.json ? JSON.stringify({ ...source, ...sourceLimitsOf(source) }) : listRow(source, now));
    }
    shown += page.sources.length;
    if (!page.nextCursor) {
      io.writeNote?.(`${shown} of ${page.total} sources`);
      return;
    }
    if (!options.all) {
      io.writeNote?.(`${shown} of ${page.total} sources; next page: --cursor ${page.nextCursor}`);
      return;
    }
    cursor = decodeSourceCursor(page.nextCursor);
  }
}

function listFilter(options: ListOptions): SourceListFilter {
  const filter: SourceListFilter = {};
  if (options.tag) filter.tag = options.tag;
  if (options.kind) filter.kind = options.kind as SourceListFilter['kind'];
  if (options.state) filter.state = options.state as SourceListFilter['state'];
  if (options.host) filter.host = options.host;
  if (options.q) filter.q = options.q;
  return filter;
}

function listRow(source: SourceRecord, now: Date): string {
  return [
    source._id,
    source.kind,
    sourceStateOf(source),
    String(source.status.consecutiveErrors),
    `${Math.round(sourceLatenessMs(source, now) / 1000)}s`,
    String(source.status.itemsPublished),
    new Date(source.nextRunAt).toISOString(),
    source.name,
    source.url,
  ].join('\t');
}

export async function showSource(id: string, io: SourcesIo): Promise<void> {
  const source = await found(io.store.get(id), id);
  const shown = { ...source, ...sourceLimitsOf(source), pollSummary: summarisePolls(source.polls ?? []) };
  io.writeLine(JSON.stringify(shown, null, 2));
}

export async function setSourceEnabled(id: string, enabled: boolean, io: SourcesIo): Promise<void> {
  const source = await found(io.store.setEnabled(id, enabled, (io.now ?? (() => new Date()))()), id);
  io.writeLine(`${enabled ? 'resumed' : 'paused'} ${source._id} (${sourceStateOf(source)})`);
}

export async function removeSource(id: string, io: SourcesIo): Promise<void> {
  if (!(await io.store.remove(id))) throw new SourcesCommandError(`no source ${id}`);
  io.writeLine(`removed ${id}`);
}

export interface EditOptions {
  name?: string;
  interval?: number | 'default';
  fullText?: boolean;
  tag?: string[];
  enable?: boolean;
  disable?: boolean;
  minInterval?: number | 'default';
  maxInterval?: number | 'default';
  maxItems?: number | 'default';
  backoffMax?: number | 'default';
}

/** The edit flag of each limit: `default` clears it (null), so the fetcher's setting applies again. */
const LIMIT_OPTIONS = {
  minIntervalSeconds: 'minInterval',
  maxIntervalSeconds: 'maxInterval',
  maxItemsPerRun: 'maxItems',
  backoffMaxSeconds: 'backoffMax',
} as const satisfies Record<keyof SourceLimits, keyof EditOptions>;

/** Changes what `PATCH /api/sources/:id` changes; seen items and validators stay. */
export async function editSource(id: string, options: EditOptions, io: SourcesIo): Promise<void> {
  if (options.enable && options.disable) throw new SourcesCommandError('--enable and --disable exclude each other');
  const edit: SourceEdit = {};
  if (options.name !== undefined) edit.name = options.name;
  if (options.interval !== undefined) {
    edit.pollIntervalSeconds = options.interval === 'default' ? null : options.interval;
  }
  if (options.fullText !== undefined) edit.fullText = options.fullText;
  if (options.tag !== undefined && options.tag.length > 0) edit.tags = options.tag;
  if (options.enable) edit.enabled = true;
  if (options.disable) edit.enabled = false;
  for (const [field, option] of Object.entries(LIMIT_OPTIONS) as Array<[keyof SourceLimits, keyof EditOptions]>) {
    const value = options[option] as number | 'default' | undefined;
    if (value !== undefined) edit[field] = value === 'default' ? null : value;
  }
  if (Object.keys(edit).length === 0) {
    throw new SourcesCommandError(
      'nothing to change: give --name, --interval, --full-text, --tag, --enable, --disable, --min-interval, ' +
        '--max-interval, --max-items or --backoff-max',
    );
  }
  let source;
  try {
    source = await found(io.store.edit(id, edit, (io.now ?? (() => new Date()))()), id);
  } catch (error) {
    if (error instanceof ZodError) {
      const problems = error.issues.map((issue) => `--${optionName(issue.path[0])}: ${issue.message}`);
      throw new SourcesCommandError(`cannot edit source: ${problems.join('; ')}`);
    }
    if (error instanceof SourceEditError) throw new SourcesCommandError(`cannot edit source: ${error.message}`);
    throw error;
  }
  const interval = source.pollIntervalSeconds === null ? 'default' : `${source.pollIntervalSeconds}s`;
  io.writeLine(
    `edited ${source._id}: interval ${interval}, full text ${source.fullText ? 'on' : 'off'}, ` +
      `${sourceStateOf(source)}, next run ${new Date(source.nextRunAt).toISOString()}; limits: ${limitsText(source)}`,
  );
}

/** A source's limits as its edit flags name them; `default` where the fetcher's setting applies. */
function limitsText(source: SourceRecord): string {
  const limits = sourceLimitsOf(source);
  const shown = (value: number | null, unit: string) => (value === null ? 'default' : `${value}${unit}`);
  return [
    `min-interval ${shown(limits.minIntervalSeconds, 's')}`,
    `max-interval ${shown(limits.maxIntervalSeconds, 's')}`,
    `max-items ${shown(limits.maxItemsPerRun, '')}`,
    `backoff-max ${shown(limits.backoffMaxSeconds, 's')}`,
  ].join(', ');
}

/** An OPML file of 10,000 feeds is well under this. */
const MAX_OPML_BYTES = 16 * 1024 * 1024;

/** Adds the sources an OPML file (or standard input) lists, in one insert; refusals go to standard error. */
export async function importSources(path: string, options: { json?: boolean }, io: SourcesIo): Promise<void> {
  const read = io.readInput ?? ((file: string, max: number) => readInput(file, max));
  const text = Buffer.from(await read(path, MAX_OPML_BYTES)).toString('utf8');
  let parsed;
  try {
    parsed = parseOpmlSources(text);
  } catch (error) {
    if (error instanceof OpmlParseError) throw new SourcesCommandError(`${path}: ${error.message}`);
    throw error;
  }
  const results = await io.store.addMany(parsed.sources, (io.now ?? (() => new Date()))());
  const refused = [...parsed.refused, ...results.flatMap((result) => (result.outcome === 'refused' ? [result] : []))];
  const count = (outcome: string) => results.filter((result) => result.outcome === outcome).length;
  if (options.json) {
    const summary = {
      added: count('added'),
      existing: count('existing'),
      refused: refused.map(({ url, reason }) => ({ url, reason })),
    };
    io.writeLine(JSON.stringify(summary));
    return;
  }
  for (const refusal of refused) io.writeNote?.(`refused ${refusal.url || '(no URL)'}: ${refusal.reason}`);
  io.writeLine(`added ${count('added')}, existing ${count('existing')}, refused ${refused.length}`);
}

/** Every source as OPML 2.0 on standard output. */
export async function exportSources(io: SourcesIo): Promise<void> {
  const sources = await io.store.list();
  const text = writeOpml(
    sources.map((source) => ({ ...source, ...sourceLimitsOf(source), sites: source.sites ?? [] })),
    { title: 'Inkstream sources', createdAt: (io.now ?? (() => new Date()))() },
  );
  io.writeLine(text.trimEnd());
}

/** `--interval 300`, or `--interval default` for the default (commander turns a parsed null into ''). */
function positiveIntegerOrDefault(value: string): number | 'default' {
  return value === 'default' ? value : positiveInteger(value);
}

function oneOf(values: readonly string[], option: string) {
  return (value: string): string => {
    if (!values.includes(value))
      throw new InvalidArgumentError(`"${value}" is not one of ${values.join(', ')} (${option})`);
    return value;
  };
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
  minIntervalSeconds: 'min-interval',
  maxIntervalSeconds: 'max-interval',
  maxItemsPerRun: 'max-items',
  backoffMaxSeconds: 'backoff-max',
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
    await run({
      store,
      writeLine: (line) => process.stdout.write(`${line}\n`),
      writeNote: (line) => process.stderr.write(`${line}\n`),
    });
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
    .option(
      '--min-interval <seconds>',
      'adaptive polling: never more often (default FETCH_MIN_INTERVAL_SECONDS)',
      positiveInteger,
    )
    .option(
      '--max-interval <seconds>',
      'adaptive polling: at least this often (default FETCH_MAX_INTERVAL_SECONDS)',
      positiveInteger,
    )
    .option(
      '--max-items <n>',
      'feed items / sitemap pages / dropped files one poll takes (default by kind)',
      positiveInteger,
    )
    .option(
      '--backoff-max <seconds>',
      'a failing source is retried at least this often (default FETCH_BACKOFF_MAX_SECONDS)',
      positiveInteger,
    )
    .action((options: AddOptions) => withStore((io) => addSource(options, io)));
  sources
    .command('list')
    .description('list sources with their state, a page at a time (filters and orders as GET /api/sources)')
    .option(
      '--state <state>',
      `only sources in this state: ${SOURCE_STATES.join(', ')}`,
      oneOf(SOURCE_STATES, '--state'),
    )
    .option('--host <host>', 'only sources on this host')
    .option('--q <words>', 'only sources with words of the name, host or tags beginning with these')
    .option('--tag <tag>', 'only sources with this tag')
    .option('--kind <kind>', 'only sources of this kind', oneOf(SOURCE_KINDS, '--kind'))
    .option('--sort <order>', `${SOURCE_SORTS.join(', ')} (default name)`, oneOf(SOURCE_SORTS, '--sort'))
    .option('--limit <n>', 'sources per page (default 100)', positiveInteger)
    .option('--cursor <cursor>', 'the next page, as the previous page printed it')
    .option('--all', 'every page', false)
    .option('--json', 'one JSON line per source', false)
    .action((options: ListOptions) => withStore((io) => listSources(options, io)));
  sources
    .command('edit')
    .argument('<id>')
    .description('change name, interval, full-text mode, limits, tags or enabled; seen items and validators are kept')
    .option('--name <name>', 'display name')
    .option('--interval <seconds>', 'poll interval in seconds, or "default" for the kind\'s', positiveIntegerOrDefault)
    .option('--full-text', 'feeds: also fetch each new item’s page')
    .option('--no-full-text', 'publish the feed’s own content')
    .option('--tag <tag>', 'tag (repeatable; replaces the tags)', collect, [])
    .option('--enable', 'poll it again (also unparks it, as resume)')
    .option('--disable', 'stop polling it (as pause)')
    .option('--min-interval <seconds>', 'adaptive polling: never more often, or "default"', positiveIntegerOrDefault)
    .option('--max-interval <seconds>', 'adaptive polling: at least this often, or "default"', positiveIntegerOrDefault)
    .option(
      '--max-items <n>',
      'feed items / sitemap pages / dropped files one poll takes, or "default"',
      positiveIntegerOrDefault,
    )
    .option(
      '--backoff-max <seconds>',
      'a failing source is retried at least this often, or "default"',
      positiveIntegerOrDefault,
    )
    .action((id: string, options: EditOptions) => withStore((io) => editSource(id, options, io)));
  sources
    .command('import')
    .argument('<file>', 'an OPML file, or - for standard input')
    .description('add the sources an OPML file lists (feed readers export one), in one call; refusals are listed')
    .option('--json', 'the summary as one JSON line: {added, existing, refused: [{url, reason}]}', false)
    .action((file: string, options: { json: boolean }) => withStore((io) => importSources(file, options, io)));
  sources
    .command('export')
    .description('every source as OPML 2.0 on standard output (import reads it back)')
    .action(() => withStore((io) => exportSources(io)));
  sources
    .command('show')
    .argument('<id>')
    .description('a source with its full live status and its last polls (time, duration, lateness), as JSON')
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
