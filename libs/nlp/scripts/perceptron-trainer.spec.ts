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
});
