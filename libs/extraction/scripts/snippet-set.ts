// Reads the second extraction development set (shared, read-only): pages with must-have and must-not-have snippets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeDocument } from '../src';
import { DATASETS_DIR } from './datasets-dir';

export const SNIPPET_SET_DIR = process.env.EXTRACTION_SNIPPETS_DIR ?? join(DATASETS_DIR, 'extraction-snippets-dev');

export interface SnippetPage {
  id: string;
  url: string;
  html: string;
  with: string[];
  without: string[];
}

export function loadSnippetSet(dir = SNIPPET_SET_DIR): SnippetPage[] {
  const truth = JSON.parse(readFileSync(join(dir, 'snippets.json'), 'utf8')) as Record<
    string,
    { url: string; with?: string[]; without?: string[] }
  >;
  return Object.keys(truth)
    .sort()
    .map((file) => {
      const id = file.replace(/\.html$/, '');
      const html = decodeDocument(gunzipSync(readFileSync(join(dir, 'html', `${id}.html.gz`))));
      const entry = truth[file];
      return { id, url: entry.url, html, with: entry.with ?? [], without: entry.without ?? [] };
    });
}

export interface SnippetCounts {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
}

const squash = (text: string): string => text.replace(/\s+/gu, ' ').trim();

/** The set's metric: a must-have snippet found is a true positive, a must-not-have snippet found a false one. */
export function scoreSnippets(extracted: string, page: Pick<SnippetPage, 'with' | 'without'>): SnippetCounts {
  const text = squash(extracted);
  const found = (snippet: string): boolean => text.includes(squash(snippet));
  const hits = page.with.filter(found).length;
  const leaks = page.without.filter(found).length;
  return { tp: hits, fn: page.with.length - hits, fp: leaks, tn: page.without.length - leaks };
}

export function addCounts(list: readonly SnippetCounts[]): SnippetCounts {
  return list.reduce((a, c) => ({ tp: a.tp + c.tp, fn: a.fn + c.fn, fp: a.fp + c.fp, tn: a.tn + c.tn }), {
    tp: 0,
    fn: 0,
    fp: 0,
    tn: 0,
  });
}

export function snippetF1(c: SnippetCounts): { precision: number; recall: number; f1: number } {
  const precision = c.tp / Math.max(1, c.tp + c.fp);
  const recall = c.tp / Math.max(1, c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
