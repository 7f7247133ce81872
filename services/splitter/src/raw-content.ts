import { MAX_DECOMPRESSED_BYTES, type RawDocument } from '@inkstream/contracts';
import { PermanentError } from '@inkstream/errors';
import { gunzipSync } from 'node:zlib';

// Bound on what a compressed raw document may expand to (a gzip bomb must not take the splitter down): the shared
// limit of `@inkstream/contracts`.
export { MAX_DECOMPRESSED_BYTES };

/**
 * The text of a raw document. Content that cannot be decompressed can never succeed: it is a PermanentError naming
 * why, told apart by Node's error codes (`Z_*` for corrupt data, ERR_BUFFER_TOO_LARGE when `maxOutputLength` stops
 * a gzip bomb), not by message text.
 */
export function rawContent(raw: RawDocument): string {
  if (raw.encoding === 'utf8') return raw.content;
  try {
    return gunzipSync(Buffer.from(raw.content, 'base64'), { maxOutputLength: MAX_DECOMPRESSED_BYTES }).toString('utf8');
  } catch (error) {
    // Read without `instanceof Error`: Node's own errors come from another realm under jest's sandbox.
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'ERR_BUFFER_TOO_LARGE') {
      throw new PermanentError(`gzip content expands past ${MAX_DECOMPRESSED_BYTES} bytes (MAX_DECOMPRESSED_BYTES)`);
    }
    if (typeof code === 'string' && code.startsWith('Z_')) {
      throw new PermanentError(`gzip content is corrupt: ${(error as Error).message}`);
    }
    throw error;
  }
}
