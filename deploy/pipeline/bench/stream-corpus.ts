// A benchmark corpus shaped like the real news stream, beside corpus.ts's distinct articles. Real news repeats itself
// without being duplicated: wire copy is rewritten, follow-ups repeat the background of earlier stories, quotes travel
// between outlets, and sources repeat stock sentences. What a deduplicator indexes by sentence or shingle then has
// keys shared by thousands of articles, and a cost that grows with what is stored shows only on such a stream.
//
// The distribution (STREAM_SHAPE below; describeCorpus prints what a run actually got):
// - Stock sentences: a fixed set of 1,000 sentences ("… did not respond to a request for comment"), drawn with a
//   Zipf law (exponent 1.0) into one slot of half the articles and a second slot of a quarter: the commonest stands
//   in about a tenth of everything published (10,000 articles at 100,000), the tenth in 1 %, the hundredth in 0.1 %.
// - Recurring sentences: a quarter of the other sentences of an article are taken from a random earlier article
//   (quotes and wire phrases travelling), so a sentence recurs in a small number of distinct articles.
// - Follow-ups: 15 % of articles continue an earlier story: two of its background paragraphs are repeated word for
//   word, the rest is new. They are new articles, not copies.
// - Syndication: 15 % are near-copies of a recent original from another source (two sentences changed, a new
//   headline suffix, a credit line): what the deduplicator must catch.
// - Boilerplate: each source ends every document with its own two lines (a follow-us line and a copyright line).
import { seededRandom, type Random } from '@inkstream/measure';
import { detokenise, type BenchArticle } from './corpus';

export const STREAM_SHAPE = {
  seed: 20261206,
  sources: 12,
  sentencesPerArticle: 18,
  sentencesPerParagraph: 3,
  stockSentences: 1_000,
  stockZipfExponent: 1.0,
  /** Chance that an article carries one stock sentence, and again a second one. */
  stockShare: 0.5,
  recurringShare: 0.25,
  followUpShare: 0.15,
  copyShare: 0.15,
  /** How far back (in articles) copies and recurring sentences reach. */
  memory: 2_000,
} as const;

export type StreamShape = typeof STREAM_SHAPE;

export interface StreamArticle extends BenchArticle {
  kind: 'original' | 'follow-up' | 'copy';
}

interface Remembered {
  key: string;
  sourceId: string;
  title: string;
  paragraphs: string[][];
}

