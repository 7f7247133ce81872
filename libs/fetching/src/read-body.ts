import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { FetchError } from './fetch-error';

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotli = promisify(zlib.brotliDecompress);

export interface BodyLimits {
  /** bytes accepted on the wire (compressed) */
  maxBodyBytes: number;
  /** bytes a compressed body may expand to: a gzip bomb stops here */
  maxDecompressedBytes: number;
}

/** What we say we accept; exactly the encodings decodeContent handles. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/**
 * Reads a body stream up to `maxBodyBytes`. Past the cap the stream is destroyed at once (undici then drops the
 * connection), so an endless or huge response costs at most the cap, never memory without bound.
 */
export async function readCapped(
  body: AsyncIterable<Uint8Array> & { destroy?(error?: Error): unknown },
  maxBodyBytes: number,
  url: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBodyBytes) {
      const error = tooLarge(url, `body exceeds the ${maxBodyBytes}-byte limit`);
      body.destroy?.(error);
      throw error;
    }
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  return Buffer.concat(chunks, total);
}

/**
 * Undoes Content-Encoding (applied in the order listed, so undone in reverse). zlib's `maxOutputLength` stops
 * inflating at the cap instead of allocating the whole expansion. `deflate` is tried as zlib first, then raw
 * deflate, because servers send both under that name.
 */
export async function decodeContent(
  body: Buffer,
  contentEncoding: string | null | undefined,
  maxDecompressedBytes: number,
  url: string,
): Promise<Buffer> {
  const encodings = (contentEncoding ?? '')
    .split(',')
    .map((value) => value.trim().toLowerCase())
    .filter((value) => value && value !== 'identity');
  let bytes = body;
  for (const encoding of encodings.reverse()) {
    bytes = await decodeOne(bytes, encoding, maxDecompressedBytes, url);
  }
  return bytes;
}

async function decodeOne(bytes: Buffer, encoding: string, max: number, url: string): Promise<Buffer> {
  const options = { maxOutputLength: max };
  try {
    switch (encoding) {
      case 'gzip':
      case 'x-gzip':
        return await gunzip(bytes, options);
      case 'br':
        return await brotli(bytes, options);
      case 'deflate':
        return await inflate(bytes, options).catch(() => inflateRaw(bytes, options));
      default:
        throw new FetchError('decoding', `${url}: unsupported Content-Encoding ${JSON.stringify(encoding)}`);
    }
  } catch (error) {
    if (error instanceof FetchError) throw error;
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw tooLarge(url, `${encoding} body expands past the ${max}-byte limit`);
    }
    throw new FetchError('decoding', `${url}: corrupt ${encoding} body: ${(error as Error).message}`);
  }
}

function tooLarge(url: string, what: string): FetchError {
  return new FetchError('too-large', `${url}: ${what}`);
}

/** gunzip for dropped `.gz` files, with the same cap and error as HTTP bodies. */
export function gunzipCapped(bytes: Buffer, maxDecompressedBytes: number, name: string): Promise<Buffer> {
  return decodeOne(bytes, 'gzip', maxDecompressedBytes, name);
}
