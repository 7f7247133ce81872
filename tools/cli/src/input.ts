import { readFile, stat } from 'node:fs/promises';

/** The file name that means standard input, as in every Unix tool. */
export const STDIN = '-';

/**
 * The bytes of a file, or of standard input for `-`, refusing more than `maxBytes` (a file is refused from its size
 * before it is read; standard input as soon as it passes the bound, so a runaway pipe cannot exhaust memory).
 */
export async function readInput(
  path: string,
  maxBytes: number,
  stdin?: AsyncIterable<Buffer | string>,
): Promise<Uint8Array> {
  if (path !== STDIN) {
    const { size } = await stat(path);
    if (size > maxBytes) throw new Error(`too-large: file of ${size} bytes (the limit is ${maxBytes})`);
    return readFile(path);
  }
  const chunks: Buffer[] = [];
  let bytes = 0;
  // process.stdin only when asked for: touching it opens the handle, which a file import has no use for.
  for await (const chunk of stdin ?? process.stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytes += buffer.length;
    if (bytes > maxBytes) throw new Error(`too-large: standard input over ${maxBytes} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
