import { MAX_DECOMPRESSED_BYTES, type RawDocument } from '@inkstream/contracts';
import { gunzipSync } from 'node:zlib';

// Bound on what a compressed raw document may expand to (a gzip bomb must not take the splitter down): the shared
// limit of `@inkstream/contracts`.
export { MAX_DECOMPRESSED_BYTES };

export function rawContent(raw: RawDocument): string {
  if (raw.encoding === 'utf8') return raw.content;
  const bytes = gunzipSync(Buffer.from(raw.content, 'base64'), { maxOutputLength: MAX_DECOMPRESSED_BYTES });
  return bytes.toString('utf8');
}
