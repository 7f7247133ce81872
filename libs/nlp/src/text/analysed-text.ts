import { splitSentences, type Sentence } from './sentences';
import { tokenize, type Token } from './tokenize';

/** Text split once into tokens and sentences, shared by every enrichment step. */
export interface AnalysedText {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly sentences: readonly Sentence[];
  /** Sentence index per token. */
  readonly sentenceOf: Int32Array;
  /** True for tokens on a subhead or label line ("- Concessions -", "Short Url"): not running text. */
  readonly inHeading: readonly boolean[];
}

// A subhead fenced by dashes or bullets ("- Concessions -"), as scraped pages render section headings.
const SUBHEAD = /^\s*[-–—•*=#]+\s*\S.{0,100}?\s*[-–—•*=#]+\s*$/u;

function headingRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/u).length;
    // Fenced subheads, and short label lines without sentence punctuation ("Short Url", "Related").
    const label = words <= 4 && /\p{L}/u.test(line) && !/\d/u.test(line) && !/[.!?:;,"”’)]\s*$/u.test(line);
    if ((SUBHEAD.test(line) && words <= 14) || label) ranges.push([offset, offset + line.length]);
    offset += line.length + 1;
  }
  return ranges;
}

export function analyseText(text: string, maxTokens: number): AnalysedText {
  const tokens = tokenize(text, 0, maxTokens);
  const sentences = splitSentences(text, tokens);
  const sentenceOf = new Int32Array(tokens.length);
  sentences.forEach((sentence, index) => sentenceOf.fill(index, sentence.firstToken, sentence.lastToken));
  const headings = headingRanges(text);
  const inHeading = tokens.map((token) => headings.some(([start, end]) => token.start >= start && token.end <= end));
  return { text, tokens, sentences, sentenceOf, inHeading };
}
