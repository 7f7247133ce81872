import type { Lexicon } from '../ner/lexicon';
import type { NerTagger } from '../ner/tagger';
import type { AnalysedText } from '../text/analysed-text';
import { buildEntities, type SalienceContext } from './build-entities';
import { dropHeadingOnlyNames, makeConsistent } from './document-consistency';
import { applyNameRules } from './name-rules';
import { applySpanRules } from './span-rules';
import { tagSpans } from './tag-spans';
import type { Entity } from './types';

/** Statistical tagging, then news-convention rules, then document consistency, then canonical entities. */
export function recognizeEntities(
  doc: AnalysedText,
  tagger: NerTagger,
  lexicon: Lexicon,
  context: SalienceContext = {},
): Entity[] {
  const ruled = applyNameRules(doc, applySpanRules(doc, tagSpans(doc, tagger), lexicon), lexicon);
  const consistent = dropHeadingOnlyNames(doc, makeConsistent(doc, ruled));
  return buildEntities(doc, consistent, context);
}
