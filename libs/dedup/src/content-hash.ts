import { createHash } from 'node:crypto';
import { normaliseText } from './text-normalise';

/**
 * Exact-duplicate key of an article's text: sha256 of the normalised body, so copies that differ only in
 * typography, case, spacing or paragraph breaks share it.
 */
export function contentHash(body: string): string {
  return createHash('sha256').update(normaliseText(body), 'utf8').digest('hex');
}
