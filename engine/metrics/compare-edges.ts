/**
 * The link half of comparing two runs: join their edges, the v/c distribution of each, and the
 * links that got most congested or most relieved.
 *
 * Terms: an edge is matched across runs by edgeKey(way, dir, first geometry point, last
 * geometry point); edges only in run A were removed (closed) by B, edges only in B were added.
 * Δ is always B − A. v/c that is not a number (an edge without capacity) counts as 0.
 * vehicle-km in the distribution are flow × length (veh·km per hour of the period).
 */
import { roadClassName } from '../graph/road-class.ts';
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

/** An edge present in one run only. */
export interface EdgeRef {
  way: number;
  dir: number;
  key: string;
  roadClass: string;
  lengthM: number;
  flowVph: number;
  vc: number;
  lon: number;
  lat: number;
}

/** One row of the top lists: a way and direction, represented by its most changed edge. */
export interface LinkChange {
  way: number;
  dir: number;
  /** Street names are not stored in runs; kept for when they are. */
  name?: string;
  key: string;
  roadClass: string;
  deltaVc: number;
  vcA: number;
  vcB: number;
  flowA: number;
  flowB: number;
  deltaFlow: number;
  /** Midpoint of the edge along its polyline. */
  lon: number;
  lat: number;
  /** True where an intervention of run B touched the edge. */
  changed: boolean;
}

/** Inner limits of the v/c bins: [0, .25) [.25, .5) [.5, .75) [.75, .9) [.9, 1) [1, 1.25) [1.25, ∞). */
export const VC_BIN_LIMITS: readonly number[] = [0.25, 0.5, 0.75, 0.9, 1.0, 1.25];

export interface VcHistogram {
  /** Edges per bin. */
  edges: number[];
  /** Vehicle-km per hour per bin. */
  vkm: number[];
}

export interface VcDistribution {
  limits: number[];
  a: VcHistogram;
  b: VcHistogram;
  delta: VcHistogram;
}

export class CompareError extends Error {
  override name = 'CompareError';
}

/** Joins A's and B's edges by edgeKey; a key seen twice in one run gets a "#n" suffix in edge order. */
export function joinEdges(a: RunEdges, b: RunEdges): EdgeJoin {
  const keysA = edgeKeys(a, 'A');
  const keysB = edgeKeys(b, 'B');
  const indexB = new Map<string, number>();
  for (let e = 0; e < b.count; e++) indexB.set(keysB[e]!, e);
  const matchedB = new Uint8Array(b.count);
  const pairA: number[] = [];
  const pairB: number[] = [];
  const onlyA: number[] = [];
  for (let e = 0; e < a.count; e++) {
    const j = indexB.get(keysA[e]!);
    if (j === undefined) onlyA.push(e);
    else {
      pairA.push(e);
      pairB.push(j);
      matchedB[j] = 1;
    }
  }
  const onlyB: number[] = [];
  for (let e = 0; e < b.count; e++) if (matchedB[e] === 0) onlyB.push(e);
  const n = pairA.length;
  const join: EdgeJoin = {
    a: Int32Array.from(pairA),
    b: Int32Array.from(pairB),
    deltaVc: new Float32Array(n),
    deltaFlow: new Float64Array(n),
    onlyA: Int32Array.from(onlyA),
    onlyB: Int32Array.from(onlyB),
  };
  for (let i = 0; i < n; i++) {
    const ea = join.a[i]!;
    const eb = join.b[i]!;
    join.deltaVc[i] = vcOf(b.vc[eb]!) - vcOf(a.vc[ea]!);
    join.deltaFlow[i] = b.flowVph[eb]! - a.flowVph[ea]!;
  }
  return join;
}

/** The join key of every edge of a run (see joinEdges for duplicates). */
export function edgeKeys(edges: RunEdges, run: string): string[] {
  const keys: string[] = new Array<string>(edges.count);
  const seen = new Map<string, number>();
  const off = edges.geometryOffsets;
  const xy = edges.geometryCoords;
  for (let e = 0; e < edges.count; e++) {
    const first = off[e]!;
    const last = off[e + 1]! - 1;
    if (!(last > first)) throw new CompareError(`run ${run}: edge ${e} has ${last - first + 1} geometry points, expected at least 2`);
    let key = edgeKey(edges.osmWayId[e]!, edges.dir[e]!, xy[2 * first]!, xy[2 * first + 1]!, xy[2 * last]!, xy[2 * last + 1]!);
    const times = seen.get(key) ?? 0;
    seen.set(key, times + 1);
    if (times > 0) key = `${key}#${times}`;
    keys[e] = key;
  }
  return keys;
}

/** v/c histograms of both runs over all of each run's edges, and their change. */
export function vcDistribution(a: RunEdges, b: RunEdges): VcDistribution {
  const ha = vcHistogram(a);
  const hb = vcHistogram(b);
  return {
    limits: [...VC_BIN_LIMITS],
    a: ha,
    b: hb,
    delta: { edges: hb.edges.map((v, i) => v - ha.edges[i]!), vkm: hb.vkm.map((v, i) => v - ha.vkm[i]!) },
  };
}

export function vcHistogram(edges: RunEdges): VcHistogram {
  const bins = VC_BIN_LIMITS.length + 1;
  const counts = new Array<number>(bins).fill(0);
  const vkm = new Array<number>(bins).fill(0);
  for (let e = 0; e < edges.count; e++) {
    const bin = vcBin(vcOf(edges.vc[e]!));
    counts[bin]!++;
    vkm[bin]! += (edges.flowVph[e]! * edges.lengthM[e]!) / 1000;
  }
  return { edges: counts, vkm };
}

