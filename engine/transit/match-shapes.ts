/**
 * Bus patterns on the road graph: each pattern's stops snapped to edges and the hops between
 * consecutive stops routed along the pattern's GTFS shape.
 *
 * How: the edges within `shapeBufferM` of the shape (points every 20 m, nearest edges by true
 * segment distance in the rbush edge index) are "on the shape". A stop snaps to the nearest
 * edge within `stopSnapM` that is on the shape and runs the way the shape runs there (within
 * 90°; else the nearest such edge at all). A hop is the shortest path (A*) from the head of the
 * stop's edge to the tail of the next stop's edge, where an edge off the shape costs
 * `offShapePenalty` times its length; a hop longer than `maxDetour` × the straight line + 300 m,
 * or with a stop not snapped, is left unmatched. Without a shape every edge counts as on it.
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
}

export const DEFAULT_MATCH: MatchOptions = { shapeBufferM: 25, stopSnapM: 60, offShapePenalty: 5, maxDetour: 3 };

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
    const { graph, index, options, cost, onShape } = this;
    const feed = tt.feed;
    const shape = feed.shapes.get(feed.tripShape[tt.slotTrip[tt.patternTripStart[p]]]) ?? null;
    const marked = shape ? this.markShape(shape) : [];
    for (let e = 0; e < graph.edgeCount; e++) cost[e] = graph.lengthM[e] * (shape && !onShape[e] ? options.offShapePenalty : 1);
    const stops = tt.patternStops.subarray(tt.patternStopStart[p], tt.patternStopStart[p + 1]);
    const snapEdge = new Int32Array(stops.length).fill(-1);
    const snapFraction = new Float64Array(stops.length);
    let cursor = 0;
    for (let i = 0; i < stops.length; i++) {
      const lon = feed.stopLon[stops[i]];
      const lat = feed.stopLat[stops[i]];
      let bearing = NaN;
      if (shape) {
        cursor = nearestShapePoint(shape, lon, lat, cursor);
        const a = Math.max(0, cursor - 1);
        const b = Math.min(shape.length / 2 - 1, cursor + 1);
        if (b > a) bearing = bearingOf(shape[2 * a], shape[2 * a + 1], shape[2 * b], shape[2 * b + 1]);
      }
      let chosen = -1;
      let fallback = -1;
      for (const hit of index.nearestEdges(lon, lat, 8, options.stopSnapM)) {
        const e = hit.edge;
        const agrees = Number.isNaN(bearing) || angleBetween(bearing, edgeBearing(graph, e)) <= 90;
        if (!agrees) continue;
        if (fallback < 0) fallback = hit.edge;
        if (!shape || onShape[e]) {
          chosen = e;
          snapFraction[i] = hit.fraction;
          break;
        }
      }
      if (chosen < 0 && fallback >= 0) {
        chosen = fallback;
        snapFraction[i] = index.nearestEdges(lon, lat, 8, options.stopSnapM).find((h) => h.edge === fallback)!.fraction;
      }
      snapEdge[i] = chosen;
    }
    const hops = Math.max(0, stops.length - 1);
    const hopMatched = new Uint8Array(hops);
    const hopStart = new Uint32Array(hops + 1);
    const edges: number[] = [];
    const shares: number[] = [];
    let matched = 0;
    for (let h = 0; h < hops; h++) {
      const a = snapEdge[h];
      const b = snapEdge[h + 1];
      if (a >= 0 && b >= 0) {
        const straight = haversineM(feed.stopLon[stops[h]], feed.stopLat[stops[h]], feed.stopLon[stops[h + 1]], feed.stopLat[stops[h + 1]]);
        if (a === b && snapFraction[h + 1] >= snapFraction[h]) {
          edges.push(a);
          shares.push(snapFraction[h + 1] - snapFraction[h]);
          hopMatched[h] = 1;
        } else {
          const c = this.astar.route(graph, cost, graph.head[a], graph.tail[b], this.rate);
          const path = c < Infinity ? this.astar.pathTo(graph.tail[b], graph.tail) : null;
          let metres = (1 - snapFraction[h]) * graph.lengthM[a] + snapFraction[h + 1] * graph.lengthM[b];
          if (path) for (const e of path) metres += graph.lengthM[e];
          if (path && metres <= options.maxDetour * straight + 300) {
            edges.push(a);
            shares.push(1 - snapFraction[h]);
            for (const e of path) {
              edges.push(e);
              shares.push(1);
            }
            edges.push(b);
            shares.push(snapFraction[h + 1]);
            hopMatched[h] = 1;
          }
        }
      }
      matched += hopMatched[h];
      hopStart[h + 1] = edges.length;
    }
    for (const e of marked) onShape[e] = 0;
    return { pattern: p, hopMatched, hopStart, pieceEdge: Uint32Array.from(edges), pieceShare: Float64Array.from(shares), share: hops ? matched / hops : 0 };
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
