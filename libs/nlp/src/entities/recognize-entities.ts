import type { Lexicon } from '../ner/lexicon';
import type { NerTagger } from '../ner/tagger';
import type { AnalysedText } from '../text/analysed-text';
import { buildEntities, type SalienceContext } from './build-entities';
import { dropHeadingOnlyNames, makeConsistent } from './document-consistency';
import { applyNameRules } from './name-rules';
import { addLandformNames } from './geographic-names';
import { applyResultLines } from './result-lines';
import { applySpanRules } from './span-rules';
import { tagSpans } from './tag-spans';
import type { Entity } from './types';

/**
 * Statistical tagging, then news-convention rules (result lines last: their shape outranks any word-level
 * evidence), then document consistency, then canonical entities.
 */
export function recognizeEntities(
  doc: AnalysedText,
  tagger: NerTagger,
  lexicon: Lexicon,
  context: SalienceContext = {},
): Entity[] {
  const ruled = applyResultLines(
    doc,
    applyNameRules(doc, applySpanRules(doc, addLandformNames(doc, tagSpans(doc, tagger)), lexicon), lexicon),
  );
  const consistent = dropHeadingOnlyNames(doc, makeConsistent(doc, ruled));
  return buildEntities(doc, consistent, context);
}
