import { decodeNerModel, encodeNerModel } from '../src/ner/model';
import { NerTagger } from '../src/ner/tagger';
import type { Tag } from '../src/ner/tags';
import type { LabelledSentence } from './ner-data';
import { trainPerceptron } from './perceptron-trainer';

const lexicon = { commonWords: new Set<string>(['the']), counts: new Map<string, number>() };

function sentence(text: string, tags: Tag[]): LabelledSentence {
  return { words: text.split(' '), tags, source: 'gmb', document: 0 };
}

const TRAINING = [
  sentence('Anna Berg joined Acme Corp in Oslo .', ['B-PER', 'I-PER', 'O', 'B-ORG', 'I-ORG', 'O', 'B-LOC', 'O']),
  sentence('Acme Corp hired Anna Berg .', ['B-ORG', 'I-ORG', 'O', 'B-PER', 'I-PER', 'O']),
  sentence('Oslo welcomed Acme Corp .', ['B-LOC', 'O', 'B-ORG', 'I-ORG', 'O']),
  sentence('Anna Berg left Oslo .', ['B-PER', 'I-PER', 'O', 'B-LOC', 'O']),
];

describe('trainPerceptron', () => {
  for (const beam of [1, 3]) {
    it(`learns a toy corpus ${beam === 1 ? 'greedily' : 'with a beam'}, and the model decodes the way it was trained`, () => {
      const dense = trainPerceptron(TRAINING, lexicon, { hashBits: 14, epochs: 8, seed: 1, log: () => {}, beam });
      const model = encodeNerModel(dense, 14, 0, 'toy', beam);
      expect(model.beam).toBe(beam === 1 ? undefined : beam);
      const weights = decodeNerModel(model);
      expect(weights.beam).toBe(beam);
      const tagger = new NerTagger(weights, lexicon);
      for (const s of TRAINING) expect(tagger.tag(s.words)).toEqual(s.tags);
    });
  }

  it('keeps per-language weights beside the shared ones, so two languages can disagree on the same words', () => {
    // The same sentence tagged two ways, as two corpora with different conventions would.
    const twoWays = [0, 1, 2, 3].flatMap((i) => [
      {
        ...sentence('Anna visited Acme today .', ['B-PER', 'O', 'B-ORG', 'O', 'O']),
        document: i,
        source: 'de-europeana' as const,
      },
      {
        ...sentence('Anna visited Acme today .', ['B-PER', 'O', 'B-LOC', 'O', 'O']),
        document: i,
        source: 'pt-uner-bosque' as const,
      },
    ]);
    const languageOf = (s: LabelledSentence): string => (s.source === 'de-europeana' ? 'de' : 'pt');
    const dense = trainPerceptron(twoWays, lexicon, { hashBits: 14, epochs: 8, seed: 1, log: () => {}, languageOf });
    const weights = decodeNerModel(encodeNerModel(dense, 14, 0, 'toy', 1, ['de', 'pt']));
    expect(weights.languages).toEqual(['de', 'pt']);
    const words = 'Anna visited Acme today .'.split(' ');
    expect(new NerTagger(weights, lexicon, 'de').tag(words)[2]).toBe('B-ORG');
    expect(new NerTagger(weights, lexicon, 'pt').tag(words)[2]).toBe('B-LOC');
  });

  it("learns from the word bands of each sentence's language, so an unseen common noun and an unseen name part", () => {
    // German capitalises every noun: in one frame, common nouns (bands 4-5) are no entity, unlisted words are.
    const frame = (word: string, tag: Tag): LabelledSentence => ({
      ...sentence(`Das ${word} brennt heute .`, ['O', tag, 'O', 'O', 'O']),
      source: 'de-europeana',
    });
    const nouns = ['Haus', 'Auto', 'Buch', 'Wasser', 'Schiff', 'Feuer'].map((w) => frame(w, 'O'));
    const names = ['Quibbelt', 'Zornak', 'Flemtorp', 'Brakusz', 'Vintrelo', 'Gaskobb'].map((w) => frame(w, 'B-ORG'));
    const toy = [...nouns, ...names];
    const options = { hashBits: 16, epochs: 8, seed: 1, log: () => {}, textLanguageOf: () => 'de', wordBands: true };
    const weights = decodeNerModel(
      encodeNerModel(trainPerceptron(toy, lexicon, options), 16, 0, 'toy', 1, [], ['word-bands']),
    );
    expect(weights.wordBands).toBe(true);
    const tagger = new NerTagger(weights, lexicon, 'de');
    expect(tagger.tag('Das Fenster brennt heute .'.split(' '))[1]).toBe('O');
    expect(tagger.tag('Das Krumpholt brennt heute .'.split(' '))[1]).toBe('B-ORG');
  });
});
