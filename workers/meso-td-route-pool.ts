/**
 * Re-routing for the queue model on a worker pool: the trips to re-route are cut into one
 * contiguous range per worker, each worker runs the time-dependent shortest paths of its range
 * (engine/meso/td-route.ts) and the main thread joins the ranges in order — the same paths as
 * in-thread routing, for any worker count. Graph columns and link times are SharedArrayBuffer
 * views, posted without copying.
 */
import { routeTimeDependent, type LinkTimes, type TdRouteFn, type TripPaths } from '../engine/meso/td-route.ts';
import type { RoutingGraph } from '../engine/meso/routes.ts';
import { createWorkerPool } from './pool.ts';

/** What one task receives. */
export interface MesoTdRouteTask {
  graph: RoutingGraph;
  times: LinkTimes;
  origin: Int32Array;
  dest: Int32Array;
  departS: Int32Array;
  trips: Int32Array;
}

export function tdRouteOnPool(workers: number): TdRouteFn {
  return async (graph, times, origin, dest, departS, trips) => {
    if (workers <= 1 || trips.length < 2 * workers) return routeTimeDependent(graph, times, origin, dest, departS, trips);
    const g: RoutingGraph = { nodeCount: graph.nodeCount, firstOut: graph.firstOut, head: graph.head, tail: graph.tail };
    const cuts = Array.from({ length: workers + 1 }, (_, w) => Math.floor((w * trips.length) / workers));
    const pool = createWorkerPool(new URL('./meso-td-route-task.ts', import.meta.url), workers);
    try {
      const parts = await Promise.all(
        Array.from({ length: workers }, (_, w) => pool.run<TripPaths>({ graph: g, times, origin, dest, departS, trips: trips.slice(cuts[w], cuts[w + 1]) } satisfies MesoTdRouteTask)),
      );
      return joinPaths(parts);
    } finally {
      await pool.destroy();
    }
  };
}

/** Paths of consecutive trip ranges, as one TripPaths. */
function joinPaths(parts: TripPaths[]): TripPaths {
  const count = parts.reduce((k, p) => k + p.starts.length - 1, 0);
  const starts = new Int32Array(count + 1);
  const links = new Int32Array(parts.reduce((k, p) => k + p.links.length, 0));
  const timeS = new Float64Array(count);
  let i = 0;
  let at = 0;
  for (const p of parts) {
    timeS.set(p.timeS, i);
    for (let j = 1; j < p.starts.length; j++) starts[++i] = at + p.starts[j];
    links.set(p.links, at);
    at += p.links.length;
  }
  return { starts, links, timeS };
}
