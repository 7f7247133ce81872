// Where the shared, read-only datasets are: ../shared/datasets beside the clone (as in CI), or INKSTREAM_DATASETS_DIR.
import { join } from 'node:path';

export const DATASETS_DIR = process.env.INKSTREAM_DATASETS_DIR ?? join(__dirname, '../../../../shared/datasets');
