import {
  GIVEN_NAME_FEATURE_COUNT,
  givenNameFeatureHashes,
  givenNameFeatures,
  HISTORY_FEATURE_COUNT,
  historyFeatureHashes,
  historyFeatures,
  STATIC_FEATURE_COUNT,
  staticFeatureHashes,
  staticFeatures,
  tokenFeatureCount,
  tokenFeatureHashes,
  viewSentence,
  WORD_BAND_FEATURE_COUNT,
  wordBandFeatureHashes,
  wordBandFeatures,
  WORD_CLUSTER_FEATURE_COUNT,
  wordClusterFeatureHashes,
  wordClusterFeatures,
} from './features';
import { fnv1a } from './hash';

const lexicon = {
  commonWords: new Set(['the', 'said']),
  counts: new Map([['nato', 5]]),
  clusters: new Map([
    ['iraq', 7],
    ['syria', 7],
    ['and', 2],
  ]),
};

describe('NER features', () => {
  const view = viewSentence(['“', 'US', 'President', 'Joe', 'Biden', 'met', 'NATO', 'in', 'New', 'York', '.'], lexicon);

  it('hashes exactly as the string definitions do, for every position', () => {
    const out = new Uint32Array(STATIC_FEATURE_COUNT);
    for (let i = 0; i < view.words.length; i++) {
      staticFeatureHashes(view, i, out);
      expect([...out]).toEqual(staticFeatures(view, i).map(fnv1a));
    }
    const given = new Uint32Array(GIVEN_NAME_FEATURE_COUNT + 1);
    for (let i = 0; i < view.words.length; i++) {
      givenNameFeatureHashes(view, i, given, 1);
      expect([...given.slice(1)]).toEqual(givenNameFeatures(view, i).map(fnv1a));
    }
    const clusters = new Uint32Array(WORD_CLUSTER_FEATURE_COUNT + 1);
    for (let i = 0; i < view.words.length; i++) {
      wordClusterFeatureHashes(view, i, clusters, 1);
      expect([...clusters.slice(1)]).toEqual(wordClusterFeatures(view, i).map(fnv1a));
    }
    const history = new Uint32Array(HISTORY_FEATURE_COUNT);
    historyFeatureHashes(view, 4, 'B-PER', 'O', history);
    expect([...history]).toEqual(historyFeatures(view, 4, 'B-PER', 'O').map(fnv1a));
  });

  it('marks gazetteer places, title words, sentence-initial positions and unseen words', () => {
    expect(view.places.slice(8, 10)).toEqual(['B-city', 'I-city']);
    expect(view.classes[2]).toBe('title');
    expect(view.initial[1]).toBe(true);
    expect(view.initial[3]).toBe(false);
    expect(view.rare[6]).toBe(false);
    expect(view.rare[4]).toBe(true);
    expect(view.givenNames.slice(2, 5)).toEqual([false, true, false]);
    expect(givenNameFeatures(view, 4)).toEqual(['n=0|Xx', 'n-1=1|Xx']);
  });

  it('marks known organisation names, in any case, and flags shouted sentences', () => {
    const shouted = viewSentence(['ASTON', 'VILLA', 'BEAT', 'STOKE', 'CITY', 'AT', 'HOME'], lexicon);
    expect(shouted.organisations).toEqual(['B', 'I', '', 'B', 'I', '', '']);
    expect(shouted.shouted).toBe('1');
    expect(view.shouted).toBe('0');
    expect(viewSentence(['the', 'aston', 'villa', 'estate'], lexicon).organisations).toEqual(['', '', '', '']);
  });

  it("reads each word's cluster from the lexicon in any case, and appends each optional group in order", () => {
    const cities = viewSentence(['in', 'Iraq', 'and', 'SYRIA', 'and', 'Zzyzxqq'], lexicon);
    expect(cities.clusters).toEqual(['', '7', '2', '7', '2', '']);
    expect(wordClusterFeatures(cities, 3)).toEqual(['k=7|X', 'k-1=2', 'k+1=2']);
    const groups = { givenNames: true, wordClusters: true };
    const out = new Uint32Array(tokenFeatureCount(groups));
    expect(out.length).toBe(STATIC_FEATURE_COUNT + GIVEN_NAME_FEATURE_COUNT + WORD_CLUSTER_FEATURE_COUNT);
    tokenFeatureHashes(cities, 3, groups, out);
    expect([...out]).toEqual(
      [...staticFeatures(cities, 3), ...givenNameFeatures(cities, 3), ...wordClusterFeatures(cities, 3)].map(fnv1a),
    );
  });

  it("reads each word's band in the text's language only for the word-band group, and hashes as defined", () => {
    const words = ['Der', 'Vorstandschef', 'von', 'Siemens', 'sprach', '.'];
    const groups = { givenNames: true, wordBands: true };
    const german = viewSentence(words, lexicon, 'de', groups);
    expect(german.bands).toEqual(['5', '0', '5', '3', '3', '0']);
    expect(viewSentence(words, lexicon, 'de').bands).toEqual([]);
    expect(viewSentence(words, lexicon, undefined, groups).bands).toEqual(['', '', '', '', '', '']);
    expect(viewSentence(words, lexicon, 'pl', groups).bands).toEqual(['', '', '', '', '', '']);
    expect(wordBandFeatures(german, 0)).toEqual(['f=5|Xx', 'fi=5|1|Xx']);
    expect(wordBandFeatures(german, 1)).toEqual(['f=0|Xx', 'fi=0|0|Xx']);
    const bands = new Uint32Array(WORD_BAND_FEATURE_COUNT + 1);
    for (let i = 0; i < words.length; i++) {
      wordBandFeatureHashes(german, i, bands, 1);
      expect([...bands.slice(1)]).toEqual(wordBandFeatures(german, i).map(fnv1a));
    }
    const out = new Uint32Array(tokenFeatureCount(groups));
    expect(out.length).toBe(STATIC_FEATURE_COUNT + GIVEN_NAME_FEATURE_COUNT + WORD_BAND_FEATURE_COUNT);
    tokenFeatureHashes(german, 3, groups, out);
    expect([...out]).toEqual(
      [...staticFeatures(german, 3), ...givenNameFeatures(german, 3), ...wordBandFeatures(german, 3)].map(fnv1a),
    );
  });

  it('treats "U.S." and "US" as one word but never as the pronoun "us"', () => {
    const dotted = viewSentence(['U.S.', 'troops', 'told', 'us'], lexicon);
    expect(dotted.lower[0]).toBe('US');
    expect(dotted.lower[3]).toBe('us');
  });
});
