/**
 * A small ZIP reader: the entries of an archive held in memory, by name. Stored and deflated
 * entries only (all a GTFS feed uses), inflated with node:zlib, so no dependency is needed.
 * Reads the central directory (end record, then one header per entry); a damaged or
 * unsupported archive is refused with one line naming the file.
 */
import { inflateRawSync } from 'node:zlib';
import { GtfsError } from './gtfs-error.ts';

const END_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

/** Every file in the archive (folders left out), name → bytes. */
export function readZip(bytes: Uint8Array, file: string): Map<string, Buffer> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === END_SIG) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new GtfsError(`${file}: not a ZIP archive (no end of central directory)`);
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const out = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL_SIG) throw new GtfsError(`${file}: damaged ZIP central directory at entry ${n + 1}`);
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    at += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue;
    if (buf.readUInt32LE(local) !== LOCAL_SIG) throw new GtfsError(`${file}: damaged ZIP entry ${name}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + compressed);
    if (method === 0) out.set(name, Buffer.from(data));
    else if (method === 8) out.set(name, inflateRawSync(data));
    else throw new GtfsError(`${file}: ZIP entry ${name} uses compression method ${method}, expected stored (0) or deflate (8)`);
    if (out.get(name)!.length !== size) throw new GtfsError(`${file}: ZIP entry ${name} inflates to ${out.get(name)!.length} bytes, expected ${size}`);
  }
  return out;
}
