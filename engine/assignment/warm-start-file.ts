/**
 * The warm-start file of a run: each origin's used edges at equilibrium, compact, under keys
 * that survive a scenario's changes to the network, so a later scenario on the same city can
 * start Algorithm B from them (Bushes.plantWarm repairs what a closure or an added link broke).
 *
 * Why compact: bushes at equilibrium are nearly trees (Porto Alegre's morning peak: 6.5 M used
 * origin–edge pairs, 331 nodes in all where an origin's flow arrives on more than one edge).
 * So a node's single used in-edge is stored as its key alone (weight 1), and only the edges
 * into such merge nodes carry their flow. Keys are delta-coded as varints, and the
 * whole is gzipped: a few bytes per used edge.
 *
 * Keys (the caller's): an edge key ≥ 0 names a road edge of the city's base graph; a negative
 * key names a zone connector. Origins are named by a key as well (their centroid's road node).
 * Version 2 keeps each origin's edges in its bush's order (grouped by head, heads in a
 * topological order), so a scenario plants the bush in one pass with no search or sort
 * (Bushes.plantOrdered); that costs bytes over version 1's sorted keys, which still decode.
 * Layout before gzip: "GMWS", u32 version, u32 origin count; per origin: i32 origin key,
 * varint n, n zigzag-delta varint keys; then version 1: the n keys sorted are the plain edges,
 * and varint k, k × (zigzag-delta varint key, f32 flow) the merge edges; version 2: the n keys
 * are every edge in bush order, and varint k, k × (varint gap in positions, f32 flow) give
 * the merge edges' flows (the others weigh 1).
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { WarmStart } from './algorithm-b-workspace.ts';
import type { AssignmentNetwork } from './network.ts';
import type { OriginFlows } from './origin-paths.ts';
import { sharedCopy } from '../util/shared-array.ts';

const MAGIC = 0x53574d47; // "GMWS" little-endian

/** Encodes origin flows; edgeKey(e) < -1e15 drops edge e, originKey(zone) names an origin. */
export function encodeWarmStart(net: AssignmentNetwork, flows: OriginFlows, edgeKey: (e: number) => number, originKey: (zone: number) => number): Uint8Array {
  const w = new ByteWriter();
  w.u32(MAGIC);
  w.u32(2);
  w.u32(flows.origins.length);
  const inUsed = new Int32Array(net.nodeCount);
  const keys: number[] = [];
  const merge: number[] = [];
  const mergeFlow: number[] = [];
  for (let s = 0; s < flows.origins.length; s++) {
    flows.forEachEdge(s, (e) => inUsed[net.head[e]]++);
    keys.length = 0;
    merge.length = 0;
    mergeFlow.length = 0;
    flows.forEachEdge(s, (e, f) => {
      const key = edgeKey(e);
      if (key < -1e15) return;
      if (inUsed[net.head[e]] > 1) {
        merge.push(keys.length);
        mergeFlow.push(f);
      }
      keys.push(key);
    });
    flows.forEachEdge(s, (e) => (inUsed[net.head[e]] = 0));
    w.i32(originKey(flows.origins[s]));
    w.varint(keys.length);
    let last = 0;
    for (const k of keys) {
      w.zigzag(k - last);
      last = k;
    }
    w.varint(merge.length);
    last = 0;
    for (let i = 0; i < merge.length; i++) {
      w.varint(merge[i] - last);
      last = merge[i];
      w.f32(mergeFlow[i]);
    }
  }
  return gzipSync(w.bytes(), { level: 1 });
}

/**
 * Decodes a warm-start file onto a network: edgeOf(key) gives the network's edge for a key
 * (-1 where it no longer exists), zoneOf(originKey) the origin zone (-1 where none). Throws on
 * a file that is not one (the caller then starts cold and says why).
 */
