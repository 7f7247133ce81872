import type { Entity } from './entities/types';
import type { Scored } from './keywords';
import type { AnalysedText } from './text/analysed-text';
import { matchDateline } from './text/dateline';

const MAX_SENTENCES = 3;
const MAX_CHARS = 900;
const MIN_WORDS = 6;

/** Cleans a standfirst given as bullet lines ("- Leaders hope …") into running sentences. */
function fromStandfirst(standfirst: string): string {
  return standfirst
    .split('\n')
    .map((line) => line.replace(/^\s*[-–—•*]\s*/u, '').trim())
    .filter(Boolean)
    .map((line) => (/[.!?”"]$/u.test(line) ? line : `${line}.`))
    .join(' ');
}

/**
 * Extractive summary: the standfirst when there is one; otherwise the 2–3 best sentences in text order, scored on
 * lead position (news puts the point first), the article's keywords and its most salient entities.
 */
export function summarise(
  doc: AnalysedText,
  keywords: readonly Scored[],
  entities: readonly Entity[],
  standfirst?: string | null,
): string {
  if (standfirst?.trim()) return fromStandfirst(standfirst);
  const dateline = matchDateline(doc.text, () => false);
  const keywordWeights = new Map<string, number>();
  for (const keyword of keywords) {
    for (const word of keyword.value.toLowerCase().split(' ')) {
      keywordWeights.set(word, Math.max(keywordWeights.get(word) ?? 0, keyword.score));
    }
  }
  const topEntities = entities.slice(0, 5);
  const candidates = doc.sentences
    .map((sentence, index) => {
      const words = doc.tokens
        .slice(sentence.firstToken, sentence.lastToken)
        .filter((token) => /\p{L}/u.test(token.text));
      if (words.length < MIN_WORDS || doc.inHeading[sentence.firstToken]) return null;
      const keywordScore = words.reduce((sum, token) => sum + (keywordWeights.get(token.text.toLowerCase()) ?? 0), 0);
      const entityScore = topEntities.filter((entity) =>
        entity.mentions.some((mention) => mention.start >= sentence.start && mention.end <= sentence.end),
      ).length;
      const position = 2 / (1 + index);
      const score = position + keywordScore / Math.sqrt(words.length) + 0.3 * entityScore;
      return { sentence, score };
    })
    .filter((candidate): candidate is NonNullable<typeof candidate> => candidate !== null)
    .sort((a, b) => b.score - a.score);
  const chosen: typeof candidates = [];
  let length = 0;
  for (const candidate of candidates) {
    const size = candidate.sentence.end - candidate.sentence.start;
    if (chosen.length > 0 && length + size > MAX_CHARS) continue;
    chosen.push(candidate);
    length += size;
    if (chosen.length === MAX_SENTENCES) break;
  }
  return chosen
    .sort((a, b) => a.sentence.start - b.sentence.start)
    .map(({ sentence }) => {
      // "KYIV: Ukraine is…": the dateline belongs to the article, not to a summary sentence.
      const start = dateline && sentence.start <= dateline.start ? dateline.bodyStart : sentence.start;
      return doc.text.slice(start, sentence.end).replace(/\s+/gu, ' ').trim();
    })
    .join(' ');
}
