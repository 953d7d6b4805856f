/**
 * Walking along the streets: points snapped to a walking graph (walk-way-profile.ts) and the
 * shortest walks between them, for the footpaths between stops and for walking to and from
 * the stops (timetable.ts, journey.ts).
 *
 * Terms: a street point is where a place meets the walking graph — an edge, the fraction along
 * it and the straight metres from the place to it. A walk from a to b starts along a's edge to
 * either of its ends (or straight along it, when b lies on the same edge), then the shortest
 * path between nodes (Dijkstra, stopped past `maxM`), then along b's edge. The search state is
 * allocated once per StreetWalk; a walk allocates only its result.
 */
import { IndexedMinHeap } from '../routing/binary-heap.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { EdgeIndex } from '../spatial/edge-index.ts';

export interface StreetPoint {
  edge: number;
  fraction: number;
  offM: number;
}

export class StreetWalk {
  private readonly heap: IndexedMinHeap;
  private readonly stamp: Uint32Array;
  private run = 0;

  constructor(
    readonly graph: RoadGraph,
    readonly index = new EdgeIndex(graph),
    /** Farthest a place may lie from the walking graph and still be on it, metres. */
    readonly snapM = 100,
  ) {
    this.heap = new IndexedMinHeap(graph.nodeCount);
    this.stamp = new Uint32Array(graph.nodeCount);
  }

  /** Where (lon, lat) meets the walking graph, or null when it lies off it (beyond `snapM`). */
  snap(lon: number, lat: number): StreetPoint | null {
    const hit = this.index.nearestEdges(lon, lat, 1, this.snapM)[0];
    return hit ? { edge: hit.edge, fraction: hit.fraction, offM: hit.distanceM } : null;
  }

  /** Walking metres from `from` to each of `to` (Infinity where farther than `maxM`). */
  metres(from: StreetPoint, to: readonly StreetPoint[], maxM: number): Float64Array {
    const { graph, heap, stamp } = this;
    const { firstOut, head, tail, lengthM } = graph;
    const dist = heap.key;
    const run = this.nextRun();
    heap.clear();
    const seed = (v: number, d: number) => {
      if (stamp[v] !== run || d < dist[v]) {
        stamp[v] = run;
        heap.push(v, d);
      }
    };
    const len = lengthM[from.edge];
    seed(tail[from.edge], from.offM + from.fraction * len);
    seed(head[from.edge], from.offM + (1 - from.fraction) * len);
    while (heap.size > 0) {
      const u = heap.pop();
      const du = dist[u];
      if (du > maxM) break;
      for (let e = firstOut[u], end = firstOut[u + 1]; e < end; e++) {
        const v = head[e];
        const nd = du + lengthM[e];
        if (stamp[v] !== run) {
          stamp[v] = run;
          heap.push(v, nd);
        } else if (heap.has(v) && nd < dist[v]) {
          heap.push(v, nd);
        }
      }
    }
    const out = new Float64Array(to.length);
    for (let i = 0; i < to.length; i++) {
      const p = to[i];
      const l = lengthM[p.edge];
      const at = (v: number, along: number) => (stamp[v] === run ? dist[v] + along : Infinity);
      let m = Math.min(at(tail[p.edge], p.fraction * l), at(head[p.edge], (1 - p.fraction) * l)) + p.offM;
      if (sameStreet(graph, from.edge, p.edge)) m = Math.min(m, from.offM + Math.abs(from.fraction - alongSame(graph, from.edge, p)) * len + p.offM);
      out[i] = m <= maxM ? m : Infinity;
    }
    return out;
  }

  private nextRun(): number {
    if (this.run === 0xffffffff) {
      this.stamp.fill(0);
      this.run = 0;
    }
    return ++this.run;
  }
}

/** The same edge, or its twin the other way along the same polyline. */
function sameStreet(g: RoadGraph, a: number, b: number): boolean {
  return a === b || (g.tail[a] === g.head[b] && g.head[a] === g.tail[b] && g.osmWayId[a] === g.osmWayId[b] && g.lengthM[a] === g.lengthM[b]);
}

/** p's fraction measured along edge a (its twin runs the other way). */
function alongSame(g: RoadGraph, a: number, p: StreetPoint): number {
  return p.edge === a ? p.fraction : 1 - p.fraction;
}
