// Reads the extraction development set (shared, read-only): one entry per page, HTML gunzipped.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeDocument } from '../src';
import { DATASETS_DIR } from './datasets-dir';

export const DEV_SET_DIR = process.env.EXTRACTION_DEV_DIR ?? join(DATASETS_DIR, 'extraction-dev');

export interface DevPage {
  id: string;
  url: string;
  html: string;
  truth: string;
}

export function loadDevSet(dir = DEV_SET_DIR): DevPage[] {
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody: string; url: string }
  >;
  return readdirSync(join(dir, 'html'))
    .filter((f) => f.endsWith('.html.gz'))
    .sort()
    .map((file) => {
      const id = file.replace(/\.html\.gz$/, '');
      const html = decodeDocument(gunzipSync(readFileSync(join(dir, 'html', file))));
      return { id, url: truth[id]?.url ?? '', html, truth: truth[id]?.articleBody ?? '' };
    })
    .filter((p) => p.truth !== '');
}
