/**
 * AStar: point-to-point shortest paths on a road graph with node positions (lon/lat), guided by
 * an admissible, consistent lower bound: great-circle distance to the target times the
 * smallest cost per straight-line metre of any edge (`minCostPerMetre`). Because every edge
 * costs at least that rate times its own straight-line span, and great-circle distance obeys
 * the triangle inequality, the bound never overestimates and nodes are never reopened.
 *
 * Terms: costs are per edge (e.g. RoadGraph.freeFlowS, or congested seconds); `pred[v]` is the
 * edge into v. Scratch is allocated once per router and reused; a query allocates nothing.
 */
import { IndexedMinHeap } from './binary-heap.ts';
import type { CsrGraph } from './dijkstra.ts';
import { EARTH_RADIUS_M, haversineM } from '../spatial/geo.ts';

export interface PositionedGraph extends CsrGraph {
  tail: Uint32Array;
  nodeLon: Float64Array;
  nodeLat: Float64Array;
}

const RAD = Math.PI / 180;

export class AStar {
  readonly g: Float64Array;
  readonly pred: Int32Array;
  /** Nodes taken from the heap by the last query (a measure of the search effort). */
  settled = 0;
  private readonly stamp: Uint32Array;
  private readonly closed: Uint32Array;
  private run = 0;
  private readonly heap: IndexedMinHeap;

  constructor(readonly nodeCount: number) {
    this.heap = new IndexedMinHeap(nodeCount);
    this.g = new Float64Array(nodeCount);
    this.pred = new Int32Array(nodeCount);
    this.stamp = new Uint32Array(nodeCount);
    this.closed = new Uint32Array(nodeCount);
  }

  /**
   * Cost of a shortest path source → target (Infinity when unreachable). `rate` is a lower
   * bound on cost per metre of straight-line distance, e.g. `minCostPerMetre(graph, cost)`.
   */
  route(graph: PositionedGraph, cost: Float64Array, source: number, target: number, rate: number): number {
    const { firstOut, head, nodeLon, nodeLat } = graph;
    const { g, pred, stamp, closed, heap } = this;
    const run = this.nextRun();
    const tLon = nodeLon[target] * RAD;
    const tLat = nodeLat[target] * RAD;
    const cosT = Math.cos(tLat);
    heap.clear();
    stamp[source] = run;
    g[source] = 0;
    pred[source] = -1;
    heap.push(source, rate * haversineRad(nodeLon[source] * RAD, nodeLat[source] * RAD, tLon, tLat, cosT));
    let settled = 0;
    while (heap.size > 0) {
      const u = heap.pop();
      settled++;
      if (u === target) {
        this.settled = settled;
        return g[u];
      }
      closed[u] = run;
      const gu = g[u];
      for (let e = firstOut[u], end = firstOut[u + 1]; e < end; e++) {
        const v = head[e];
        if (closed[v] === run) continue;
        const ng = gu + cost[e];
        if (stamp[v] !== run || ng < g[v]) {
          stamp[v] = run;
          g[v] = ng;
          pred[v] = e;
          heap.push(v, ng + rate * haversineRad(nodeLon[v] * RAD, nodeLat[v] * RAD, tLon, tLat, cosT));
        }
      }
    }
    this.settled = settled;
    return Infinity;
  }

  /** Edges of the path found by the last `route` to `target`, in travel order. */
  pathTo(target: number, tail: Uint32Array): number[] {
    const path: number[] = [];
    if (this.stamp[target] !== this.run) return path;
    for (let e = this.pred[target]; e >= 0; e = this.pred[tail[e]]) path.push(e);
    return path.reverse();
  }

  private nextRun(): number {
    if (this.run === 0xffffffff) {
      this.stamp.fill(0);
      this.closed.fill(0);
      this.run = 0;
    }
    return ++this.run;
  }
}

/** The smallest cost per straight-line metre over all edges: an admissible A* rate for `cost`. */
export function minCostPerMetre(graph: PositionedGraph, cost: Float64Array): number {
  const { tail, head, nodeLon, nodeLat } = graph;
  let rate = Infinity;
  for (let e = 0; e < head.length; e++) {
    const a = tail[e];
    const b = head[e];
    const d = haversineM(nodeLon[a], nodeLat[a], nodeLon[b], nodeLat[b]);
    if (d > 0) rate = Math.min(rate, cost[e] / d);
  }
  return Number.isFinite(rate) ? rate : 0;
}

function haversineRad(lon1: number, lat1: number, lon2: number, lat2: number, cosLat2: number): number {
  const s1 = Math.sin((lat2 - lat1) / 2);
  const s2 = Math.sin((lon2 - lon1) / 2);
  const h = s1 * s1 + Math.cos(lat1) * cosLat2 * s2 * s2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
