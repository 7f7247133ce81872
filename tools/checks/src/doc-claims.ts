// What a document claims about the code: topic names, consumer groups, dead-letter kinds, message keys and
// environment variables, each with where it was said. Pure text in, claims out; docs-check.ts compares them with
// what the code declares (code-facts.ts).

export type DocFormat = 'markdown' | 'yaml';

/** A message field a topic can be keyed by, as the docs name it. */
export type KeyField = 'url' | 'id' | 'sourceId' | 'traceId';

export type Claim =
  | { kind: 'topic'; value: string; at: string }
  | { kind: 'consumer-group'; value: string; at: string }
  | { kind: 'dead-letter-kind'; value: string; at: string }
  | { kind: 'env-var'; value: string; at: string }
  | { kind: 'topic-key'; topic: string; value: KeyField | null; phrase: string; at: string };

/** What the parser needs to know of the code to read prose: which words name which topic, which prefixes env vars have. */
export interface Vocabulary {
  /** Each topic with its message type (`raw-document`), so "raw documents" in prose names `news.raw.v1`. */
  topics: ReadonlyArray<{ topic: string; messageType: string }>;
  /** First segments of the variables the code reads (`FETCH`, `KAFKA`, …): `FETCH_ANYTHING` in prose is a variable. */
  envPrefixes: ReadonlySet<string>;
}

interface Passage {
  /** 1-based line of the passage's first character. */
  line: number;
  text: string;
}

const TOPIC_NAME = /\bnews\.[a-z][a-z-]*\.v\d+(?:(?:\.[a-z-]+)*\.dlq\b)?/g;
const CONSUMER_GROUP = /(?<=[`"'])inkstream\.[a-z][a-z-]*(?=[`"'])/g;
const UPPER_SNAKE = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g;
const BACKTICKED = /`([^`\n]+)`/g;
const KIND_LITERAL = /^[a-z]+(?:-[a-z]+)*$/;
const KEYED_BY = /\bkeyed by\s+(?:the\s+|its\s+)?([A-Za-z`]+(?:[ -][A-Za-z`]+)?)/g;

export function claimsIn(file: string, text: string, format: DocFormat, vocabulary: Vocabulary): Claim[] {
  const claims: Claim[] = [];
  for (const passage of passagesOf(text, format)) {
    const at = (index: number) => `${file}:${passage.line + countNewlines(passage.text.slice(0, index))}`;
    for (const match of passage.text.matchAll(TOPIC_NAME)) {
      claims.push({ kind: 'topic', value: match[0], at: at(match.index) });
    }
    for (const match of passage.text.matchAll(CONSUMER_GROUP)) {
      claims.push({ kind: 'consumer-group', value: match[0], at: at(match.index) });
    }
    for (const match of passage.text.matchAll(UPPER_SNAKE)) {
      if (isEnvVarMention(passage.text, match.index, match[0], vocabulary)) {
        claims.push({ kind: 'env-var', value: match[0], at: at(match.index) });
      }
    }
    for (const sentence of sentencesOf(passage.text)) {
      const atSentence = (index: number) => at(sentence.start + index);
      claims.push(...deadLetterKindsIn(passage.text, sentence.text, atSentence));
      claims.push(...topicKeysIn(sentence.text, vocabulary, atSentence));
    }
  }
  claims.push(...envVarTableRows(file, text, format));
  return claims;
}

/**
 * A dead-letter kind is written in backticks in the clause that follows the word "kind" (or the `dlq-error-kind`
 * header), in a passage about dead letters: "dead-lettered with kind `invalid-output`", "(`kind`: `invalid-message`,
 * …)", "`kind` says why: `invalid-message` (what it means), `permanent-error` (…)". The clause ends at a `;`, at the
 * bracket that encloses the word, or with the sentence; what its own brackets hold is explanation, not a kind.
 */
function deadLetterKindsIn(passage: string, sentence: string, at: (index: number) => string): Claim[] {
  if (!/dead[-_ ]?letter|dlq/i.test(passage)) return [];
  const spans = [...sentence.matchAll(BACKTICKED)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    literal: match[1],
  }));
  const found = new Map<number, string>();
  for (const kindWord of sentence.matchAll(/\bkinds?\b/g)) {
    const own = spans.find((span) => span.start <= kindWord.index && kindWord.index < span.end);
    let depth = 0;
    for (let index = own ? own.end : kindWord.index; index < sentence.length; index += 1) {
      const span = spans.find((candidate) => candidate.start === index);
      if (span) {
        if (depth === 0 && isKindLiteral(span.literal)) found.set(span.start, span.literal);
        index = span.end - 1;
        continue;
      }
      const char = sentence[index];
      if (char === '(') depth += 1;
      else if (char === ')' && --depth < 0) break;
      else if (char === ';' && depth === 0) break;
    }
  }
  return [...found].map(([index, value]) => ({ kind: 'dead-letter-kind', value, at: at(index) }));
}

/** Lower-case words joined by hyphens; `kind` itself and header names (`dlq-error-kind`) are not values. */
function isKindLiteral(literal: string): boolean {
  return KIND_LITERAL.test(literal) && literal !== 'kind' && !literal.startsWith('dlq-');
}

/** "raw documents; keyed by source id", "published on `news.clean.v1` …, keyed by article id": the nearest topic before. */
function topicKeysIn(sentence: string, vocabulary: Vocabulary, at: (index: number) => string): Claim[] {
  const claims: Claim[] = [];
  for (const match of sentence.matchAll(KEYED_BY)) {
    const topic = lastTopicNamedIn(sentence.slice(0, match.index), vocabulary);
    if (!topic) continue;
    const phrase = match[1].replace(/`/g, '');
    claims.push({ kind: 'topic-key', topic, value: keyFieldOf(phrase), phrase, at: at(match.index) });
  }
  return claims;
}

