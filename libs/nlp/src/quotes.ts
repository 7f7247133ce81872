import type { Entity, Mention } from './entities/types';

/** Direct speech with its speaker's canonical name when the text attributes it to a named person. */
export interface Quote {
  readonly text: string;
  readonly speaker: string | null;
  readonly start: number;
  readonly end: number;
}

const SPEECH_VERBS =
  'said|says|say|told|tells|added|adds|conceded|concedes|warned|warns|insisted|insists|stated|wrote|writes|announced|noted|declared|argued|stressed|urged|asked|replied|explained|complained|described|acknowledged|admitted|claimed|recalled|continued|cautioned|vowed|promised|commented|posted|tweeted';
// Shorter quotations are scare quotes ("irreversible"), not speech.
const MIN_QUOTE_WORDS = 4;
const MAX_QUOTE_CHARS = 2000;
const ATTRIBUTION_WINDOW = 120;
const VERB_AFTER = new RegExp(`^[\\s,]*(?:${SPEECH_VERBS})\\b\\s*(.{0,80})`, 'u');
const NAME_THEN_VERB = new RegExp(`^[\\s,]*(.{1,60}?)\\s+(?:${SPEECH_VERBS})\\b`, 'u');
const ACCORDING_TO = /^[\s,]*according to\s+(.{1,80})/u;
const PRONOUN = /^(?:he|she)$/iu;

interface PersonMention extends Mention {
  readonly name: string;
}

function quoteSpans(text: string): { start: number; end: number; inner: string }[] {
  const spans: { start: number; end: number; inner: string }[] = [];
  const pattern = /“([^”]{1,2000})”|"([^"\n]{1,2000})"/gu;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    const inner = (match[1] ?? match[2]).trim().replace(/[,\s]+$/u, '');
    if (inner.split(/\s+/u).length < MIN_QUOTE_WORDS || inner.length > MAX_QUOTE_CHARS) continue;
    spans.push({ start: match.index, end: match.index + match[0].length, inner });
  }
  return spans;
}

function personAt(people: readonly PersonMention[], start: number, end: number): PersonMention | undefined {
  return people.find((mention) => mention.start >= start && mention.end <= end);
}

function lastPersonBefore(people: readonly PersonMention[], offset: number): PersonMention | undefined {
  let found: PersonMention | undefined;
  for (const mention of people) if (mention.end <= offset) found = mention;
  return found;
}

/** Resolves the speaker phrase found at [start, end): a person named there, or "he"/"she" → the last person named. */
function speakerIn(people: readonly PersonMention[], phrase: string, start: number): string | null | undefined {
  const trimmed = phrase.trim().replace(/[.,;:].*$/su, '');
  if (PRONOUN.test(trimmed)) return lastPersonBefore(people, start)?.name ?? null;
  const offset = start + phrase.indexOf(trimmed);
  return personAt(people, offset, offset + trimmed.length)?.name;
}

function attribute(
  text: string,
  quote: { start: number; end: number },
  people: readonly PersonMention[],
): string | null {
  const after = text.slice(quote.end, quote.end + ATTRIBUTION_WINDOW).split('\n')[0];
  for (const pattern of [VERB_AFTER, NAME_THEN_VERB, ACCORDING_TO]) {
    const match = pattern.exec(after);
    if (!match) continue;
    const start = quote.end + match[0].indexOf(match[1]);
    const speaker = speakerIn(people, match[1], start);
    if (speaker !== undefined) return speaker;
  }
  // Before the quote, in the same sentence: "Stoltenberg said …“…”", "He complained that “…”".
  const lineStart = text.lastIndexOf('\n', quote.start - 1) + 1;
  const windowStart = Math.max(lineStart, quote.start - 300);
  const before = text.slice(windowStart, quote.start);
  let sentenceStart = windowStart + Math.max(0, before.search(/[^.!?]*$/u));
  // The previous sentence's closing quote mark belongs to it, not to this clause.
  while (sentenceStart < quote.start && /[\s”"’)]/u.test(text.charAt(sentenceStart))) sentenceStart++;
  const clause = text.slice(sentenceStart, quote.start);
  const subject = new RegExp(`^\\s*(.{1,60}?)\\s+(?:\\w+\\s+){0,2}(?:${SPEECH_VERBS})\\b`, 'u').exec(clause);
  if (subject) {
    const speaker = speakerIn(people, subject[1], sentenceStart + clause.indexOf(subject[1]));
    if (speaker !== undefined) return speaker;
  }
  return null;
}

function isContinuation(text: string, previousEnd: number, start: number): boolean {
  const gap = text.slice(previousEnd, start);
  return gap.length <= 80 && (gap.match(/\n/gu) ?? []).length === 1 && /\n\s*$/u.test(gap);
}

/** Quotations of at least four words, curly or straight, with "X said", "said X", "according to X" or "X said …“”". */
export function findQuotes(text: string, entities: readonly Entity[]): Quote[] {
  const people: PersonMention[] = entities
    .filter((entity) => entity.type === 'PERSON')
    .flatMap((entity) => entity.mentions.map((mention) => ({ ...mention, name: entity.name })))
    .sort((a, b) => a.start - b.start);
  const quotes: Quote[] = [];
  for (const quote of quoteSpans(text)) {
    let speaker = attribute(text, quote, people);
    const previous = quotes[quotes.length - 1];
    // A quote paragraph right after an attributed one, with no attribution of its own, continues that speech.
    if (speaker === null && previous?.speaker && isContinuation(text, previous.end, quote.start))
      speaker = previous.speaker;
    quotes.push({ text: quote.inner, speaker, start: quote.start, end: quote.end });
  }
  return quotes;
}
