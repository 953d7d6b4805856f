/**
 * Bus patterns on the road graph: each pattern's stops snapped to edges and the hops between
 * consecutive stops routed along the pattern's GTFS shape.
 *
 * How: the edges within `shapeBufferM` of the shape (points every 20 m, nearest edges by true
 * segment distance in the rbush edge index) are "on the shape". A stop may snap to the nearest
 * `maxCandidates` edges within `stopSnapM` that are on the shape and run the way the shape runs
 * there (within 90°; else to the nearest such edge at all): a stop between a street's
 * carriageway and a bus corridor in its median has both. A hop between two candidates is the
 * shortest path (A*) from the head of the one stop's edge to the tail of the next one's, where
 * an edge off the shape costs `offShapePenalty` times its length, or a run along one edge when
 * the next stop lies ahead on it; a hop longer than `maxDetour` × the straight line + 300 m
 * does not count, nor, when there is a shape, one running more than `maxOffShapeM` off it.
 * Over the whole pattern the candidates are chosen together (Viterbi): most hops matched, then
 * the least routed cost plus snapping distance. A hop with no valid pair of
 * candidates, or with a stop that snaps nowhere, is left unmatched. Without a shape every edge
 * counts as on it.
 *
 * Terms: hop h runs from stop h to stop h + 1 of the pattern; its pieces are
 * `pieceEdge[hopStart[h] .. hopStart[h + 1] - 1]`, each with the share of the edge's length the
 * bus runs (the stop edges partly, from or to the stop's point; the edges between in full).
 */
import type { RoadGraph } from '../graph/road-graph.ts';
import { AStar, minCostPerMetre } from '../routing/astar.ts';
import type { EdgeIndex } from '../spatial/edge-index.ts';
import { haversineM, M_PER_DEG, metresPerDegreeLon } from '../spatial/geo.ts';
import type { Timetable } from './timetable.ts';

export interface MatchOptions {
  shapeBufferM: number;
  stopSnapM: number;
  offShapePenalty: number;
  maxDetour: number;
  /** Edges on the shape a stop may snap to, nearest first; the hops between stops choose. */
  maxCandidates: number;
  /**
   * How far a stop may lie behind the one before on the same edge and still count as ahead: the
   * feed lists some stops of one stop group against the running order (EPTC 1603 then 5575, 47 m
   * back along the shape).
   */
  backtrackM: number;
  /** Metres a hop may run off the shape: beyond, the shape says nothing of its way (T9 ends 6 km short of its last stop). */
  maxOffShapeM: number;
}

export const DEFAULT_MATCH: MatchOptions = { shapeBufferM: 25, stopSnapM: 60, offShapePenalty: 5, maxDetour: 3, maxCandidates: 3, backtrackM: 50, maxOffShapeM: 1000 };

interface Snap {
  edge: number;
  fraction: number;
  distM: number;
}

const NO_SNAP: Snap = { edge: -1, fraction: 0, distM: 0 };

interface Hop {
  edges: number[];
  shares: number[];
  cost: number;
}

/**
 * Viterbi over the stops' candidate edges: the candidate of each stop such that most hops are
 * matched, then the hops' routed cost plus the snapping distances is least. A stop with no
 * candidate has one that matches no hop. `pairsOf[h][j][k]`: the hop from candidate j of stop
 * h to candidate k of stop h + 1, or null.
 */
function chooseSnaps(candidates: readonly Snap[][], pairsOf: readonly (Hop | null)[][][]): Int32Array {
  const n = candidates.length;
  const choice = new Int32Array(n);
  if (n === 0) return choice;
  const backOf: Int32Array[] = [];
  let matchedTo = candidates[0].map(() => 0);
  let costTo = candidates[0].map((c) => c.distM);
  for (let h = 0; h + 1 < n; h++) {
    const A = candidates[h];
    const B = candidates[h + 1];
    const m = new Array<number>(B.length).fill(-1);
    const c = new Array<number>(B.length).fill(Infinity);
    const back = new Int32Array(B.length);
    for (let k = 0; k < B.length; k++) {
      for (let j = 0; j < A.length; j++) {
        const hop = pairsOf[h][j][k];
        const mm = matchedTo[j] + (hop ? 1 : 0);
        const cc = costTo[j] + (hop?.cost ?? 0) + B[k].distM;
        if (better(mm, cc, m[k], c[k])) [m[k], c[k], back[k]] = [mm, cc, j];
      }
    }
    backOf.push(back);
    matchedTo = m;
    costTo = c;
  }
  for (let j = 1; j < matchedTo.length; j++) if (better(matchedTo[j], costTo[j], matchedTo[choice[n - 1]], costTo[choice[n - 1]])) choice[n - 1] = j;
  for (let i = n - 1; i > 0; i--) choice[i - 1] = backOf[i - 1][choice[i]];
  return choice;
}

