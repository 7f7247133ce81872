import { join } from 'node:path';

/**
 * Where the shared, read-only datasets and samples are: `../shared` beside the clone (as on the team's machines and
 * in CI), or INKSTREAM_SHARED_DIR. Every evaluation, benchmark and training script finds them here, never at a path
 * of one machine.
 */
export const SHARED_DIR = process.env.INKSTREAM_SHARED_DIR ?? join(__dirname, '../../../../shared');

/** The datasets (`../shared/datasets`), or INKSTREAM_DATASETS_DIR. */
export const DATASETS_DIR = process.env.INKSTREAM_DATASETS_DIR ?? join(SHARED_DIR, 'datasets');

/** The sample pages (`../shared/samples`). */
export const SAMPLES_DIR = join(SHARED_DIR, 'samples');
