import type { Lexicon } from '../ner/lexicon';
import type { SentenceTagger } from '../ner/sentence-cache';
import type { AnalysedText } from '../text/analysed-text';
import { buildEntities, type SalienceContext } from './build-entities';
import { dropHeadingOnlyNames, makeConsistent } from './document-consistency';
import { applyNameRules } from './name-rules';
import { addLandformNames } from './geographic-names';
import { applyMatchSides, applyResultLines } from './sports-teams';
import { applySpanRules } from './span-rules';
import { tagSpans } from './tag-spans';
import type { Entity } from './types';

/**
 * Statistical tagging, then news-convention rules (result lines and match sides last: the shape of a
 * sports line outranks any word-level evidence), then document consistency, then canonical entities.
 * The rules are English (titles, "the", English place words and result lines): `englishRules: false` leaves them
 * out for a tagger of other languages.
 */
export function recognizeEntities(
  doc: AnalysedText,
  tagger: SentenceTagger,
  lexicon: Lexicon,
  context: SalienceContext = {},
  englishRules = true,
): Entity[] {
  if (!englishRules) {
    const spans = tagSpans(doc, tagger);
    return buildEntities(doc, dropHeadingOnlyNames(doc, makeConsistent(doc, spans)), context);
  }
  const named = applyNameRules(
    doc,
    applySpanRules(doc, addLandformNames(doc, tagSpans(doc, tagger)), lexicon),
    lexicon,
  );
  const ruled = applyMatchSides(doc, applyResultLines(doc, named));
  const consistent = dropHeadingOnlyNames(doc, makeConsistent(doc, ruled));
  return buildEntities(doc, consistent, context);
}
