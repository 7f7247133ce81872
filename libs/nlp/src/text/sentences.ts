import type { Token } from './tokenize';

/** A sentence as a token range plus its character span in the text. */
export interface Sentence {
  readonly start: number;
  readonly end: number;
  readonly firstToken: number;
  /** Exclusive. */
  readonly lastToken: number;
}

const TERMINATORS = new Set(['.', '!', '?', '…']);
const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»']);
// After "U.S." a sentence only ends if an obvious sentence opener follows; otherwise "U.S. President" stays whole.
const SENTENCE_OPENERS = new Set([
  'The',
  'A',
  'An',
  'He',
  'She',
  'It',
  'They',
  'We',
  'I',
  'But',
  'And',
  'In',
  'On',
  'At',
  'This',
  'That',
  'These',
  'Those',
  'There',
  'His',
  'Her',
  'Their',
  'Its',
  'Our',
  'Meanwhile',
  'However',
  'Also',
  'Officials',
  'After',
]);

function isDottedAcronym(text: string): boolean {
  return /^(?:\p{L}\.){2,}$/u.test(text);
}

/**
 * Splits tokens into sentences: on terminal punctuation (keeping closing quotes with their sentence) and on line
 * breaks, but not after title abbreviations ("Mr.") or inside acronyms ("U.S.") followed by a name.
 */
export function splitSentences(text: string, tokens: readonly Token[]): Sentence[] {
  const sentences: Sentence[] = [];
  let first = 0;
  const close = (lastExclusive: number): void => {
    if (lastExclusive > first) {
      sentences.push({
        start: tokens[first].start,
        end: tokens[lastExclusive - 1].end,
        firstToken: first,
        lastToken: lastExclusive,
      });
    }
    first = lastExclusive;
  };
  for (let i = 0; i < tokens.length; i++) {
    const next = tokens[i + 1];
    if (next === undefined) break;
    if (text.slice(tokens[i].end, next.start).includes('\n')) {
      close(i + 1);
      continue;
    }
    const token = tokens[i].text;
    const terminal = TERMINATORS.has(token) || (isDottedAcronym(token) && SENTENCE_OPENERS.has(next.text) && i > first);
    if (!terminal) continue;
    let end = i + 1;
    while (end < tokens.length && CLOSERS.has(tokens[end].text) && tokens[end].start === tokens[end - 1].end) end++;
    const after = tokens[end];
    if (after === undefined) break;
    if (/^[\p{Lu}\p{N}"“‘'(]/u.test(after.text) || text.slice(tokens[end - 1].end, after.start).includes('\n')) {
      close(end);
      i = end - 1;
    }
  }
  close(tokens.length);
  return sentences;
}
