import { defaultLexicon, defaultTagger } from '../src/ner/default-tagger';
import type { Tag } from '../src/ner/tags';
import type { LabelledSentence } from './ner-data';
import { documentPipelinePredictions } from './ner-evaluate';

function sentence(words: string[], document: number): LabelledSentence {
  return { words, tags: words.map((): Tag => 'O'), source: 'wikigold', document };
}

describe('documentPipelinePredictions', () => {
  it('runs each document as one text and maps mentions back to their own sentence and words', () => {
    const first = sentence(['NATO', 'chief', 'Jens', 'Stoltenberg', 'spoke', 'in', 'Brussels', '.'], 0);
    const second = sentence(['Stoltenberg', 'then', 'left', '.'], 0);
    const other = sentence(['Officials', 'in', 'Kyiv', 'said', 'nothing', '.'], 1);
    const predicted = documentPipelinePredictions(defaultTagger(), defaultLexicon(), [first, second, other]);
    expect(predicted.get(first)).toEqual(new Set(['0:1:ORG', '2:4:PER', '6:7:LOC']));
    // The surname alone is a person because the same document names him in full.
    expect(predicted.get(second)).toEqual(new Set(['0:1:PER']));
    expect(predicted.get(other)).toEqual(new Set(['2:3:LOC']));
  });
});
