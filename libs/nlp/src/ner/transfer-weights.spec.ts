import { fnv1a, languageFeature } from './hash';
import { decodeLexicon, buildLexicon } from './lexicon';
import { TRANSFER_WEIGHTS, type NerWeights } from './model';
import { NerTagger } from './tagger';
import { TAGS } from './tags';

const HASH_BITS = 16;
const MASK = 2 ** HASH_BITS - 1;
const lexicon = decodeLexicon(buildLexicon([['ein', 'Satz']]));

/** A model whose only weight says "a person" through the bias feature, in the weight set `key` only. */
function modelWithPersonBiasIn(key: string, languages: readonly string[]): NerWeights {
  const rowOf = new Int32Array(2 ** HASH_BITS).fill(-1);
  const weights = new Float32Array(TAGS.length);
  weights[TAGS.indexOf('B-PER')] = 5;
  rowOf[languageFeature(fnv1a('b'), key) & MASK] = 0;
  return {
    mask: MASK,
    rowOf,
    weights,
    tags: TAGS,
    beam: 1,
    languages,
    givenNames: false,
    wordClusters: false,
    wordBands: false,
  };
}

const tagsOf = (tagger: NerTagger) => tagger.tag(['Maria']);

describe('transfer weights for languages never trained on', () => {
  it('tags a language the model was not trained on with the transfer weights', () => {
    const model = modelWithPersonBiasIn(TRANSFER_WEIGHTS, ['de', TRANSFER_WEIGHTS]);
    expect(tagsOf(new NerTagger(model, lexicon, 'es'))).toEqual(['B-PER']);
  });

  it('never adds them to a trained language, nor without a language (the English tagger)', () => {
    const model = modelWithPersonBiasIn(TRANSFER_WEIGHTS, ['de', TRANSFER_WEIGHTS]);
    expect(tagsOf(new NerTagger(model, lexicon, 'de'))).toEqual(['O']);
    expect(tagsOf(new NerTagger(model, lexicon))).toEqual(['O']);
  });

  it('tags with the shared weights alone when the model has no transfer weights (model 1.1.0)', () => {
    const model = modelWithPersonBiasIn(TRANSFER_WEIGHTS, ['de']);
    expect(tagsOf(new NerTagger(model, lexicon, 'es'))).toEqual(['O']);
    expect(tagsOf(new NerTagger(modelWithPersonBiasIn('de', ['de']), lexicon, 'de'))).toEqual(['B-PER']);
  });
});
