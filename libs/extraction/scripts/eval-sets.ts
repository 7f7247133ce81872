// The four extraction sets in ../shared/datasets as one list of pages, each with what its set knows about it: a
// reference body (three sets), must-have / must-not-have snippets (one set), and title, authors and publication
// date where the set has them. Every set is read-only and shared; a missing set is an error, never a silent skip.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeDocument } from '../src';
import { parseHtml, textOf } from '../src/html/dom';
import { DATASETS_DIR } from './datasets-dir';
import { loadDevSet } from './dev-set';
import { loadSnippetSet } from './snippet-set';

export const SET_NAMES = [
  'extraction-dev',
  'extraction-snippets-dev',
  'news-metadata-dev',
  'readability-test-pages',
] as const;
export type SetName = (typeof SET_NAMES)[number];

export interface EvalPage {
  set: SetName;
  id: string;
  url: string;
  html: string;
  /** The reference body text, when the set has one. */
  body?: string;
  snippets?: { with: string[]; without: string[] };
  title?: string;
  authors?: string[];
  /** ISO 8601 with the publisher's offset, as the set gives it. */
  published?: string;
}

export class MissingDatasetError extends Error {
  constructor(dir: string) {
    super(
      `extraction dataset missing: ${dir} (the sets live in ../shared/datasets beside the clone, or set INKSTREAM_DATASETS_DIR)`,
    );
  }
}

function need(dir: string): string {
  if (!existsSync(dir)) throw new MissingDatasetError(dir);
  return dir;
}

const gunzipText = (file: string): string => decodeDocument(gunzipSync(readFileSync(file)));

/** Readability's expected HTML as text, with a line break after each block so words of two blocks never fuse. */
export function htmlToText(html: string): string {
  const spaced = html.replace(
    /<\/(p|div|h[1-6]|li|tr|td|th|blockquote|pre|section|article|figcaption)>|<br\s*\/?>/gi,
    '$&\n',
  );
  return textOf(parseHtml(spaced));
}

function newsMetadataPages(dir: string): EvalPage[] {
  const gold = JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')) as Record<
    string,
    { url: string; title: string; authors: string[]; publishing_date: string | null; body: string }
  >;
  return Object.keys(gold)
    .sort()
    .map((id) => {
      const g = gold[id];
      return {
        set: 'news-metadata-dev' as const,
        id,
        url: g.url,
        html: gunzipText(join(dir, 'pages', `${id}.html.gz`)),
        body: g.body,
        title: g.title,
        authors: g.authors,
        published: g.publishing_date ? g.publishing_date.replace(' ', 'T') : undefined,
      };
    });
}

function readabilityPages(dir: string): EvalPage[] {
  return readdirSync(join(dir, 'pages'))
    .sort()
    .map((id) => {
      const folder = join(dir, 'pages', id);
      const meta = JSON.parse(readFileSync(join(folder, 'expected-metadata.json'), 'utf8')) as {
        title?: string | null;
        publishedTime?: string | null;
      };
      return {
        set: 'readability-test-pages' as const,
        id,
        // The test pages carry no address; a stable one per page keeps site folds and URL rules well defined.
        url: `https://readability.example/${id}`,
        html: gunzipText(join(folder, 'source.html.gz')),
        body: htmlToText(gunzipText(join(folder, 'expected.html.gz'))),
        title: meta.title ?? undefined,
        published: meta.publishedTime ?? undefined,
      };
    });
}

/** All four sets, in a fixed order. */
export function loadEvalSets(root = DATASETS_DIR): EvalPage[] {
  const dir = (name: SetName): string => need(join(root, name));
  return [
    ...loadDevSet(dir('extraction-dev')).map((p): EvalPage => ({
      set: 'extraction-dev',
      id: p.id,
      url: p.url,
      html: p.html,
      body: p.truth,
    })),
    ...loadSnippetSet(dir('extraction-snippets-dev')).map((p): EvalPage => ({
      set: 'extraction-snippets-dev',
      id: p.id,
      url: p.url,
      html: p.html,
      snippets: { with: p.with, without: p.without },
    })),
    ...newsMetadataPages(dir('news-metadata-dev')),
    ...readabilityPages(dir('readability-test-pages')),
  ];
}
