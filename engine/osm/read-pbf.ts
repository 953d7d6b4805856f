/**
 * readPbf: an OSM `.osm.pbf` file → OsmExtract, on `PbfReader` (pbf@5) and zlib.
 * File layout: a sequence of blocks, each a 4-byte big-endian BlobHeader length, a BlobHeader
 * (type "OSMHeader" | "OSMData", datasize) and a Blob (raw or zlib bytes). The first block is
 * the HeaderBlock, whose required_features must all be ones this reader handles; the others are
 * PrimitiveBlocks, decoded by BlockReader (pbf-block.ts). Relations are counted and skipped.
 */
import { inflateSync } from 'node:zlib';
import { PbfReader } from 'pbf';
import { ExtractBuilder } from './extract-builder.ts';
import { readInputBytes } from '../util/input-file.ts';
import type { OsmExtract } from './osm-extract.ts';
import { InputError } from '../util/input-error.ts';
import { BlockReader } from './pbf-block.ts';

/** Reads a pbf file (or the given bytes of it, `file` then only names it in messages). */
export function readPbf(file: string, bytes?: Uint8Array): OsmExtract {
  const data = bytes ?? readInputBytes(file);
  if (data.length === 0) throw new InputError(file, 'the file is empty (0 bytes)');
  // ≈ 20 bytes a node in a compressed extract: start near the final size, grow if needed
  const out = new ExtractBuilder(data.length >>> 4);
  const block = new BlockReader(file, out);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let pos = 0;
  let index = 0;
  let timestamp: string | undefined;
  while (pos < data.length) {
    const at = pos;
    if (pos + 4 > data.length) throw truncated(file, index, at, 4, data.length);
    const headerSize = view.getUint32(pos);
    pos += 4;
    if (headerSize === 0 || headerSize > MAX_HEADER_SIZE) {
      throw new InputError(
        file,
        `byte ${at}: block ${index} declares a ${headerSize}-byte header; expected an OSM PBF block (corrupt or not a pbf file)`,
      );
    }
    if (pos + headerSize > data.length) throw truncated(file, index, at, 4 + headerSize, data.length);
    const header = readBlobHeader(file, index, at, data.subarray(pos, pos + headerSize));
    pos += headerSize;
    if (header.dataSize > MAX_BLOB_SIZE) {
      throw new InputError(file, `byte ${at}: block ${index} declares ${header.dataSize} bytes, over the 32 MiB limit of the format`);
    }
    if (pos + header.dataSize > data.length) {
      throw truncated(file, index, at, 4 + headerSize + header.dataSize, data.length);
    }
    const blob = data.subarray(pos, pos + header.dataSize);
    pos += header.dataSize;

    if (index === 0 && header.type !== 'OSMHeader') {
      throw new InputError(file, `the first block is "${header.type}", expected "OSMHeader" (not an OSM PBF file)`);
    }
    try {
      if (header.type === 'OSMHeader') {
        timestamp = readHeaderBlock(file, inflateBlob(file, index, at, blob));
      } else if (header.type === 'OSMData') {
        block.read(inflateBlob(file, index, at, blob), index);
      } // the format says readers skip block types they do not know
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(file, `block ${index} at byte ${at}: corrupt data (${(error as Error).message})`);
    }
    index++;
  }
  return out.finish(timestamp === undefined ? { format: 'pbf', file } : { format: 'pbf', file, timestamp });
}

/** Features a HeaderBlock may require that this reader handles (history is read as plain data). */
const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes', 'HistoricalInformation']);
const MAX_HEADER_SIZE = 64 * 1024;
const MAX_BLOB_SIZE = 32 * 1024 * 1024;

function truncated(file: string, index: number, at: number, need: number, size: number): InputError {
  return new InputError(
    file,
    `truncated: block ${index} at byte ${at} needs ${need} bytes but the file ends at byte ${size} (incomplete download?)`,
  );
}

interface BlobHeader {
  type: string;
  dataSize: number;
}

function readBlobHeader(file: string, index: number, at: number, bytes: Uint8Array): BlobHeader {
  let header: BlobHeader;
  try {
    header = new PbfReader(bytes).readFields(readBlobHeaderField, { type: '', dataSize: 0 });
  } catch (error) {
    throw new InputError(file, `block ${index} at byte ${at}: corrupt block header (${(error as Error).message})`);
  }
  if (header.type === '' || !Number.isSafeInteger(header.dataSize) || header.dataSize < 0) {
    throw new InputError(file, `block ${index} at byte ${at}: corrupt block header (no type or size); not an OSM PBF file?`);
  }
  return header;
}

function readBlobHeaderField(tag: number, header: BlobHeader, pbf: PbfReader): void {
  if (tag === 1) header.type = pbf.readString();
  else if (tag === 3) header.dataSize = pbf.readVarint();
}

interface Blob {
  raw?: Uint8Array;
  rawSize: number;
  zlib?: Uint8Array;
  other?: string;
}

const BLOB_COMPRESSIONS: Record<number, string> = { 4: 'lzma', 5: 'bzip2', 6: 'lz4', 7: 'zstd' };

function readBlobField(tag: number, blob: Blob, pbf: PbfReader): void {
  if (tag === 1) blob.raw = pbf.readBytes();
  else if (tag === 2) blob.rawSize = pbf.readVarint();
  else if (tag === 3) blob.zlib = pbf.readBytes();
  else if (BLOB_COMPRESSIONS[tag] !== undefined) blob.other = BLOB_COMPRESSIONS[tag];
}

function inflateBlob(file: string, index: number, at: number, bytes: Uint8Array): Uint8Array {
  const blob = new PbfReader(bytes).readFields(readBlobField, { rawSize: 0 } as Blob);
  if (blob.raw !== undefined) return blob.raw;
  if (blob.zlib !== undefined) {
    let inflated: Uint8Array;
    try {
      inflated = inflateSync(blob.zlib);
    } catch (error) {
      throw new InputError(file, `block ${index} at byte ${at}: corrupt zlib data (${(error as Error).message})`);
    }
    if (blob.rawSize !== 0 && inflated.length !== blob.rawSize) {
      throw new InputError(file, `block ${index} at byte ${at}: inflated to ${inflated.length} bytes, header says ${blob.rawSize}`);
    }
    return inflated;
  }
  if (blob.other !== undefined) {
    throw new InputError(
      file,
      `block ${index} uses ${blob.other} compression; this reader reads zlib or uncompressed blocks (convert with \`osmium cat in.osm.pbf -o out.osm.pbf\`)`,
    );
  }
  throw new InputError(file, `block ${index} at byte ${at} holds no data`);
}

interface HeaderInfo {
  required: string[];
  replicationTime: number;
}

function readHeaderField(tag: number, header: HeaderInfo, pbf: PbfReader): void {
  if (tag === 4) header.required.push(pbf.readString());
  else if (tag === 32) header.replicationTime = pbf.readVarint(true);
}

/** Checks required_features; returns the replication timestamp (ISO) when the file has one. */
function readHeaderBlock(file: string, bytes: Uint8Array): string | undefined {
  const header = new PbfReader(bytes).readFields(readHeaderField, { required: [], replicationTime: 0 });
  const unknown = header.required.filter((feature) => !SUPPORTED_FEATURES.has(feature));
  if (unknown.length > 0) {
    throw new InputError(
      file,
      `requires the pbf feature(s) ${unknown.join(', ')}, which this reader cannot read (it reads ${[...SUPPORTED_FEATURES].join(', ')})`,
    );
  }
  return header.replicationTime > 0 ? new Date(header.replicationTime * 1000).toISOString() : undefined;
}
