import type { SentenceTagger } from '../ner/sentence-cache';
import { tagClass, type EntityClass } from '../ner/tags';
import type { AnalysedText } from '../text/analysed-text';
import type { TokenSpan } from './types';

/** Runs the statistical tagger sentence by sentence and reads its BIO tags as token spans. */
export function tagSpans(doc: AnalysedText, tagger: SentenceTagger): TokenSpan[] {
  const spans: TokenSpan[] = [];
  for (const sentence of doc.sentences) {
    const words = doc.tokens.slice(sentence.firstToken, sentence.lastToken).map((token) => token.text);
    const tags = tagger.tag(words);
    let open: { first: number; cls: EntityClass } | null = null;
    tags.forEach((tag, i) => {
      const cls = tagClass(tag);
      const at = sentence.firstToken + i;
      if (open && (!tag.startsWith('I-') || cls !== open.cls)) {
        spans.push({ first: open.first, last: at, cls: open.cls });
        open = null;
      }
      if (tag.startsWith('B-') && cls) open = { first: at, cls };
    });
    if (open) {
      const { first, cls } = open as { first: number; cls: EntityClass };
      spans.push({ first, last: sentence.lastToken, cls });
    }
  }
  return spans;
}

export function spanText(doc: AnalysedText, span: Pick<TokenSpan, 'first' | 'last'>): string {
  return doc.text.slice(doc.tokens[span.first].start, doc.tokens[span.last - 1].end);
}

/** Span words joined by single spaces: the form used to compare mentions whatever the source's spacing. */
export function spanKey(doc: AnalysedText, span: Pick<TokenSpan, 'first' | 'last'>): string {
  const words: string[] = [];
  for (let i = span.first; i < span.last; i++) words.push(doc.tokens[i].text);
  return words.join(' ');
}
