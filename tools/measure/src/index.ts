// @inkstream/measure: what every benchmark, evaluation and training script shares: one seeded random stream (the
// same samples and shuffles on every machine) and the writer of dated, machine-stamped sections in docs/.
export { seededRandom, type Random } from './seeded-random';
export { DATASETS_DIR, SAMPLES_DIR, SHARED_DIR } from './datasets-dir';
export { measuredOn, writeDocSection } from './doc-section';
