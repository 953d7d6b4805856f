/**
 * Joining the edges of two runs: an edge of A and an edge of B are the same link when they
 * share OSM way id, direction and the positions of their first and last geometry points to six
 * decimals — the fields of edgeKey() in run-result.ts — so runs on graphs with closed, added or
 * reversed links still line up. Edges only in A were removed (closed) by B; edges only in B
 * were added.
 *
 * The join hashes those fields as integers (micro-degrees) in an open-addressing table instead
 * of building a key string per edge: on a city of 30,000 links that is the difference between
 * a few milliseconds and most of a second. Positions are rounded half up, where toFixed rounds
 * a binary tie its own way; runs on one base graph carry identical coordinates, so both agree.
 * A key repeated within one run (parallel edges) matches its k-th occurrence to the k-th.
 */
import { edgeKey, type RunEdges } from './run-result.ts';

/** Matched edges as index pairs in A's edge order, plus the edges each run has alone. */
export interface EdgeJoin {
  a: Int32Array;
  b: Int32Array;
  /** vcB − vcA and flowB − flowA of each matched pair. */
  deltaVc: Float32Array;
  deltaFlow: Float64Array;
  onlyA: Int32Array;
  onlyB: Int32Array;
}

export class CompareError extends Error {
  override name = 'CompareError';
}

export function joinEdges(a: RunEdges, b: RunEdges): EdgeJoin {
  const endsA = endpoints(a, 'A');
  const endsB = endpoints(b, 'B');
  let size = 16;
  while (size < 2 * b.count) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(size).fill(-1);
  for (let e = 0; e < b.count; e++) {
    let h = hash(b, endsB, e) & mask;
    while (table[h] !== -1) h = (h + 1) & mask;
    table[h] = e;
  }
  const matchedB = new Uint8Array(b.count);
  const pairA = new Int32Array(a.count);
  const pairB = new Int32Array(a.count);
  const onlyA = new Int32Array(a.count);
  let pairs = 0;
  let alone = 0;
  for (let e = 0; e < a.count; e++) {
    let h = hash(a, endsA, e) & mask;
    let found = -1;
    for (let j = table[h]!; j !== -1; h = (h + 1) & mask, j = table[h]!) {
      if (matchedB[j] === 0 && same(a, endsA, e, b, endsB, j)) {
        found = j;
        break;
      }
    }
    if (found < 0) onlyA[alone++] = e;
    else {
      pairA[pairs] = e;
      pairB[pairs++] = found;
      matchedB[found] = 1;
    }
  }
  const onlyB = new Int32Array(b.count - pairs);
  for (let e = 0, k = 0; e < b.count; e++) if (matchedB[e] === 0) onlyB[k++] = e;
  const join: EdgeJoin = {
    a: pairA.slice(0, pairs),
    b: pairB.slice(0, pairs),
    deltaVc: new Float32Array(pairs),
    deltaFlow: new Float64Array(pairs),
    onlyA: onlyA.slice(0, alone),
    onlyB,
  };
  for (let i = 0; i < pairs; i++) {
    const ea = join.a[i]!;
    const eb = join.b[i]!;
    join.deltaVc[i] = vcOf(b.vc[eb]!) - vcOf(a.vc[ea]!);
    join.deltaFlow[i] = b.flowVph[eb]! - a.flowVph[ea]!;
  }
  return join;
}

/** The edgeKey of edge e, from its first and last geometry points. */
export function edgeKeyOf(edges: RunEdges, e: number): string {
  const xy = edges.geometryCoords;
  const first = edges.geometryOffsets[e]!;
  const last = edges.geometryOffsets[e + 1]! - 1;
  return edgeKey(edges.osmWayId[e]!, edges.dir[e]!, xy[2 * first]!, xy[2 * first + 1]!, xy[2 * last]!, xy[2 * last + 1]!);
}

/** v/c as compared: a value that is not finite (an edge without capacity) counts as 0. */
export function vcOf(vc: number): number {
  return Number.isFinite(vc) ? vc : 0;
}

/** First and last point of every edge in micro-degrees: lon0, lat0, lon1, lat1 per edge. */
function endpoints(edges: RunEdges, run: string): Int32Array {
  const out = new Int32Array(4 * edges.count);
  const off = edges.geometryOffsets;
  const xy = edges.geometryCoords;
  for (let e = 0; e < edges.count; e++) {
    const first = off[e]!;
    const last = off[e + 1]! - 1;
    if (!(last > first)) throw new CompareError(`run ${run}: edge ${e} has ${last - first + 1} geometry points, expected at least 2`);
    out[4 * e] = Math.round(xy[2 * first]! * 1e6);
    out[4 * e + 1] = Math.round(xy[2 * first + 1]! * 1e6);
    out[4 * e + 2] = Math.round(xy[2 * last]! * 1e6);
    out[4 * e + 3] = Math.round(xy[2 * last + 1]! * 1e6);
  }
  return out;
}

function hash(edges: RunEdges, ends: Int32Array, e: number): number {
  const way = edges.osmWayId[e]!;
  let h = mix(0x811c9dc5, way | 0);
  h = mix(h, Math.floor(way / 4294967296) | 0);
  h = mix(h, edges.dir[e]!);
  for (let k = 0; k < 4; k++) h = mix(h, ends[4 * e + k]!);
  return (h ^ (h >>> 16)) >>> 0;
}

function mix(h: number, v: number): number {
  h = Math.imul(h ^ v, 0x9e3779b1);
  return h ^ (h >>> 15);
}

function same(a: RunEdges, endsA: Int32Array, i: number, b: RunEdges, endsB: Int32Array, j: number): boolean {
  return (
    a.osmWayId[i] === b.osmWayId[j] &&
    a.dir[i] === b.dir[j] &&
    endsA[4 * i] === endsB[4 * j] &&
    endsA[4 * i + 1] === endsB[4 * j + 1] &&
    endsA[4 * i + 2] === endsB[4 * j + 2] &&
    endsA[4 * i + 3] === endsB[4 * j + 3]
  );
}