function spliced(pool: readonly string[][], rng: Random): string {
  const first = pool[Math.floor(rng() * pool.length)];
  const second = pool[Math.floor(rng() * pool.length)];
  const text = detokenise([
    ...first.slice(0, Math.ceil(first.length / 2)),
    ...second.slice(Math.floor(second.length / 2)),
  ]);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Cumulative Zipf weights over `n` ranks, for drawing a rank with one binary search. */
function zipfTable(n: number, exponent: number): number[] {
  const weights = Array.from({ length: n }, (_, rank) => 1 / (rank + 1) ** exponent);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let running = 0;
  return weights.map((weight) => (running += weight / total));
}

function drawRank(table: readonly number[], rng: Random): number {
  const target = rng();
  let low = 0;
  let high = table.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (table[middle] < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

function render(title: string, paragraphs: readonly string[][], boilerplate: readonly string[]): string {
  return `${title}\n\n${[...paragraphs.map((sentences) => sentences.join(' ')), ...boilerplate].join('\n\n')}\n`;
}

/**
 * A deterministic stream: the same seed and the same sequence of `next` calls give the same articles, so a
 * benchmark that asks for batches gets the same corpus every run.
 */
export class StreamCorpus {
  private readonly rng: Random;
  private readonly stock: string[];
  private readonly zipf: number[];
  private readonly recent: Remembered[] = [];
  private produced = 0;

  constructor(
    private readonly pool: readonly string[][],
    private readonly shape: StreamShape = STREAM_SHAPE,
  ) {
    if (pool.length < 100) throw new Error(`the sentence pool has ${pool.length} sentences; need at least 100`);
    this.rng = seededRandom(shape.seed);
    this.stock = Array.from({ length: shape.stockSentences }, () => spliced(pool, this.rng));
    this.zipf = zipfTable(shape.stockSentences, shape.stockZipfExponent);
  }

  next(count: number): StreamArticle[] {
    return Array.from({ length: count }, () => this.article());
  }

  private source(index: number): string {
    return `stream-src-${index % this.shape.sources}`;
  }

  private boilerplate(sourceId: string): string[] {
    return [`Follow ${sourceId} for the latest updates.`, `Copyright ${sourceId} 2026. All rights reserved.`];
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rng() * items.length)];
  }

  private sentence(): string {
    if (this.recent.length > 0 && this.rng() < this.shape.recurringShare) {
      return this.pick(this.pick(this.recent).paragraphs.flat());
    }
    return spliced(this.pool, this.rng);
  }

  private freshParagraphs(count: number): string[][] {
    const sentences = Array.from({ length: count }, () => this.sentence());
    for (let slots = 0; slots < 2 && this.rng() < this.shape.stockShare; slots += 1) {
      sentences[1 + Math.floor(this.rng() * (sentences.length - 1))] = this.stock[drawRank(this.zipf, this.rng)];
    }
    const paragraphs: string[][] = [];
    for (let i = 0; i < sentences.length; i += this.shape.sentencesPerParagraph) {
      paragraphs.push(sentences.slice(i, i + this.shape.sentencesPerParagraph));
    }
    return paragraphs;
  }

  private remember(article: Remembered): void {
    this.recent.push(article);
    if (this.recent.length > this.shape.memory) this.recent.shift();
  }

  private article(): StreamArticle {
    const index = this.produced++;
    const key = `s${index}`;
    const roll = this.rng();
    if (this.recent.length > 0 && roll < this.shape.copyShare) {
      const original = this.pick(this.recent.slice(-200));
      const sourceIndex = Number(original.sourceId.split('-').at(-1)) + 1 + Math.floor(this.rng() * 3);
      const sourceId = this.source(sourceIndex);
      const paragraphs = original.paragraphs.map((sentences) => [...sentences]);
      for (let changed = 0; changed < 2; changed += 1) {
        const paragraph = paragraphs[1 + Math.floor(this.rng() * (paragraphs.length - 1))];
        paragraph[Math.floor(this.rng() * paragraph.length)] = spliced(this.pool, this.rng);
      }
      const title = `${original.title} (wire)`;
      const text = render(title, [...paragraphs, [`Distributed by ${sourceId}.`]], this.boilerplate(sourceId));
      return { key, sourceId, title, text, copyOf: original.key, kind: 'copy' };
    }
    const sourceId = this.source(Math.floor(this.rng() * this.shape.sources));
    const followUp = this.recent.length > 0 && roll < this.shape.copyShare + this.shape.followUpShare;
    const earlier = followUp ? this.pick(this.recent) : null;
    const background = earlier ? [this.pick(earlier.paragraphs), this.pick(earlier.paragraphs)] : [];
    const fresh = this.freshParagraphs(this.shape.sentencesPerArticle - background.flat().length);
    // A follow-up leads with what is new and repeats the background further down, as a newsroom writes it.
    const paragraphs = earlier ? [fresh[0], ...background, ...fresh.slice(1)] : fresh;
    const lead = paragraphs[0][0].replace(/[.]$/, '').split(' ').slice(0, 12).join(' ');
    const title = earlier ? `${lead}: ${earlier.title.split(' ').slice(0, 4).join(' ')} latest` : lead;
    this.remember({ key, sourceId, title, paragraphs });
    const text = render(title, paragraphs, this.boilerplate(sourceId));
    return { key, sourceId, title, text, copyOf: null, kind: earlier ? 'follow-up' : 'original' };
  }
}

export interface CorpusDescription {
  articles: number;
  kinds: Record<StreamArticle['kind'], number>;
  /** Distinct body sentences by how many articles they stand in: 1, 2-5, 6-50, 51-500, over 500. */
  sentenceRecurrence: Record<'1' | '2-5' | '6-50' | '51-500' | '>500', number>;
  /** The most articles any one sentence stands in. */
  commonestSentenceArticles: number;
}

/** What a generated corpus holds: the figures the benchmark prints beside its throughput. */
export function describeCorpus(articles: readonly StreamArticle[]): CorpusDescription {
  const kinds = { original: 0, 'follow-up': 0, copy: 0 };
  const inArticles = new Map<string, number>();
  for (const article of articles) {
    kinds[article.kind] += 1;
    const sentences = new Set(
      article.text
        .split('\n\n')
        .slice(1)
        .flatMap((paragraph) => paragraph.split(/(?<=\.) (?=[A-Z“"])/)),
    );
    for (const sentence of sentences) inArticles.set(sentence, (inArticles.get(sentence) ?? 0) + 1);
  }
  const recurrence = { '1': 0, '2-5': 0, '6-50': 0, '51-500': 0, '>500': 0 };
  let commonest = 0;
  for (const count of inArticles.values()) {
    commonest = Math.max(commonest, count);
    const band = count === 1 ? '1' : count <= 5 ? '2-5' : count <= 50 ? '6-50' : count <= 500 ? '51-500' : '>500';
    recurrence[band] += 1;
  }
  return { articles: articles.length, kinds, sentenceRecurrence: recurrence, commonestSentenceArticles: commonest };
}
