// Reads one file out of a zip archive (a Python wheel) in memory, so a build script can take the wheel as
// downloaded. Supports what wheels use: stored or deflated entries, no zip64, no encryption.
import { inflateRawSync } from 'node:zlib';

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/** The bytes of the entry named `name` (its path inside the archive); an error if it is absent. */
export function readZipEntry(zip: Buffer, name: string): Buffer {
  // The end-of-directory record is the last 22 bytes, unless an archive comment (up to 64 KiB) follows it.
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new Error('zip: no end-of-directory record (not a zip file?)');
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let k = 0; k < entries; k++) {
    if (zip.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new Error(`zip: bad directory entry at byte ${at}`);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const entryName = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (entryName !== name) continue;
    if (zip.readUInt32LE(localOffset) !== LOCAL_HEADER) throw new Error(`zip: bad local header for ${name}`);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    if (method === 0) return Buffer.from(data);
    if (method === 8) return inflateRawSync(data);
    throw new Error(`zip: ${name} uses compression method ${method}, not stored (0) or deflate (8)`);
  }
  throw new Error(`zip: no entry ${name}`);
}