export function vcBin(vc: number): number {
  let bin = 0;
  while (bin < VC_BIN_LIMITS.length && vc >= VC_BIN_LIMITS[bin]!) bin++;
  return bin;
}

/**
 * The `top` most worsened (Δv/c > 0, largest first) and most improved (Δv/c < 0, most negative
 * first) ways. The edges of one way and direction collapse into one row: the edge with the
 * largest |Δv/c| (then the largest |Δflow|, then the smallest key), so a long avenue split into
 * many edges takes one place in the list, not ten. Ties in the ranking go by Δflow, then key.
 */
export function topLinks(a: RunEdges, b: RunEdges, join: EdgeJoin, keysB: string[], top: number): { worse: LinkChange[]; better: LinkChange[] } {
  const best = new Map<string, number>();
  for (let i = 0; i < join.a.length; i++) {
    if (!(Math.abs(join.deltaVc[i]!) > MIN_DELTA_VC)) continue;
    const eb = join.b[i]!;
    const group = `${b.osmWayId[eb]}:${b.dir[eb]}`;
    const held = best.get(group);
    if (held === undefined || moreChanged(join, keysB, i, held)) best.set(group, i);
  }
  const rows = [...best.values()].map((i) => linkChange(a, b, join, keysB, i));
  const byKey = (x: LinkChange, y: LinkChange) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);
  const worse = rows
    .filter((r) => r.deltaVc > 0)
    .sort((x, y) => y.deltaVc - x.deltaVc || y.deltaFlow - x.deltaFlow || byKey(x, y))
    .slice(0, top);
  const better = rows
    .filter((r) => r.deltaVc < 0)
    .sort((x, y) => x.deltaVc - y.deltaVc || x.deltaFlow - y.deltaFlow || byKey(x, y))
    .slice(0, top);
  return { worse, better };
}

/** Changes of v/c below this are rounding, not change. */
const MIN_DELTA_VC = 1e-6;

function moreChanged(join: EdgeJoin, keys: string[], i: number, j: number): boolean {
  const di = Math.abs(join.deltaVc[i]!);
  const dj = Math.abs(join.deltaVc[j]!);
  if (di !== dj) return di > dj;
  const fi = Math.abs(join.deltaFlow[i]!);
  const fj = Math.abs(join.deltaFlow[j]!);
  if (fi !== fj) return fi > fj;
  return keys[join.b[i]!]! < keys[join.b[j]!]!;
}

function linkChange(a: RunEdges, b: RunEdges, join: EdgeJoin, keysB: string[], i: number): LinkChange {
  const ea = join.a[i]!;
  const eb = join.b[i]!;
  const [lon, lat] = edgeMidpoint(b, eb);
  return {
    way: b.osmWayId[eb]!,
    dir: b.dir[eb]!,
    key: keysB[eb]!,
    roadClass: classNameOf(b.roadClass[eb]!),
    deltaVc: join.deltaVc[i]!,
    vcA: vcOf(a.vc[ea]!),
    vcB: vcOf(b.vc[eb]!),
    flowA: a.flowVph[ea]!,
    flowB: b.flowVph[eb]!,
    deltaFlow: join.deltaFlow[i]!,
    lon,
    lat,
    changed: b.changed[eb] === 1,
  };
}

/** An edge present in one run only, described for lists. */
export function edgeRef(edges: RunEdges, keys: string[], e: number): EdgeRef {
  const [lon, lat] = edgeMidpoint(edges, e);
  return {
    way: edges.osmWayId[e]!,
    dir: edges.dir[e]!,
    key: keys[e]!,
    roadClass: classNameOf(edges.roadClass[e]!),
    lengthM: edges.lengthM[e]!,
    flowVph: edges.flowVph[e]!,
    vc: vcOf(edges.vc[e]!),
    lon,
    lat,
  };
}

/** The point halfway along an edge's polyline (planar, lon scaled by cos lat). */
export function edgeMidpoint(edges: RunEdges, e: number): [number, number] {
  const xy = edges.geometryCoords;
  const first = edges.geometryOffsets[e]!;
  const last = edges.geometryOffsets[e + 1]! - 1;
  const k = Math.cos((xy[2 * first + 1]! * Math.PI) / 180);
  let total = 0;
  for (let p = first; p < last; p++) total += segment(xy, p, k);
  let half = total / 2;
  for (let p = first; p < last; p++) {
    const s = segment(xy, p, k);
    if (s > 0 && half <= s) {
      const t = half / s;
      return [xy[2 * p]! + t * (xy[2 * p + 2]! - xy[2 * p]!), xy[2 * p + 1]! + t * (xy[2 * p + 3]! - xy[2 * p + 1]!)];
    }
    half -= s;
  }
  return [xy[2 * first]!, xy[2 * first + 1]!];
}

function segment(xy: Float64Array, p: number, k: number): number {
  return Math.hypot((xy[2 * p + 2]! - xy[2 * p]!) * k, xy[2 * p + 3]! - xy[2 * p + 1]!);
}

export function vcOf(vc: number): number {
  return Number.isFinite(vc) ? vc : 0;
}

function classNameOf(code: number): string {
  try {
    return roadClassName(code);
  } catch {
    return `class ${code}`;
  }
}
