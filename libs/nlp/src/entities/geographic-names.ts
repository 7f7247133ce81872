import type { AnalysedText } from '../text/analysed-text';
import type { TokenSpan } from './types';

// "Crimean Peninsula", "Korean Peninsula", "Caspian Sea", "Persian Gulf": a capitalised modifier (often a
// nationality adjective, which alone is no entity) before a capitalised landform noun names a place. The tagger
// learns nationality adjectives as non-entities and can drop the pair; the head noun says what it is.
const LANDFORMS = new Set([
  'peninsula',
  'sea',
  'gulf',
  'ocean',
  'strait',
  'straits',
  'mountains',
  'desert',
  'basin',
  'plateau',
  'coast',
  'islands',
  'highlands',
  'lowlands',
  'valley',
  'delta',
  'steppe',
  'bay',
]);

const isCapitalised = (word: string): boolean => /^\p{Lu}\p{Ll}/u.test(word);

/** Adds "<Modifier> <Landform>" locations the tagger left out, or widens a bare landform span to include them. */
export function addLandformNames(doc: AnalysedText, spans: readonly TokenSpan[]): TokenSpan[] {
  const result = [...spans];
  for (let i = 1; i < doc.tokens.length; i++) {
    const head = doc.tokens[i].text;
    const modifier = doc.tokens[i - 1].text;
    if (!LANDFORMS.has(head.toLowerCase()) || !isCapitalised(head) || !isCapitalised(modifier)) continue;
    if (doc.sentenceOf[i] !== doc.sentenceOf[i - 1]) continue;
    const touching = result.filter((span) => span.first <= i && span.last >= i);
    // A span already reaching the modifier ("Sea of Azov", "Black Sea Fleet") is the tagger's better judgement.
    if (touching.some((span) => span.first <= i - 1)) continue;
    const kept = result.filter((span) => !touching.includes(span));
    const widened = touching[0] ? Math.max(touching[0].last, i + 1) : i + 1;
    kept.push({ first: i - 1, last: widened, cls: 'LOC' });
    result.splice(0, result.length, ...kept.sort((a, b) => a.first - b.first));
  }
  return result;
}
