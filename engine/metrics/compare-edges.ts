/**
 * The link half of comparing two runs, after the join (compare-join.ts): the v/c distribution
 * of each run, the links that got most congested or most relieved, and the links one run has
 * alone.
 *
 * Terms: Δ is always B − A. v/c that is not finite (an edge without capacity) counts as 0.
 * Vehicle-km in the distribution are flow × length (veh·km per hour of the period).
 */
import { roadClassName } from '../graph/road-class.ts';
import { edgeKeyOf, vcOf, type EdgeJoin } from './compare-join.ts';
import { EdgeChange, type RunEdges } from './run-result.ts';

/** An edge present in one run only. */
export interface EdgeRef {
  way: number;
  dir: number;
  /** Street name of the way ("Name (ref)"), when the run keeps one. */
  name?: string;
  /** Compass bearing from the edge's tail to its head, degrees (0 north, 90 east). */
  heading: number;
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
  /** Street name of the way ("Name (ref)"), when the runs keep one (compare.ts fills it). */
  name?: string;
  /** Compass bearing from the edge's tail to its head, degrees (0 north, 90 east). */
  heading: number;
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
 * Rows are built for the winners only; keys are made only where a tie needs them.
 */
export function topLinks(a: RunEdges, b: RunEdges, join: EdgeJoin, top: number): { worse: LinkChange[]; better: LinkChange[] } {
  const keys = new Map<number, string>();
  const key = (i: number) => {
    let k = keys.get(i);
    if (k === undefined) keys.set(i, (k = edgeKeyOf(b, join.b[i]!)));
    return k;
  };
  const dv = join.deltaVc;
  const df = join.deltaFlow;
  const best = new Map<number, number>();
  for (let i = 0; i < dv.length; i++) {
    if (!(Math.abs(dv[i]!) > MIN_DELTA_VC)) continue;
    const eb = join.b[i]!;
    // Way ids are integers below 2^52, so way·2 + dir is exact.
    const group = b.osmWayId[eb]! * 2 + b.dir[eb]!;
    const held = best.get(group);
    if (held === undefined || moreChanged(i, held)) best.set(group, i);
  }
  function moreChanged(i: number, j: number): boolean {
    const di = Math.abs(dv[i]!);
    const dj = Math.abs(dv[j]!);
    if (di !== dj) return di > dj;
    const fi = Math.abs(df[i]!);
    const fj = Math.abs(df[j]!);
    if (fi !== fj) return fi > fj;
    return key(i) < key(j);
  }
  const byKey = (x: number, y: number) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0);
  const winners = [...best.values()];
  const worse = winners
    .filter((i) => dv[i]! > 0)
    .sort((x, y) => dv[y]! - dv[x]! || df[y]! - df[x]! || byKey(x, y))
    .slice(0, top);
  // a link closed for a time window carries less traffic because it is closed, not because it improved
  const better = winners
    .filter((i) => dv[i]! < 0 && b.changed[join.b[i]!] !== EdgeChange.ClosedInWindow)
    .sort((x, y) => dv[x]! - dv[y]! || df[x]! - df[y]! || byKey(x, y))
    .slice(0, top);
  const row = (i: number) => linkChange(a, b, join, key(i), i);
  return { worse: worse.map(row), better: better.map(row) };
}

/** Changes of v/c below this are rounding, not change. */
const MIN_DELTA_VC = 1e-6;

function linkChange(a: RunEdges, b: RunEdges, join: EdgeJoin, key: string, i: number): LinkChange {
  const ea = join.a[i]!;
  const eb = join.b[i]!;
  const [lon, lat] = edgeMidpoint(b, eb);
  return {
    way: b.osmWayId[eb]!,
    dir: b.dir[eb]!,
    key,
    heading: edgeHeading(b, eb),
    roadClass: classNameOf(b.roadClass[eb]!),
    deltaVc: join.deltaVc[i]!,
    vcA: vcOf(a.vc[ea]!),
    vcB: vcOf(b.vc[eb]!),
    flowA: a.flowVph[ea]!,
    flowB: b.flowVph[eb]!,
    deltaFlow: join.deltaFlow[i]!,
    lon,
    lat,
    changed: b.changed[eb] !== 0,
  };
}

/** An edge present in one run only, described for lists. */
export function edgeRef(edges: RunEdges, e: number): EdgeRef {
  const [lon, lat] = edgeMidpoint(edges, e);
  return {
    way: edges.osmWayId[e]!,
    dir: edges.dir[e]!,
    key: edgeKeyOf(edges, e),
    heading: edgeHeading(edges, e),
    roadClass: classNameOf(edges.roadClass[e]!),
    lengthM: edges.lengthM[e]!,
    flowVph: edges.flowVph[e]!,
    vc: vcOf(edges.vc[e]!),
    lon,
    lat,
  };
}

/** Compass bearing from an edge's first point to its last, degrees in [0, 360) (planar, lon scaled by cos lat). */
export function edgeHeading(edges: RunEdges, e: number): number {
  const xy = edges.geometryCoords;
  const first = edges.geometryOffsets[e]!;
  const last = edges.geometryOffsets[e + 1]! - 1;
  const k = Math.cos((xy[2 * first + 1]! * Math.PI) / 180);
  const dx = (xy[2 * last]! - xy[2 * first]!) * k;
  const dy = xy[2 * last + 1]! - xy[2 * first + 1]!;
  const deg = (Math.atan2(dx, dy) * 180) / Math.PI;
  return deg < 0 ? deg + 360 : deg;
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

function classNameOf(code: number): string {
  try {
    return roadClassName(code);
  } catch {
    return `class ${code}`;
  }
}
