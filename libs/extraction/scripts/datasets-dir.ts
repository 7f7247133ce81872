// Where the shared, read-only datasets are: ../shared/datasets beside the clone (as in CI), or INKSTREAM_DATASETS_DIR.
export { DATASETS_DIR } from '@inkstream/measure';
