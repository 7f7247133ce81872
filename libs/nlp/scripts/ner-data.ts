// Loads the shared NER training corpora and maps their tag sets onto news conventions (PER/ORG/LOC, BIO).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATASETS_DIR } from '@inkstream/measure';
import { gunzipSync } from 'node:zlib';
import { isDemonym } from '../src/gazetteer/demonyms';
import { isTitleWord } from '../src/gazetteer/titles';
import type { EntityClass, Tag } from '../src/ner/tags';

export interface LabelledSentence {
  readonly words: string[];
  readonly tags: Tag[];
  readonly source: Corpus | ForeignCorpus;
  /**
   * The document the sentence comes from, numbered within its corpus: cross-validation keeps a document in one
   * fold. Wikigold marks its articles; each tweet is its own document; GMB's extract lost its document ids (see
   * GMB_DOCUMENT_BLOCK).
   */
  readonly document: number;
}

export type Corpus = 'gmb' | 'wikigold' | 'btc' | 'wnut17';

/** The non-English corpora of `ner-train-multilingual`, named by their folders. */
export type ForeignCorpus =
  | 'de-germeval2014'
  | 'de-europeana'
  | 'fr-europeana'
  | 'nl-europeana'
  | 'pt-uner-bosque'
  | 'da-uner-ddt'
  | 'sv-uner-talbanken'
  | 'ar-aqmar';

/**
 * The GMB extract keeps sentences in document order (a story's 3–8 sentences follow each other) but not the
 * document ids, so runs of this many consecutive sentences stand in for documents: only the one story straddling a
 * block boundary can be split between folds.
 */
export const GMB_DOCUMENT_BLOCK = 100;

export const DATASET_DIR = process.env.NER_DATASET_DIR ?? join(DATASETS_DIR, 'ner-train');

export interface RawSpan {
  readonly type: string;
  readonly start: number;
  readonly end: number;
}

export function spansFromBio(labels: readonly string[]): RawSpan[] {
  const spans: RawSpan[] = [];
  let open: { type: string; start: number } | null = null;
  labels.forEach((label, i) => {
    const [prefix, type] = label === 'O' ? ['O', ''] : [label.slice(0, 1), label.slice(2)];
    const continues = open !== null && prefix === 'I' && type === open.type;
    if (open && !continues) {
      spans.push({ ...open, end: i });
      open = null;
    }
    if (prefix !== 'O' && !continues) open = { type, start: i };
  });
  if (open) spans.push({ ...(open as { type: string; start: number }), end: labels.length });
  return spans;
}

// GMB person spans include titles ("President Bush", "Mr. Annan"); CoNLL-style news NER tags only the name.
function stripTitles(words: readonly string[], span: RawSpan): RawSpan | null {
  let start = span.start;
  while (start < span.end && (isTitleWord(words[start]) || !/^\p{Lu}/u.test(words[start]))) start++;
  return start < span.end ? { ...span, start } : null;
}

function mapGmbSpan(words: readonly string[], span: RawSpan): { cls: EntityClass; span: RawSpan } | null {
  switch (span.type) {
    case 'per': {
      const stripped = stripTitles(words, span);
      return stripped ? { cls: 'PER', span: stripped } : null;
    }
    case 'org':
      return { cls: 'ORG', span };
    case 'geo':
      return { cls: 'LOC', span };
    case 'gpe':
      // Countries are locations; nationality adjectives ("Iraqi", "Bosnian Serb") are not entities in news NER.
      return isDemonym(words[span.end - 1]) ? null : { cls: 'LOC', span };
    default:
      return null;
  }
}

export function toBio(length: number, spans: readonly { cls: EntityClass; span: RawSpan }[]): Tag[] {
  const tags: Tag[] = new Array<Tag>(length).fill('O');
  for (const { cls, span } of spans) {
    for (let i = span.start; i < span.end; i++) tags[i] = `${i === span.start ? 'B' : 'I'}-${cls}` as Tag;
  }
  return tags;
}

function parseGmbLine(line: string): { newSentence: boolean; word: string; tag: string } | null {
  const lastComma = line.lastIndexOf(',');
  const posComma = line.lastIndexOf(',', lastComma - 1);
  const firstComma = line.indexOf(',');
  if (firstComma < 0 || posComma <= firstComma) return null;
  let word = line.slice(firstComma + 1, posComma);
  if (word.length >= 2 && word.startsWith('"') && word.endsWith('"')) word = word.slice(1, -1).replace(/""/gu, '"');
  return { newSentence: line.startsWith('Sentence:'), word, tag: line.slice(lastComma + 1).trim() };
}

