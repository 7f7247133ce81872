import type { Tag } from '../src/ner/tags';
import type { ForeignCorpus, LabelledSentence } from './ner-data';

// A small hash space keeps the toy trainings fast; read by ner-training.ts when it loads.
process.env.NER_HASH_BITS = '14';
const { trainForeignTagger } = require('./ner-training') as typeof import('./ner-training');
const { TRANSFER_WEIGHTS } = require('../src/ner/model') as typeof import('../src/ner/model');

function sentence(text: string, tags: Tag[], source: ForeignCorpus): LabelledSentence {
  return { words: text.split(' '), tags, source, document: 0 };
}

const SENTENCES = [
  sentence(
    'Anna Berg besuchte Siemens in Berlin .',
    ['B-PER', 'I-PER', 'O', 'B-ORG', 'O', 'B-LOC', 'O'],
    'de-germeval2014',
  ),
  sentence('Die Stadt Bremen feierte .', ['O', 'O', 'B-LOC', 'O', 'O'], 'de-europeana'),
  sentence('A Petrobras anunciou lucros no Rio .', ['O', 'B-ORG', 'O', 'O', 'O', 'B-LOC', 'O'], 'pt-uner-bosque'),
];
const language = (s: LabelledSentence) => s.source.slice(0, 2);
const modern = (s: LabelledSentence) => s.source !== 'de-europeana';
const train = (options: { languageOf?: typeof language; transferFrom?: typeof modern }) =>
  trainForeignTagger(SENTENCES, { epochs: 2, source: 'toy', log: () => undefined, ...options });

describe('trainForeignTagger: transfer weights', () => {
  it('learns a weight set for languages never trained on from the sentences it is given', () => {
    const trained = train({ languageOf: language, transferFrom: modern });
    expect(trained.model.languages).toEqual([...['de', 'pt', TRANSFER_WEIGHTS]].sort());
  });

  it('counts each sentence once in the word statistics: the copies repeat text, not evidence', () => {
    const withCopies = train({ languageOf: language, transferFrom: modern });
    const without = train({ languageOf: language });
    expect(withCopies.serializedLexicon).toEqual(without.serializedLexicon);
    expect(without.model.languages).toEqual(['de', 'pt']);
  });

  it('has no transfer weights without per-language weights (the pooled recipe)', () => {
    expect(train({ transferFrom: modern }).model.languages ?? []).toEqual([]);
  });
});
