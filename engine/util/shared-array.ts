/** Typed arrays over SharedArrayBuffers, which worker threads read without a copy. */

type Typed = Uint8Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/** The same array if it already lives in a SharedArrayBuffer, else a shared copy of it. */
export function sharedCopy<T extends Typed>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const copy = new (a.constructor as new (b: SharedArrayBuffer, offset: number, length: number) => T)(new SharedArrayBuffer(Math.max(a.BYTES_PER_ELEMENT, a.byteLength)), 0, a.length);
  copy.set(a as never);
  return copy;
}