export function loadGmb(path = `${DATASET_DIR}/gmb-ner_dataset.csv.gz`): LabelledSentence[] {
  const text = gunzipSync(readFileSync(path)).toString('latin1');
  const lines = text.split(/\r?\n/u).slice(1);
  const raw: { words: string[]; labels: string[] }[] = [];
  for (const line of lines) {
    const parsed = parseGmbLine(line);
    if (!parsed) continue;
    if (parsed.newSentence || raw.length === 0) raw.push({ words: [], labels: [] });
    raw[raw.length - 1].words.push(parsed.word);
    raw[raw.length - 1].labels.push(parsed.tag);
  }
  raw.pop(); // the extract stops at a spreadsheet row limit: its last sentence is cut off
  return raw.map(({ words, labels }, index) => {
    const spans = spansFromBio(labels)
      .map((span) => mapGmbSpan(words, span))
      .filter((mapped): mapped is { cls: EntityClass; span: RawSpan } => mapped !== null);
    return {
      words,
      tags: toBio(words.length, spans),
      source: 'gmb' as const,
      document: Math.floor(index / GMB_DOCUMENT_BLOCK),
    };
  });
}

export function loadWikigold(path = `${DATASET_DIR}/wikigold.conll.txt`): LabelledSentence[] {
  const sentences: LabelledSentence[] = [];
  let words: string[] = [];
  let labels: string[] = [];
  let document = -1;
  const flush = (): void => {
    if (words.length > 0) {
      const spans = spansFromBio(labels.map((label) => (label.startsWith('I-') ? `I-${label.slice(2)}` : label)))
        .filter((span) => span.type !== 'MISC')
        .map((span) => ({ cls: span.type as EntityClass, span }));
      sentences.push({ words, tags: toBio(words.length, spans), source: 'wikigold', document: Math.max(0, document) });
    }
    words = [];
    labels = [];
  };
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/u)) {
    if (line.trim() === '' || line.startsWith('-DOCSTART-')) {
      flush();
      if (line.startsWith('-DOCSTART-')) document++;
      continue;
    }
    const space = line.lastIndexOf(' ');
    words.push(line.slice(0, space));
    labels.push(line.slice(space + 1));
  }
  flush();
  return sentences;
}

/**
 * Two-column CoNLL (word TAB tag, blank line between sentences) with the given label → class map; labels not in
 * the map are outside any entity. Used for the Broad Twitter Corpus and WNUT 2017.
 */
function loadTwoColumn(paths: readonly string[], classOf: Readonly<Record<string, EntityClass>>, source: Corpus) {
  const sentences: LabelledSentence[] = [];
  for (const path of paths) {
    let words: string[] = [];
    let labels: string[] = [];
    const flush = (): void => {
      if (words.length > 0) {
        const spans = spansFromBio(labels)
          .filter((span) => classOf[span.type] !== undefined)
          .map((span) => ({ cls: classOf[span.type], span }));
        // A tweet is a whole document: nothing else in the corpus continues it.
        sentences.push({ words, tags: toBio(words.length, spans), source, document: sentences.length });
      }
      words = [];
      labels = [];
    };
    for (const line of readFileSync(path, 'utf8').split(/\r?\n/u)) {
      const [word, label] = line.split('\t');
      if (line.trim() === '' || label === undefined) {
        flush();
        continue;
      }
      words.push(word);
      labels.push(label.trim());
    }
    flush();
  }
  return sentences;
}

/** Broad Twitter Corpus, sections a–h in order: PER/ORG/LOC already in news conventions. */
export function loadBtc(dir = `${DATASET_DIR}/BTC/data`): LabelledSentence[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.conll'))
    .sort()
    .map((f) => `${dir}/${f}`);
  return loadTwoColumn(files, { PER: 'PER', ORG: 'ORG', LOC: 'LOC' }, 'btc');
}

/**
 * WNUT 2017 train, dev and test: person → PER, location → LOC, corporation and group → ORG (groups are mostly
 * bands, teams and institutions, which news conventions tag ORG); products and creative works are not entities.
 */
export function loadWnut17(dir = `${DATASET_DIR}/WNUT17/data`): LabelledSentence[] {
  const files = ['train', 'dev', 'test'].flatMap((part) =>
    readdirSync(`${dir}/${part}`)
      .sort()
      .map((f) => `${dir}/${part}/${f}`),
  );
  return loadTwoColumn(files, { person: 'PER', location: 'LOC', corporation: 'ORG', group: 'ORG' }, 'wnut17');
}

/** Every 10th sentence of each corpus is held out: deterministic, and spread over the whole corpus. */
export function isHeldOut(index: number): boolean {
  return index % 10 === 9;
}

export function splitCorpus(sentences: readonly LabelledSentence[]): {
  train: LabelledSentence[];
  heldOut: LabelledSentence[];
} {
  return {
    train: sentences.filter((_, i) => !isHeldOut(i)),
    heldOut: sentences.filter((_, i) => isHeldOut(i)),
  };
}
