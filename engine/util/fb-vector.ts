/**
 * Typed-array columns in flatbuffers: writing one as a vector with a single byte copy (the
 * generated code adds element by element). Shared by the graph and result file codecs.
 */
import type * as flatbuffers from 'flatbuffers';

export type Column = Float64Array | Float32Array | Uint32Array | Int32Array | Uint8Array;
export type ColumnCtor = Float64ArrayConstructor | Float32ArrayConstructor | Uint32ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor;

/** Writes a typed array as a flatbuffers vector with one byte copy. */
export function typedVector(b: flatbuffers.Builder, data: Column): flatbuffers.Offset {
  const size = data.BYTES_PER_ELEMENT;
  b.startVector(size, data.length, size);
  // Builder keeps `bb` and `space` private; this mirrors its own createByteVector.
  const inner = b as unknown as { bb: flatbuffers.ByteBuffer; space: number };
  inner.space -= data.byteLength;
  inner.bb.setPosition(inner.space);
  inner.bb.bytes().set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), inner.space);
  return b.endVector();
}