/** Lexicographic: more hops matched, then less cost. */
function better(m: number, c: number, bestM: number, bestC: number): boolean {
  return m > bestM || (m === bestM && c < bestC);
}

export interface PatternMatch {
  pattern: number;
  /** Per hop: 1 when matched. */
  hopMatched: Uint8Array;
  hopStart: Uint32Array;
  pieceEdge: Uint32Array;
  pieceShare: Float64Array;
  /** Hops matched over all hops. */
  share: number;
}

export class ShapeMatcher {
  private readonly astar: AStar;
  private readonly cost: Float64Array;
  private readonly onShape: Uint8Array;
  private readonly rate: number;
  private hasShape = false;

  constructor(
    readonly graph: RoadGraph,
    readonly index: EdgeIndex,
    readonly options: MatchOptions = DEFAULT_MATCH,
  ) {
    this.astar = new AStar(graph.nodeCount);
    this.cost = new Float64Array(graph.edgeCount);
    this.onShape = new Uint8Array(graph.edgeCount);
    this.rate = minCostPerMetre(graph, graph.lengthM);
  }

  /** Matches every pattern of the timetable. */
  matchAll(tt: Timetable): PatternMatch[] {
    const out: PatternMatch[] = [];
    for (let p = 0; p < tt.patternCount; p++) out.push(this.match(tt, p));
    return out;
  }

  match(tt: Timetable, p: number): PatternMatch {
    const { graph, options, cost, onShape } = this;
    const feed = tt.feed;
    const shape = feed.shapes.get(feed.tripShape[tt.slotTrip[tt.patternTripStart[p]]]) ?? null;
    const marked = shape ? this.markShape(shape) : [];
    this.hasShape = shape !== null;
    for (let e = 0; e < graph.edgeCount; e++) cost[e] = graph.lengthM[e] * (shape && !onShape[e] ? options.offShapePenalty : 1);
    const stops = tt.patternStops.subarray(tt.patternStopStart[p], tt.patternStopStart[p + 1]);
    const candidates: Snap[][] = [];
    let cursor = 0;
    for (let i = 0; i < stops.length; i++) {
      let bearing = NaN;
      if (shape) {
        cursor = nearestShapePoint(shape, feed.stopLon[stops[i]], feed.stopLat[stops[i]], cursor);
        const a = Math.max(0, cursor - 1);
        const b = Math.min(shape.length / 2 - 1, cursor + 1);
        if (b > a) bearing = bearingOf(shape[2 * a], shape[2 * a + 1], shape[2 * b], shape[2 * b + 1]);
      }
      candidates.push(this.snaps(feed.stopLon[stops[i]], feed.stopLat[stops[i]], bearing, shape !== null));
    }

    const hops = Math.max(0, stops.length - 1);
    const pairsOf: (Hop | null)[][][] = [];
    for (let h = 0; h < hops; h++) {
      const straight = haversineM(feed.stopLon[stops[h]], feed.stopLat[stops[h]], feed.stopLon[stops[h + 1]], feed.stopLat[stops[h + 1]]);
      pairsOf.push(candidates[h].map((a) => candidates[h + 1].map((b) => this.hop(a, b, straight))));
    }
    const choice = chooseSnaps(candidates, pairsOf);

    const hopMatched = new Uint8Array(hops);
    const hopStart = new Uint32Array(hops + 1);
    const edges: number[] = [];
    const shares: number[] = [];
    let matched = 0;
    for (let h = 0; h < hops; h++) {
      const hop = pairsOf[h][choice[h]][choice[h + 1]];
      if (hop) {
        for (let i = 0; i < hop.edges.length; i++) {
          edges.push(hop.edges[i]);
          shares.push(hop.shares[i]);
        }
        hopMatched[h] = 1;
        matched++;
      }
      hopStart[h + 1] = edges.length;
    }
    for (const e of marked) onShape[e] = 0;
    return { pattern: p, hopMatched, hopStart, pieceEdge: Uint32Array.from(edges), pieceShare: Float64Array.from(shares), share: hops ? matched / hops : 0 };
  }

