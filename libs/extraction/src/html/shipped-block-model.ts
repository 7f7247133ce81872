import type { BlockModel } from './block-model';

/** The block classifier production uses; null while the rules alone score better held out (docs/quality.md). */
export const SHIPPED_BLOCK_MODEL: BlockModel | null = null;
