import { TAGS, type Tag } from './tags';

/**
 * The trained tagger as committed JSON: hashed feature buckets with quantised weights, base64 so the file stays a
 * few MB and loads without a vocabulary.
 */
export interface SerializedNerModel {
  readonly format: 'inkstream-ner-perceptron/1';
  readonly hashBits: number;
  readonly tags: readonly string[];
  /** Multiply stored int16 weights by this to recover the averaged perceptron weights. */
  readonly scale: number;
  /** Sorted bucket ids (uint32, little-endian), base64. */
  readonly buckets: string;
  /** int16 little-endian, one row of `tags.length` weights per bucket, base64. */
  readonly weights: string;
  readonly trainedOn: string;
  /** Taggings kept per word in training, so decoding must keep as many; absent in greedy models (1). */
  readonly beam?: number;
  /** Languages with weights of their own beside the shared ones (`languageFeature`); absent in one-language models. */
  readonly languages?: readonly string[];
  /** Features beyond the base set the model was trained with, so decoding computes them too; absent: none. */
  readonly features?: readonly OptionalFeature[];
}

/**
 * The weight set a multilingual model keeps for languages it was never trained on (Spanish, Italian): learnt from a
 * second copy of every modern, edited sentence of the trained languages (not the historic OCR newspapers), so it
 * holds what modern news in any language shares beyond the shared weights: above all how organisations are written.
 * Not a language code, so it never stands for a trained language's own weights.
 */
export const TRANSFER_WEIGHTS = 'modern';

/** Feature groups a model may be trained with beside the base set (`features.ts`). */
export type OptionalFeature = 'given-names' | 'word-clusters' | 'word-bands';

/** Weights ready for scoring: `rowOf[bucket]` is the bucket's row offset into `weights`, or -1 when pruned. */
export interface NerWeights {
  readonly mask: number;
  readonly rowOf: Int32Array;
  readonly weights: Float32Array;
  readonly tags: readonly Tag[];
  /** Beam width the model was trained for (1: greedy). */
  readonly beam: number;
  readonly languages: readonly string[];
  /** Whether the model was trained with the given-name features (`givenNameFeatureHashes`). */
  readonly givenNames: boolean;
  /** Whether the model was trained with the word-cluster features (`wordClusterFeatureHashes`). */
  readonly wordClusters: boolean;
  /** Whether the model was trained with the word-band features (`wordBandFeatureHashes`). */
  readonly wordBands: boolean;
}

function base64ToBytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

export function decodeNerModel(model: SerializedNerModel): NerWeights {
  if (model.format !== 'inkstream-ner-perceptron/1') throw new Error(`unknown NER model format ${model.format}`);
  if (model.tags.join() !== TAGS.join()) throw new Error('NER model tags do not match this code');
  const bucketBytes = base64ToBytes(model.buckets);
  const weightBytes = base64ToBytes(model.weights);
  const bucketView = new DataView(bucketBytes.buffer, bucketBytes.byteOffset, bucketBytes.byteLength);
  const weightView = new DataView(weightBytes.buffer, weightBytes.byteOffset, weightBytes.byteLength);
  const count = bucketBytes.byteLength / 4;
  const width = TAGS.length;
  // A dense bucket → row table (4 bytes × 2^hashBits) makes each feature lookup one array read.
  const rowOf = new Int32Array(2 ** model.hashBits).fill(-1);
  const weights = new Float32Array(count * width);
  for (let row = 0; row < count; row++) {
    rowOf[bucketView.getUint32(row * 4, true)] = row * width;
    for (let k = 0; k < width; k++) {
      weights[row * width + k] = weightView.getInt16((row * width + k) * 2, true) * model.scale;
    }
  }
  return {
    mask: 2 ** model.hashBits - 1,
    rowOf,
    weights,
    tags: TAGS,
    beam: model.beam ?? 1,
    languages: model.languages ?? [],
    givenNames: (model.features ?? []).includes('given-names'),
    wordClusters: (model.features ?? []).includes('word-clusters'),
    wordBands: (model.features ?? []).includes('word-bands'),
  };
}

/** Quantises dense averaged weights (bucket-major, `TAGS.length` per bucket) into the committed form. */
export function encodeNerModel(
  dense: Float64Array,
  hashBits: number,
  minWeight: number,
  trainedOn: string,
  beam = 1,
  languages: readonly string[] = [],
  features: readonly OptionalFeature[] = [],
): SerializedNerModel {
  const width = TAGS.length;
  const buckets: number[] = [];
  let maxAbs = 0;
  for (let bucket = 0; bucket < 2 ** hashBits; bucket++) {
    let keep = false;
    for (let k = 0; k < width; k++) {
      const value = Math.abs(dense[bucket * width + k]);
      if (value >= minWeight) keep = true;
      maxAbs = Math.max(maxAbs, value);
    }
    if (keep) buckets.push(bucket);
  }
  const scale = maxAbs / 32767 || 1;
  const bucketBuffer = Buffer.alloc(buckets.length * 4);
  const weightBuffer = Buffer.alloc(buckets.length * width * 2);
  buckets.forEach((bucket, row) => {
    bucketBuffer.writeUInt32LE(bucket, row * 4);
    for (let k = 0; k < width; k++) {
      weightBuffer.writeInt16LE(Math.round(dense[bucket * width + k] / scale), (row * width + k) * 2);
    }
  });
  return {
    format: 'inkstream-ner-perceptron/1',
    hashBits,
    tags: [...TAGS],
    scale,
    buckets: bucketBuffer.toString('base64'),
    weights: weightBuffer.toString('base64'),
    trainedOn,
    // Greedy models keep the field out, so their files (and fingerprints) stay as they were.
    ...(beam > 1 ? { beam } : {}),
    ...(languages.length > 0 ? { languages: [...languages] } : {}),
    ...(features.length > 0 ? { features: [...features] } : {}),
  };
}