export function decodeWarmStart(bytes: Uint8Array, edgeOf: (key: number) => number, zoneOf: (originKey: number) => number): WarmStart {
  const buf = gunzipSync(bytes);
  const r = new ByteReader(buf);
  if (r.u32() !== MAGIC) throw new Error('not a gemeo warm-start file (bad magic)');
  const version = r.u32();
  if (version !== 1 && version !== 2) throw new Error(`warm-start file version ${version}; expected 1 or 2`);
  const count = r.u32();
  const zones = new Int32Array(count);
  const rowStart = new Uint32Array(count + 1);
  // Every key takes at least a byte, so the file's length bounds the edge count: the columns are
  // reserved at that size, shared from the start (a worker pool reads them without a copy; pages
  // never written take no memory).
  const bound = Math.max(0, buf.length - 12);
  const edges = new Int32Array(new SharedArrayBuffer(4 * bound));
  const weights = new Float32Array(new SharedArrayBuffer(4 * bound));
  let n = 0;
  let rows = 0;
  for (let i = 0; i < count; i++) {
    const zone = zoneOf(r.i32());
    const rowFrom = n;
    let key = 0;
    for (let k = r.varint(); k > 0; k--) {
      key += r.zigzag();
      edges[n] = edgeOf(key);
      weights[n++] = 1;
    }
    if (version === 1) {
      key = 0;
      for (let k = r.varint(); k > 0; k--) {
        key += r.zigzag();
        edges[n] = edgeOf(key);
        weights[n++] = r.f32();
      }
    } else {
      let at = rowFrom;
      for (let k = r.varint(); k > 0; k--) {
        at += r.varint();
        if (at >= n) throw new Error('warm-start file: a merge edge past the end of its origin');
        weights[at] = r.f32();
      }
    }
    if (zone < 0) {
      n = rowFrom;
      continue;
    }
    // edges that no longer exist drop out, in place (the order of the rest is kept)
    let w = rowFrom;
    for (let q = rowFrom; q < n; q++) {
      if (edges[q] < 0) continue;
      edges[w] = edges[q];
      weights[w++] = weights[q];
    }
    n = w;
    zones[rows++] = zone;
    rowStart[rows] = n;
  }
  return { zone: sharedCopy(zones.subarray(0, rows)), rowStart: sharedCopy(rowStart.subarray(0, rows + 1)), edge: edges.subarray(0, n), weight: weights.subarray(0, n), ordered: version === 2 };
}

class ByteWriter {
  private buf = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  private at = 0;
  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.at + n));
    next.set(this.buf.subarray(0, this.at));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  u32(v: number): void {
    this.room(4);
    this.view.setUint32(this.at, v, true);
    this.at += 4;
  }
  i32(v: number): void {
    this.room(4);
    this.view.setInt32(this.at, v, true);
    this.at += 4;
  }
  f32(v: number): void {
    this.room(4);
    this.view.setFloat32(this.at, v, true);
    this.at += 4;
  }
  varint(v: number): void {
    this.room(8);
    while (v >= 0x80) {
      this.buf[this.at++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.at++] = v;
  }
  zigzag(v: number): void {
    this.varint(v >= 0 ? 2 * v : -2 * v - 1);
  }
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.at);
  }
}

class ByteReader {
  private readonly view: DataView;
  private at = 0;
  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  private need(n: number): void {
    if (this.at + n > this.buf.length) throw new Error('warm-start file ends early');
  }
  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.at, true);
    this.at += 4;
    return v;
  }
  i32(): number {
    this.need(4);
    const v = this.view.getInt32(this.at, true);
    this.at += 4;
    return v;
  }
  f32(): number {
    this.need(4);
    const v = this.view.getFloat32(this.at, true);
    this.at += 4;
    return v;
  }
  varint(): number {
    const buf = this.buf;
    let at = this.at;
    let v = 0;
    let scale = 1;
    for (;;) {
      if (at >= buf.length) throw new Error('warm-start file ends early');
      const b = buf[at++];
      v += (b & 0x7f) * scale;
      if (b < 0x80) {
        this.at = at;
        return v;
      }
      scale *= 0x80;
    }
  }
  zigzag(): number {
    const v = this.varint();
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }
}
