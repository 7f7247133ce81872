// The lexicon of the `compromise` npm package (MIT licence), which the gazetteer builders draw names from.
import nlp from 'compromise';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface CompromiseModel {
  one: { lexicon: Record<string, string | string[]> };
}

export interface CompromiseLexicon {
  version: string;
  license: string;
  /** every word with its tags, as a list even where the package keeps one tag as a string */
  entries: Array<[word: string, tags: string[]]>;
}

export function readCompromiseLexicon(): CompromiseLexicon {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../../node_modules/compromise/package.json'), 'utf8')) as {
    version: string;
    license: string;
  };
  const lexicon = (nlp.model() as unknown as CompromiseModel).one.lexicon;
  const entries = Object.entries(lexicon).map(([word, tags]): [string, string[]] => [
    word,
    Array.isArray(tags) ? tags : [tags],
  ]);
  return { version: pkg.version, license: pkg.license, entries };
}

/** Writes a sorted name list with its source and licence to libs/nlp/src/model/<file>. */
export function writeNameModel(file: string, source: string, license: string, names: string[]): void {
  const out = { source, licence: license, names };
  writeFileSync(join(__dirname, '..', 'src', 'model', file), `${JSON.stringify(out)}\n`);
}