function lastTopicNamedIn(text: string, vocabulary: Vocabulary): string | null {
  let best: { topic: string; index: number } | null = null;
  for (const { topic, messageType } of vocabulary.topics) {
    const words = messageType.split('-').map(escapeRegExp).join('[- ]');
    const mention = new RegExp(`${escapeRegExp(topic)}(?![\\w.])|\\b${words}s?\\b`, 'gi');
    for (const match of text.matchAll(mention)) {
      if (!best || match.index > best.index) best = { topic, index: match.index };
    }
  }
  return best?.topic ?? null;
}

export function keyFieldOf(phrase: string): KeyField | null {
  const words = phrase.toLowerCase();
  if (/^urls?\b/.test(words)) return 'url';
  if (/^source(?:[ -]?id)?\b/.test(words)) return 'sourceId';
  if (/^trace(?:[ -]?id)?\b/.test(words)) return 'traceId';
  if (/^(?:(?:article|message|document)[ -])?ids?\b/.test(words)) return 'id';
  return null;
}

/**
 * An upper-case snake token is a variable when it starts like the variables the code reads, or is written as one:
 * `NAME=value`, `$NAME`, `${NAME}`. Other constants in prose (`MAX_MESSAGE_BYTES`, `MESSAGE_TOO_LARGE`) are not.
 */
function isEnvVarMention(text: string, index: number, name: string, vocabulary: Vocabulary): boolean {
  if (vocabulary.envPrefixes.has(name.split('_')[0])) return true;
  const before = text.slice(Math.max(0, index - 2), index);
  return /\$\{?$/.test(before) || text[index + name.length] === '=';
}

/** The first column of a markdown table headed "variable" lists variables, whatever their prefix. */
function envVarTableRows(file: string, text: string, format: DocFormat): Claim[] {
  if (format !== 'markdown') return [];
  const lines = text.split('\n');
  const claims: Claim[] = [];
  let variableTable = false;
  lines.forEach((line, index) => {
    if (!line.trimStart().startsWith('|')) {
      variableTable = false;
      return;
    }
    const firstCell = line.split(/(?<!\\)\|/)[1] ?? '';
    if (/^[\s|:-]+$/.test(line)) return;
    if (index + 1 < lines.length && /^\s*\|[\s|:-]+$/.test(lines[index + 1])) {
      variableTable = /^\s*variable\s*$/i.test(firstCell);
      return;
    }
    if (!variableTable) return;
    for (const match of firstCell.matchAll(UPPER_SNAKE)) {
      claims.push({ kind: 'env-var', value: match[0], at: `${file}:${index + 1}` });
    }
  });
  return claims;
}

/**
 * Paragraphs, list items, table rows, headings and code lines of markdown; runs of comment lines of YAML (a manifest's
 * prose), other YAML lines one by one. Claims are read within a passage, so a kind or key is tied to its sentence.
 */
function passagesOf(text: string, format: DocFormat): Passage[] {
  const passages: Passage[] = [];
  let current: Passage | null = null;
  let inFence = false;
  const close = () => {
    if (current) passages.push(current);
    current = null;
  };
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (format === 'yaml') {
      const comment = /^\s*#(.*)$/.exec(raw);
      if (!comment) {
        close();
        passages.push({ line, text: raw });
        return;
      }
      if (current) current.text += `\n${comment[1]}`;
      else current = { line, text: comment[1] };
      return;
    }
    if (/^\s*```/.test(raw)) {
      close();
      inFence = !inFence;
      return;
    }
    const ownLine = inFence || /^\s*(\||#)/.test(raw);
    const startsItem = /^\s*(?:[-*+]|\d+\.)\s/.test(raw);
    if (raw.trim() === '' || ownLine || startsItem) close();
    if (raw.trim() === '') return;
    if (ownLine) {
      passages.push({ line, text: raw });
      return;
    }
    if (current) current.text += `\n${raw}`;
    else current = { line, text: raw };
  });
  close();
  return passages;
}

/** Sentences end at a full stop, question or exclamation mark followed by space and a capital, a backtick or a bracket. */
function sentencesOf(text: string): Array<{ start: number; text: string }> {
  const sentences: Array<{ start: number; text: string }> = [];
  let start = 0;
  for (const end of text.matchAll(/[.!?]\s+(?=[A-Z`(“"*])/g)) {
    const stop = end.index + 1;
    sentences.push({ start, text: text.slice(start, stop) });
    start = stop;
  }
  sentences.push({ start, text: text.slice(start) });
  return sentences;
}

function countNewlines(text: string): number {
  return text.split('\n').length - 1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
