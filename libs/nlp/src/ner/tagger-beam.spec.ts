// The tagger's beam is kept cheaply (hypotheses linked backwards, history scores shared by hypotheses with the same
// last two tags, insertion instead of a sort). This checks it against the plainest beam search over the same
// committed model: copied tag lists, every score computed afresh, a stable sort. Any shortcut that changed a
// tagging would show here.
import { KYIV_ARTICLE, NATO_ARTICLE } from '../fixtures/arabnews-sample';
import { defaultLexicon, defaultTagger, taggerFor } from './default-tagger';
import {
  HISTORY_FEATURE_COUNT,
  historyFeatureHashes,
  tokenFeatureCount,
  tokenFeatureHashes,
  viewSentence,
  type FeatureLexicon,
} from './features';
import { languageFeature } from './hash';
import { decodeNerModel, type NerWeights, type SerializedNerModel } from './model';
import { isAllowedAfter, isAllowedFor, TAGS, type Tag } from './tags';

function scoresOf(model: NerWeights, hashes: Uint32Array, language: string | null): number[] {
  const scores = TAGS.map(() => 0);
  for (const hash of hashes) {
    const row = model.rowOf[hash & model.mask];
    if (row >= 0) TAGS.forEach((_, k) => (scores[k] += model.weights[row + k]));
    if (language === null) continue;
    const own = model.rowOf[languageFeature(hash, language) & model.mask];
    if (own >= 0) TAGS.forEach((_, k) => (scores[k] += model.weights[own + k]));
  }
  return scores;
}

function plainBeam(
  model: NerWeights,
  words: readonly string[],
  lexicon: FeatureLexicon = defaultLexicon(),
  language: string | null = null,
  textLanguage?: string,
): Tag[] {
  const view = viewSentence(words, lexicon, textLanguage);
  let beam: Array<{ tags: Tag[]; score: number }> = [{ tags: [], score: 0 }];
  for (let i = 0; i < words.length; i++) {
    if (TAGS.every((tag) => tag === 'O' || !isAllowedFor(tag, words[i]))) {
      beam = beam.map((h) => ({ tags: [...h.tags, 'O'], score: h.score }));
      continue;
    }
    const staticHashes = new Uint32Array(tokenFeatureCount(model));
    tokenFeatureHashes(view, i, model, staticHashes);
    const staticScores = scoresOf(model, staticHashes, language);
    const next: Array<{ tags: Tag[]; score: number }> = [];
    for (const h of beam) {
      const historyHashes = new Uint32Array(HISTORY_FEATURE_COUNT);
      historyFeatureHashes(view, i, h.tags[i - 1] ?? '<s>', h.tags[i - 2] ?? '<s>', historyHashes);
      const history = scoresOf(model, historyHashes, language);
      TAGS.forEach((tag, k) => {
        if (isAllowedAfter(tag, h.tags[i - 1] ?? 'O') && isAllowedFor(tag, words[i])) {
          next.push({ tags: [...h.tags, tag], score: h.score + staticScores[k] + history[k] });
        }
      });
    }
    beam = next
      .map((h, order) => ({ h, order }))
      .sort((a, b) => b.h.score - a.h.score || a.order - b.order)
      .slice(0, model.beam)
      .map(({ h }) => h);
  }
  return beam[0].tags;
}

describe('NerTagger beam decoding', () => {
  it('tags exactly as a plain beam search over the committed model', () => {
    const model = decodeNerModel(require('../model/ner.model.json') as SerializedNerModel);
    expect(model.beam).toBeGreaterThan(1);
    const sentences = [...NATO_ARTICLE.text.split(/(?<=\.)\s+/u), ...KYIV_ARTICLE.text.split(/(?<=\.)\s+/u)]
      .map((sentence) => sentence.split(/\s+/u).filter(Boolean))
      .filter((words) => words.length > 0);
    const shouted = sentences.map((words) => words.map((word) => word.toUpperCase()));
    expect(sentences.length).toBeGreaterThan(20);
    for (const words of [...sentences, ...shouted]) {
      expect(defaultTagger().tag(words)).toEqual(plainBeam(model, words));
    }
  });

  it('adds a language’s own weights and place names to the shared ones, as training did, weights only for a trained language', () => {
    const model = decodeNerModel(require('../model/ner-multilingual.model.json') as SerializedNerModel);
    expect(model.languages).toEqual(expect.arrayContaining(['de', 'pt', 'ar']));
    expect(model.languages).not.toContain('es');
    const sentences: Array<[string, string]> = [
      ['de', 'Bundeskanzler Olaf Scholz traf am Dienstag in Berlin Vertreter der Europäischen Union .'],
      ['pt', 'O presidente Lula da Silva visitou Lisboa e encontrou-se com o primeiro-ministro António Costa .'],
      ['ar', 'التقى الرئيس المصري عبد الفتاح السيسي في القاهرة وزير الخارجية الأمريكي .'],
      ['es', 'El presidente Pedro Sánchez se reunió en Madrid con el canciller alemán Olaf Scholz .'],
    ];
    for (const [language, text] of sentences) {
      const words = text.split(' ');
      const tagging = taggerFor(language);
      if (!tagging) throw new Error(`no tagger for ${language}`);
      const own = model.languages.includes(language) ? language : null;
      expect(tagging.tagger.tag(words)).toEqual(plainBeam(model, words, tagging.lexicon, own, language));
    }
  });
});
