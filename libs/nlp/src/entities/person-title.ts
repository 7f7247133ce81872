import { findCountry } from '../gazetteer/countries';
import { isDemonym } from '../gazetteer/demonyms';
import { isTitleHead, isTitleWord } from '../gazetteer/titles';
import type { AnalysedText } from '../text/analysed-text';
import type { TokenSpan } from './types';

const MAX_TITLE_TOKENS = 6;

/**
 * The role written right before a person's name: "US President" Joe Biden, "NATO Secretary-General" Jens
 * Stoltenberg, "Ukrainian military intelligence chief" Kyrylo Budanov. Walks left over title words and the
 * qualifiers they take (countries, nationalities, organisations); needs at least one title word.
 */
export function titleBefore(
  doc: AnalysedText,
  person: TokenSpan,
  organisationTokens: ReadonlySet<number>,
): string | null {
  const sentenceStart = doc.sentences[doc.sentenceOf[person.first]].firstToken;
  let first = person.first;
  let sawTitle = false;
  for (let i = person.first - 1; i >= sentenceStart && person.first - i <= MAX_TITLE_TOKENS; i--) {
    const word = doc.tokens[i].text;
    if (
      doc.tokens[i].end !== doc.tokens[i + 1].start &&
      doc.text.slice(doc.tokens[i].end, doc.tokens[i + 1].start).includes('\n')
    )
      break;
    if (isTitleWord(word)) {
      sawTitle ||= isTitleHead(word);
      first = i;
      continue;
    }
    const qualifier =
      first < person.first &&
      /^\p{Lu}/u.test(word) &&
      (organisationTokens.has(i) || findCountry(word) !== undefined || isDemonym(word) || /^\p{Lu}{2,}$/u.test(word));
    if (!qualifier) break;
    first = i;
  }
  if (!sawTitle || first === person.first) return null;
  return doc.text.slice(doc.tokens[first].start, doc.tokens[person.first - 1].end);
}
