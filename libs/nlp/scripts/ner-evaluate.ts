// Entity-level scoring (exact span and class), the CoNLL convention: a half-found name counts as a miss.
import { recognizeEntities } from '../src/entities/recognize-entities';
import type { Entity } from '../src/entities/types';
import type { Lexicon } from '../src/ner/lexicon';
import type { NerTagger } from '../src/ner/tagger';
import { analyseText } from '../src/text/analysed-text';
import { tagClass, type EntityClass, type Tag } from '../src/ner/tags';
import type { LabelledSentence } from './ner-data';

export interface ClassScore {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

export type NerScores = Record<EntityClass | 'ALL', ClassScore>;

function spans(tags: readonly Tag[]): Set<string> {
  const found = new Set<string>();
  let start = -1;
  let cls: EntityClass | null = null;
  tags.forEach((tag, i) => {
    const current = tagClass(tag);
    const continues = cls !== null && tag.startsWith('I-') && current === cls;
    if (cls !== null && !continues) found.add(`${start}:${i}:${cls}`);
    if (!continues) {
      cls = current;
      start = i;
    }
  });
  if (cls !== null) found.add(`${start}:${tags.length}:${cls}`);
  return found;
}

type Predict = (sentence: LabelledSentence) => Set<string>;

const ENTITY_CLASS: Readonly<Record<Entity['type'], EntityClass>> = {
  PERSON: 'PER',
  ORGANIZATION: 'ORG',
  LOCATION: 'LOC',
};

/**
 * The whole entity pipeline (rules, gazetteer, consistency) on each sentence as text: mentions are mapped back to
 * word indices through their offsets; a mention that does not start and end on word boundaries counts as wrong.
 */
export function pipelinePredictor(tagger: NerTagger, lexicon: Lexicon, englishRules = true): Predict {
  return (sentence) => {
    const starts = new Map<number, number>();
    const ends = new Map<number, number>();
    let offset = 0;
    sentence.words.forEach((word, i) => {
      starts.set(offset, i);
      ends.set(offset + word.length, i + 1);
      offset += word.length + 1;
    });
    const text = sentence.words.join(' ');
    const found = new Set<string>();
    for (const entity of recognizeEntities(analyseText(text, 10_000), tagger, lexicon, {}, englishRules)) {
      for (const mention of entity.mentions) {
        const first = starts.get(mention.start) ?? -1;
        const last = ends.get(mention.end) ?? -1;
        found.add(`${first}:${last}:${ENTITY_CLASS[entity.type]}`);
      }
    }
    return found;
  };
}

/**
 * The whole entity pipeline on each document as one text (sentences joined by spaces), as production runs it on
 * an article: document consistency and the other cross-sentence rules take part. Mentions are mapped back to the
 * sentence and words they cover; one that is off word boundaries or runs across sentences counts as wrong in the
 * sentence where it starts. Returns each sentence's predicted spans, for `scorePredictions`.
 */
export function documentPipelinePredictions(
  tagger: NerTagger,
  lexicon: Lexicon,
  sentences: readonly LabelledSentence[],
): Map<LabelledSentence, Set<string>> {
  const predictions = new Map<LabelledSentence, Set<string>>(sentences.map((s) => [s, new Set<string>()]));
  let from = 0;
  while (from < sentences.length) {
    let to = from + 1;
    while (to < sentences.length && sentences[to].document === sentences[from].document) to++;
    const documentSentences = sentences.slice(from, to);
    const starts = new Map<number, { sentence: number; word: number }>();
    const ends = new Map<number, { sentence: number; word: number }>();
    const sentenceStarts: number[] = [];
    let offset = 0;
    documentSentences.forEach((sentence, s) => {
      sentenceStarts.push(offset);
      sentence.words.forEach((word, w) => {
        starts.set(offset, { sentence: s, word: w });
        ends.set(offset + word.length, { sentence: s, word: w + 1 });
        offset += word.length + 1;
      });
    });
    const text = documentSentences.map((sentence) => sentence.words.join(' ')).join(' ');
    for (const entity of recognizeEntities(analyseText(text, 100_000), tagger, lexicon)) {
      for (const mention of entity.mentions) {
        let home = 0;
        while (home + 1 < sentenceStarts.length && sentenceStarts[home + 1] <= mention.start) home++;
        const first = starts.get(mention.start);
        const last = ends.get(mention.end);
        const inside = first?.sentence === home && last?.sentence === home;
        const key = inside ? `${first.word}:${last.word}` : `-1:-1`;
        predictions.get(documentSentences[home])?.add(`${key}:${ENTITY_CLASS[entity.type]}`);
      }
    }
    from = to;
  }
  return predictions;
}

export function scoreTagger(tagger: NerTagger, sentences: readonly LabelledSentence[]): NerScores {
  return scorePredictions((sentence) => spans(tagger.tag(sentence.words)), sentences);
}

export function scorePredictions(predict: Predict, sentences: readonly LabelledSentence[]): NerScores {
  const classes: (EntityClass | 'ALL')[] = ['PER', 'ORG', 'LOC', 'ALL'];
  const tp = new Map(classes.map((c) => [c, 0]));
  const fp = new Map(classes.map((c) => [c, 0]));
  const fn = new Map(classes.map((c) => [c, 0]));
  const bump = (map: Map<string, number>, key: string): void => {
    map.set(key, (map.get(key) ?? 0) + 1);
    map.set('ALL', (map.get('ALL') ?? 0) + 1);
  };
  for (const sentence of sentences) {
    const gold = spans(sentence.tags);
    const predicted = predict(sentence);
    for (const span of predicted) bump(gold.has(span) ? tp : fp, span.split(':')[2]);
    for (const span of gold) if (!predicted.has(span)) bump(fn, span.split(':')[2]);
  }
  const score = (c: EntityClass | 'ALL'): ClassScore => {
    const t = tp.get(c) ?? 0;
    const precision = t / Math.max(1, t + (fp.get(c) ?? 0));
    const recall = t / Math.max(1, t + (fn.get(c) ?? 0));
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { precision, recall, f1, support: t + (fn.get(c) ?? 0) };
  };
  return { PER: score('PER'), ORG: score('ORG'), LOC: score('LOC'), ALL: score('ALL') };
}

export function formatScores(title: string, scores: NerScores): string {
  const rows = (['PER', 'ORG', 'LOC', 'ALL'] as const).map((c) => {
    const s = scores[c];
    return `| ${c === 'ALL' ? '**all (micro)**' : c} | ${s.precision.toFixed(3)} | ${s.recall.toFixed(3)} | ${s.f1.toFixed(3)} | ${s.support} |`;
  });
  return [
    `**${title}**`,
    '',
    '| type | precision | recall | F1 | gold entities |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