  /**
   * Where a stop may snap: the edges within `stopSnapM` that run the shape's way there (within
   * 90°), nearest first — those on the shape, at most `maxCandidates`; else the nearest such
   * edge at all.
   */
  private snaps(lon: number, lat: number, bearing: number, hasShape: boolean): Snap[] {
    const { graph, index, options, onShape } = this;
    const out: Snap[] = [];
    let fallback: Snap | null = null;
    for (const hit of index.nearestEdges(lon, lat, 8, options.stopSnapM)) {
      const e = hit.edge;
      if (!Number.isNaN(bearing) && angleBetween(bearing, edgeBearing(graph, e)) > 90) continue;
      const snap = { edge: e, fraction: hit.fraction, distM: hit.distanceM };
      fallback ??= snap;
      if (!hasShape || onShape[e]) {
        out.push(snap);
        if (out.length === options.maxCandidates) break;
      }
    }
    return out.length ? out : [fallback ?? NO_SNAP];
  }

  /**
   * The bus's way from snap a to snap b: along one edge when b lies ahead of a on it (or at
   * most `backtrackM` behind: stop positions are a few metres off), else the cheapest path from
   * a's edge's head to b's edge's tail; null when there is none or it is longer than
   * `maxDetour` × the straight line + 300 m.
   */
  private hop(a: Snap, b: Snap, straight: number): Hop | null {
    const { graph, options } = this;
    if (a.edge < 0 || b.edge < 0) return null;
    if (a.edge === b.edge && (b.fraction - a.fraction) * graph.lengthM[a.edge] >= -options.backtrackM) {
      const share = Math.max(0, b.fraction - a.fraction);
      return { edges: [a.edge], shares: [share], cost: share * this.cost[a.edge] };
    }
    const c = this.astar.route(graph, this.cost, graph.head[a.edge], graph.tail[b.edge], this.rate);
    if (!(c < Infinity)) return null;
    const path = this.astar.pathTo(graph.tail[b.edge], graph.tail);
    let metres = (1 - a.fraction) * graph.lengthM[a.edge] + b.fraction * graph.lengthM[b.edge];
    let offM = 0;
    for (const e of path) {
      metres += graph.lengthM[e];
      if (!this.onShape[e]) offM += graph.lengthM[e];
    }
    if (metres > options.maxDetour * straight + 300) return null;
    if (this.hasShape && offM > options.maxOffShapeM) return null;
    return {
      edges: [a.edge, ...path, b.edge],
      shares: [1 - a.fraction, ...path.map(() => 1), b.fraction],
      cost: c + (1 - a.fraction) * this.cost[a.edge] + b.fraction * this.cost[b.edge],
    };
  }

  /** Marks the edges near the shape; returns them, to unmark after. */
  private markShape(shape: Float64Array): number[] {
    const marked: number[] = [];
    const n = shape.length / 2;
    const visit = (lon: number, lat: number) => {
      for (const hit of this.index.nearestEdges(lon, lat, 6, this.options.shapeBufferM)) {
        if (!this.onShape[hit.edge]) {
          this.onShape[hit.edge] = 1;
          marked.push(hit.edge);
        }
      }
    };
    for (let i = 0; i < n; i++) {
      visit(shape[2 * i], shape[2 * i + 1]);
      if (i + 1 < n) {
        const d = haversineM(shape[2 * i], shape[2 * i + 1], shape[2 * i + 2], shape[2 * i + 3]);
        for (let k = 1, steps = Math.floor(d / 20); k <= steps; k++) {
          const f = k / (steps + 1);
          visit(shape[2 * i] + f * (shape[2 * i + 2] - shape[2 * i]), shape[2 * i + 1] + f * (shape[2 * i + 3] - shape[2 * i + 1]));
        }
      }
    }
    return marked;
  }
}

/** The shape point nearest to (lon, lat) at or after `from`, looking at most 400 points ahead (shapes loop). */
function nearestShapePoint(shape: Float64Array, lon: number, lat: number, from: number): number {
  const kx = metresPerDegreeLon(lat);
  let best = from;
  let bestD = Infinity;
  for (let i = from, n = Math.min(shape.length / 2, from + 400); i < n; i++) {
    const d = ((shape[2 * i] - lon) * kx) ** 2 + ((shape[2 * i + 1] - lat) * M_PER_DEG) ** 2;
    if (d < bestD) [best, bestD] = [i, d];
  }
  return best;
}

function bearingOf(lon1: number, lat1: number, lon2: number, lat2: number): number {
  return (Math.atan2((lon2 - lon1) * Math.cos((lat1 * Math.PI) / 180), lat2 - lat1) * 180) / Math.PI;
}

function edgeBearing(g: RoadGraph, e: number): number {
  return bearingOf(g.nodeLon[g.tail[e]], g.nodeLat[g.tail[e]], g.nodeLon[g.head[e]], g.nodeLat[g.head[e]]);
}

function angleBetween(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
}
