import type { EntityClass } from '../ner/tags';
import type { AnalysedText } from '../text/analysed-text';
import { isKnownPlace } from './span-rules';
import { spanKey } from './tag-spans';
import type { TokenSpan } from './types';

// One name means one thing within an article: the tagger decides each sentence alone, these passes make the
// document agree with itself and find the mentions a sentence alone gave too little evidence for.

const MAX_NAME_TOKENS = 8;

function caseKey(key: string): string {
  return key.toLowerCase();
}

/** Single-word references to people named in full elsewhere: surname (and first name) → full-name key. */
export function personShortForms(doc: AnalysedText, spans: readonly TokenSpan[]): Map<string, string> {
  const candidates = new Map<string, Set<string>>();
  for (const span of spans) {
    if (span.cls !== 'PER' || span.last - span.first < 2) continue;
    const full = spanKey(doc, span);
    const words = full.split(' ');
    for (const short of new Set([words[0], words[words.length - 1]])) {
      if (short.length < 2 || short.endsWith('.')) continue;
      const set = candidates.get(caseKey(short)) ?? new Set<string>();
      set.add(full);
      candidates.set(caseKey(short), set);
    }
  }
  const forms = new Map<string, string>();
  for (const [short, fulls] of candidates) if (fulls.size === 1) forms.set(short, [...fulls][0]);
  return forms;
}

function majorityClasses(doc: AnalysedText, spans: readonly TokenSpan[]): Map<string, EntityClass> {
  const votes = new Map<string, Map<EntityClass, number>>();
  for (const span of spans) {
    const key = caseKey(spanKey(doc, span));
    const tally = votes.get(key) ?? new Map<EntityClass, number>();
    tally.set(span.cls, (tally.get(span.cls) ?? 0) + 1);
    votes.set(key, tally);
  }
  const winners = new Map<string, EntityClass>();
  for (const [key, tally] of votes) {
    // Ties go to the first class seen: spans arrive in text order, so the earliest, fullest context wins.
    let best: EntityClass | null = null;
    for (const [cls, count] of tally) if (best === null || count > (tally.get(best) ?? 0)) best = cls;
    if (best) winners.set(key, isKnownPlace(key) && tally.has('LOC') ? 'LOC' : best);
  }
  return winners;
}

/**
 * Gives every occurrence of a name the document-majority class, re-types single words that are a known person's
 * surname or first name, and adds capitalised occurrences of known names that the tagger left untagged.
 */
export function makeConsistent(doc: AnalysedText, spans: readonly TokenSpan[]): TokenSpan[] {
  const shortForms = personShortForms(doc, spans);
  const classes = majorityClasses(doc, spans);
  const relabelled = spans.map((span): TokenSpan => {
    const key = caseKey(spanKey(doc, span));
    if (span.last - span.first === 1 && shortForms.has(key)) return { ...span, cls: 'PER' };
    return { ...span, cls: classes.get(key) ?? span.cls };
  });
  const known = new Map<string, EntityClass>(classes);
  for (const short of shortForms.keys()) known.set(short, 'PER');
  const covered = new Uint8Array(doc.tokens.length);
  for (const span of relabelled) covered.fill(1, span.first, span.last);
  const added: TokenSpan[] = [];
  for (let i = 0; i < doc.tokens.length; i++) {
    if (covered[i] || !/^\p{Lu}/u.test(doc.tokens[i].text)) continue;
    // Longest known name starting here, built one word at a time.
    let key = '';
    let match: TokenSpan | null = null;
    for (let last = i + 1; last <= Math.min(doc.tokens.length, i + MAX_NAME_TOKENS); last++) {
      if (covered[last - 1] || doc.sentenceOf[last - 1] !== doc.sentenceOf[i]) break;
      key = last === i + 1 ? doc.tokens[i].text : `${key} ${doc.tokens[last - 1].text}`;
      const cls = known.get(caseKey(key));
      // "US" must not match the pronoun "Us" opening a sentence: short names only match in capitals.
      if (cls !== undefined && (key.length > 3 || key === key.toUpperCase())) match = { first: i, last, cls };
    }
    if (!match) continue;
    added.push(match);
    covered.fill(1, match.first, match.last);
    i = match.last - 1;
  }
  return [...relabelled, ...added].sort((a, b) => a.first - b.first);
}

/**
 * Subheads and label lines are not running text: a single word there ("Concessions", "Url") counts only if the
 * body names it too. Multi-word names on short lines (bylines such as "Peter Blackburn") stay.
 */
export function dropHeadingOnlyNames(doc: AnalysedText, spans: readonly TokenSpan[]): TokenSpan[] {
  const inBody = new Set(spans.filter((span) => !doc.inHeading[span.first]).map((span) => caseKey(spanKey(doc, span))));
  return spans.filter(
    (span) => !doc.inHeading[span.first] || span.last - span.first > 1 || inBody.has(caseKey(spanKey(doc, span))),
  );
}
