import { generateOpml, parseOpml, type Opml } from 'feedsmith';
import { distinctTexts } from './distinct';
import type { SourceKind } from './schedule';
import { NO_SOURCE_LIMITS, type SourceLimits } from './source-limits';

/**
 * A source as an OPML outline carries it. Feed readers write `type="rss"` with `xmlUrl`; what only Inkstream knows
 * (another kind, the interval, full-text mode, paused, extra sites, the source's limits) travels in attributes of its
 * own, which other readers ignore. Allow-listing never travels: a file from elsewhere must not open private addresses.
 */
export interface OpmlSource extends SourceLimits {
  kind: SourceKind;
  url: string;
  name: string;
  tags: string[];
  pollIntervalSeconds: number | null;
  fullText: boolean;
  enabled: boolean;
  sites: string[];
}

/** An outline that names no usable source, and why (the import reports it; nothing is skipped silently). */
export interface OpmlRefusal {
  url: string;
  reason: string;
}

export interface ParsedOpml {
  sources: OpmlSource[];
  refused: OpmlRefusal[];
}

export class OpmlParseError extends Error {
  override readonly name = 'OpmlParseError';
}

/** One import is one call: this bounds the work (and the insert) it can ask for. */
export const MAX_OPML_SOURCES = 10_000;

const KINDS: readonly SourceKind[] = ['feed', 'page', 'sitemap', 'drop'];
/** The source's limits, each a whole number attribute when set (absent: the fetcher's default). */
const LIMIT_ATTRIBUTES = ['minIntervalSeconds', 'maxIntervalSeconds', 'maxItemsPerRun', 'backoffMaxSeconds'] as const;
const EXTRA_ATTRIBUTES = [
  'inkstreamKind',
  'pollIntervalSeconds',
  'fullText',
  'enabled',
  'sites',
  ...LIMIT_ATTRIBUTES,
] as const;
const WHOLE_NUMBER = /^[1-9][0-9]{0,8}$/;

type Outline = Opml.Outline<string, typeof EXTRA_ATTRIBUTES>;

/**
 * The sources an OPML document lists. Folders (outlines holding others and naming no URL) become tags of what they
 * hold, as feed readers use them for categories; `category` values (`/News/World` paths, comma-separated) become
 * tags too. Throws OpmlParseError for a document that is not OPML or lists too many sources.
 */
export function parseOpmlSources(text: string): ParsedOpml {
  let document: Opml.Document<string, typeof EXTRA_ATTRIBUTES>;
  try {
    document = parseOpml(text, { extraOutlineAttributes: EXTRA_ATTRIBUTES });
  } catch (error) {
    throw new OpmlParseError(`not an OPML document: ${(error as Error).message}`);
  }
  const result: ParsedOpml = { sources: [], refused: [] };
  const visit = (outlines: Outline[], folders: string[], path: string): void => {
    outlines.forEach((outline, index) => {
      const where = `${path}${index + 1}`;
      const url = outline.xmlUrl ?? outline.url;
      if (!url && outline.outlines?.length) {
        visit(outline.outlines, [...folders, outline.title ?? outline.text ?? ''], `${where}.`);
        return;
      }
      const entry = sourceOf(outline, folders, where);
      if ('reason' in entry) result.refused.push(entry);
      else result.sources.push(entry);
    });
  };
  visit(document.body?.outlines ?? [], [], 'outline ');
  if (result.sources.length + result.refused.length > MAX_OPML_SOURCES) {
    throw new OpmlParseError(
      `the document lists ${result.sources.length + result.refused.length} outlines, over the limit of ` +
        `${MAX_OPML_SOURCES} per import: split it`,
    );
  }
  return result;
}

function sourceOf(outline: Outline, folders: string[], where: string): OpmlSource | OpmlRefusal {
  const url = (outline.xmlUrl ?? outline.url ?? '').trim();
  const label = outline.title ?? outline.text ?? '';
  if (!url) return { url: '', reason: `${where} ("${label}") has no xmlUrl or url` };
  const refuse = (reason: string): OpmlRefusal => ({ url, reason: `${where}: ${reason}` });
  const extra = (name: (typeof EXTRA_ATTRIBUTES)[number]): string | undefined => {
    const value = outline[name];
    return typeof value === 'string' ? value : undefined;
  };
  const kind = extra('inkstreamKind') ?? (outline.xmlUrl ? 'feed' : 'page');
  if (!KINDS.includes(kind as SourceKind)) return refuse(`inkstreamKind "${kind}" is not one of ${KINDS.join(', ')}`);
  const interval = extra('pollIntervalSeconds');
  if (interval !== undefined && !WHOLE_NUMBER.test(interval)) {
    return refuse(`pollIntervalSeconds "${interval}" is not a whole number of seconds above 0`);
  }
  const limits: SourceLimits = { ...NO_SOURCE_LIMITS };
  for (const name of LIMIT_ATTRIBUTES) {
    const value = extra(name);
    if (value !== undefined && !WHOLE_NUMBER.test(value))
      return refuse(`${name} "${value}" is not a whole number above 0`);
    limits[name] = value === undefined ? null : Number(value);
  }
  const fullText = booleanAttribute(extra('fullText'), false);
  const enabled = booleanAttribute(extra('enabled'), true);
  if (fullText === null) return refuse(`fullText "${extra('fullText')}" is not true or false`);
  if (enabled === null) return refuse(`enabled "${extra('enabled')}" is not true or false`);
  const categories = (outline.category ?? '').split(',').map((category) => category.replace(/^\/+|\/+$/g, ''));
  return {
    kind: kind as SourceKind,
    url,
    name: label.trim() || hostOf(url),
    tags: distinctTexts([...folders, ...categories]),
    pollIntervalSeconds: interval === undefined ? null : Number(interval),
    fullText,
    enabled,
    sites: distinctTexts((extra('sites') ?? '').split(',')),
    ...limits,
  };
}

function booleanAttribute(value: string | undefined, fallback: boolean): boolean | null {
  if (value === undefined) return fallback;
  if (value === 'true') return true;
  return value === 'false' ? false : null;
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host || url : url;
}

/**
 * An OPML 2.0 document of these sources, one flat outline each, that parseOpmlSources reads back to the same
 * sources (and that any feed reader imports as its feeds).
 */
export function writeOpml(sources: readonly OpmlSource[], options: { title: string; createdAt: Date }): string {
  const outlines = sources.map((source) => {
    const outline: Opml.Outline<string, typeof EXTRA_ATTRIBUTES> = {
      text: source.name,
      title: source.name,
      ...(source.kind === 'feed' ? { type: 'rss', xmlUrl: source.url } : { type: 'link', url: source.url }),
    };
    if (source.kind !== 'feed') outline.inkstreamKind = source.kind;
    if (source.tags.length > 0) outline.category = source.tags.join(',');
    if (source.pollIntervalSeconds !== null) outline.pollIntervalSeconds = String(source.pollIntervalSeconds);
    if (source.fullText) outline.fullText = 'true';
    if (!source.enabled) outline.enabled = 'false';
    if (source.sites.length > 0) outline.sites = source.sites.join(',');
    for (const name of LIMIT_ATTRIBUTES) {
      const value = source[name];
      if (value !== null) outline[name] = String(value);
    }
    return outline;
  });
  return generateOpml(
    { head: { title: options.title, dateCreated: options.createdAt }, body: { outlines } },
    { extraOutlineAttributes: EXTRA_ATTRIBUTES },
  );
}
