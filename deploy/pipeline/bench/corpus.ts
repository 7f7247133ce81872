// Benchmark articles from openly licensed text (../shared/datasets/ner-train: GMB news sentences, public domain;
// wikigold, CC BY 4.0). The pool holds tens of thousands of sentences, too few for 20,000+ distinct 18-sentence
// articles without reuse, so each article sentence splices the first half of one pool sentence onto the second
// half of another: every article is distinct (no shared sentence keys between originals), still reads as news
// prose, and costs the deduplicator what a real article costs. A fifth of the published articles are near-copies
// of earlier ones (another source, a reworded headline, two sentences changed, a credit line): syndication.
import { seededRandom } from '@inkstream/measure';

export interface BenchArticle {
  /** Unique per article: the raw document's URL is built from it. */
  key: string;
  sourceId: string;
  title: string;
  /** The plain-text document: headline, blank line, paragraphs separated by blank lines. */
  text: string;
  /** For a near-copy, the key of the article it copies. */
  copyOf: string | null;
}

export interface CorpusOptions {
  seed: number;
  sentencesPerArticle: number;
  sentencesPerParagraph: number;
  /** Share of the output that are near-copies of earlier originals (0.2 → 1 copy per 4 originals). */
  duplicateShare: number;
  sources: number;
}

export const DEFAULT_CORPUS_OPTIONS: CorpusOptions = {
  seed: 20261201,
  sentencesPerArticle: 18,
  sentencesPerParagraph: 3,
  duplicateShare: 0.2,
  sources: 8,
};

/** Tokens as the datasets give them ("U.S." "," "'s") joined back into text. */
export function detokenise(tokens: readonly string[]): string {
  return tokens
    .join(' ')
    .replace(/\s+([,.;:!?%)\]])/g, '$1')
    .replace(/([([$])\s+/g, '$1')
    .replace(/\s+('s|n't|'re|'ve|'ll|'d|'m)\b/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** GMB CSV (`Sentence #,Word,POS,Tag`, `Sentence: N` on each sentence's first row) → one token list per sentence. */
export function parseGmbSentences(csv: string): string[][] {
  const sentences: string[][] = [];
  let current: string[] = [];
  for (const line of csv.split(/\r?\n/).slice(1)) {
    const match = /^(Sentence: \d+)?,("(?:[^"]|"")*"|[^,]*),/.exec(line);
    if (!match) continue;
    if (match[1] && current.length > 0) {
      sentences.push(current);
      current = [];
    }
    const word = match[2].startsWith('"') ? match[2].slice(1, -1).replace(/""/g, '"') : match[2];
    current.push(word);
  }
  // The file stops at a spreadsheet's row limit: its last sentence is cut off, so it is dropped.
  return sentences;
}

/** CoNLL text (token first on each line, blank line between sentences, -DOCSTART- lines) → token lists. */
export function parseConllSentences(text: string): string[][] {
  const sentences: string[][] = [];
  let current: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const token = line.split(/\s+/)[0] ?? '';
    if (token === '' || token === '-DOCSTART-') {
      if (current.length > 0) sentences.push(current);
      current = [];
    } else {
      current.push(token);
    }
  }
  if (current.length > 0) sentences.push(current);
  return sentences;
}

/** Sentences long enough to splice, ending in a full stop (headlines and fragments are left out). */
export function usableSentences(sentences: readonly string[][]): string[][] {
  return sentences.filter((tokens) => tokens.length >= 10 && tokens.length <= 60 && tokens.at(-1) === '.');
}

function splice(pool: readonly string[][], rng: () => number): string {
  const first = pool[Math.floor(rng() * pool.length)];
  const second = pool[Math.floor(rng() * pool.length)];
  const head = first.slice(0, Math.ceil(first.length / 2));
  const tail = second.slice(Math.floor(second.length / 2));
  const text = detokenise([...head, ...tail]);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function headline(sentence: string): string {
  return sentence.replace(/[.]$/, '').split(' ').slice(0, 12).join(' ');
}

function document(title: string, sentences: readonly string[], perParagraph: number): string {
  const paragraphs: string[] = [];
  for (let i = 0; i < sentences.length; i += perParagraph) {
    paragraphs.push(sentences.slice(i, i + perParagraph).join(' '));
  }
  return `${title}\n\n${paragraphs.join('\n\n')}\n`;
}

/**
 * `count` articles, the same for the same pool and seed. Originals come first in each stretch and copies follow
 * their originals by a few dozen articles, as syndicated copies trail the original on the wire.
 */
export function generateArticles(
  pool: readonly string[][],
  count: number,
  options: Partial<CorpusOptions> & { offset?: number } = {},
): BenchArticle[] {
  const settings = { ...DEFAULT_CORPUS_OPTIONS, ...options };
  const offset = options.offset ?? 0;
  if (pool.length < 100) throw new Error(`the sentence pool has ${pool.length} sentences; need at least 100`);
  const rng = seededRandom(settings.seed + offset * 7919);
  const copyEvery = settings.duplicateShare > 0 ? Math.round(1 / settings.duplicateShare) : Infinity;
  const originals: Array<BenchArticle & { sentences: string[] }> = [];
  const out: BenchArticle[] = [];
  for (let n = 0; out.length < count; n += 1) {
    const index = offset + n;
    if ((index + 1) % copyEvery === 0 && originals.length > 0) {
      const original = originals[Math.max(0, originals.length - 1 - Math.floor(rng() * 40))];
      const sentences = [...original.sentences];
      for (let changed = 0; changed < 2; changed += 1) {
        sentences[1 + Math.floor(rng() * (sentences.length - 1))] = splice(pool, rng);
      }
      const sourceId = `bench-src-${(Number(original.sourceId.split('-').at(-1)) + 1) % settings.sources}`;
      const title = `${original.title} (update)`;
      const text = document(title, [...sentences, `Distributed by ${sourceId}.`], settings.sentencesPerParagraph);
      out.push({ key: `a${index}`, sourceId, title, text, copyOf: original.key });
      continue;
    }
    const sentences = Array.from({ length: settings.sentencesPerArticle }, () => splice(pool, rng));
    const title = headline(sentences[0]);
    const article = {
      key: `a${index}`,
      sourceId: `bench-src-${index % settings.sources}`,
      title,
      text: document(title, sentences, settings.sentencesPerParagraph),
      copyOf: null,
      sentences,
    };
    originals.push(article);
    const { sentences: _kept, ...published } = article;
    out.push(published);
  }
  return out;
}
