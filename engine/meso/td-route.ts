/**
 * Time-dependent shortest paths for re-routing: a Dijkstra on arrival times, where crossing
 * link e entered at time t costs the link's experienced time in t's bin (LinkTimes). Stops as
 * soon as the destination is settled. Scratch is allocated once per router.
 * `routeTimeDependent` routes a list of trips; a TdRouteFn does the same anywhere (the worker
 * pool: workers/meso-td-route-pool.ts), and a trip's path depends only on its own inputs, so
 * the split over threads never changes a route.
 */
import { IndexedMinHeap } from '../routing/binary-heap.ts';
import type { RoutingGraph } from './routes.ts';

/** Experienced link times per bin, bin-major: link e in bin b at time[b * linkCount + e] (Infinity = closed). */
export interface LinkTimes {
  binS: number;
  startS: number;
  binCount: number;
  linkCount: number;
  time: Float64Array;
}

export class TimeDependentRouter {
  private readonly heap: IndexedMinHeap;
  private readonly pred: Int32Array;
  private readonly stamp: Uint32Array;
  private run = 0;
  /** Arrival time at the destination of the last route found. */
  arriveS = NaN;

  constructor(readonly nodeCount: number) {
    this.heap = new IndexedMinHeap(nodeCount);
    this.pred = new Int32Array(nodeCount);
    this.stamp = new Uint32Array(nodeCount);
  }

  /** Appends the path's links to `out` and returns how many (0 when dest is unreachable). */
  route(graph: RoutingGraph, times: LinkTimes, origin: number, dest: number, departS: number, out: number[]): number {
    const { firstOut, head, tail } = graph;
    const { heap, pred, stamp } = this;
    const arrive = heap.key;
    const { binS, startS, binCount, linkCount, time } = times;
    const run = ++this.run;
    heap.clear();
    stamp[origin] = run;
    pred[origin] = -1;
    heap.push(origin, departS);
    let found = false;
    while (heap.size > 0) {
      const u = heap.pop();
      if (u === dest) {
        found = true;
        this.arriveS = arrive[u];
        break;
      }
      const tu = arrive[u];
      let b = Math.floor((tu - startS) / binS);
      b = b < 0 ? 0 : b >= binCount ? binCount - 1 : b;
      const row = b * linkCount;
      for (let e = firstOut[u], end = firstOut[u + 1]; e < end; e++) {
        const c = time[row + e];
        if (c === Infinity) continue;
        const v = head[e];
        const tv = tu + c;
        if (stamp[v] !== run) {
          stamp[v] = run;
          pred[v] = e;
          heap.push(v, tv);
        } else if (heap.has(v) && tv < arrive[v]) {
          pred[v] = e;
          heap.push(v, tv);
        }
      }
    }
    if (!found || origin === dest) return 0;
    const at = out.length;
    for (let e = pred[dest]; e >= 0; e = pred[tail[e]]) out.push(e);
    const added = out.length - at;
    // reverse the appended part into travel order
    for (let i = at, j = out.length - 1; i < j; i++, j--) {
      const x = out[i];
      out[i] = out[j];
      out[j] = x;
    }
    return added;
  }
}

/** The paths of trips[i] (origin, dest, departure indexed by trip): links[starts[i] .. starts[i+1]-1]; empty when unreachable. */
export interface TripPaths {
  starts: Int32Array;
  links: Int32Array;
  /** Time each path takes on the link times it was found on (NaN without a path). */
  timeS: Float64Array;
}

export type TdRouteFn = (graph: RoutingGraph, times: LinkTimes, origin: Int32Array, dest: Int32Array, departS: Int32Array, trips: Int32Array) => Promise<TripPaths> | TripPaths;

export function routeTimeDependent(graph: RoutingGraph, times: LinkTimes, origin: Int32Array, dest: Int32Array, departS: Int32Array, trips: Int32Array, router = new TimeDependentRouter(graph.nodeCount)): TripPaths {
  const starts = new Int32Array(trips.length + 1);
  const timeS = new Float64Array(trips.length);
  const links: number[] = [];
  for (let i = 0; i < trips.length; i++) {
    const t = trips[i];
    timeS[i] = router.route(graph, times, origin[t], dest[t], departS[t], links) > 0 ? router.arriveS - departS[t] : NaN;
    starts[i + 1] = links.length;
  }
  return { starts, links: Int32Array.from(links), timeS };
}
