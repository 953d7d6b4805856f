/**
 * Best time-dependent paths (engine/meso/best-paths.ts) on a worker pool: the sorted trip list
 * is cut at group boundaries into one range per worker (groupCuts), each worker grows the
 * trees of its range, and the ranges are joined in order — the same paths as in one thread,
 * for any worker count. Graph columns and link times are SharedArrayBuffer views, posted
 * without copying. The pool lives until `close()`, so one dynamic run starts its threads once.
 */
import { bestPaths, groupCuts, type BestPathFn } from '../engine/meso/best-paths.ts';
import type { RoutingGraph } from '../engine/meso/routes.ts';
import type { LinkTimes, TripPaths } from '../engine/meso/td-route.ts';
import { createWorkerPool, type WorkerPool } from './pool.ts';

/** What one task receives. */
export interface MesoBestPathTask {
  graph: RoutingGraph;
  times: LinkTimes;
  origin: Int32Array;
  dest: Int32Array;
  departS: Int32Array;
  trips: Int32Array;
  intervalS: number;
}

export function bestPathsOnPool(workers: number): { find: BestPathFn; close: () => Promise<void> } {
  let pool: WorkerPool | undefined;
  const find: BestPathFn = async (graph, times, origin, dest, departS, trips, intervalS) => {
    if (workers <= 1 || trips.length < 2 * workers) return bestPaths(graph, times, origin, dest, departS, trips, intervalS);
    pool ??= createWorkerPool(new URL('./meso-best-path-task.ts', import.meta.url), workers);
    const g: RoutingGraph = { nodeCount: graph.nodeCount, firstOut: graph.firstOut, head: graph.head, tail: graph.tail };
    const t: LinkTimes = times.time.buffer instanceof SharedArrayBuffer ? times : { ...times, time: shared(times.time) };
    // more ranges than workers, so a slow range does not hold the others up
    const cuts = groupCuts(trips, origin, departS, intervalS, 4 * workers);
    const p = pool;
    const parts = await Promise.all(
      Array.from({ length: cuts.length - 1 }, (_, w) => p.run<TripPaths>({ graph: g, times: t, origin, dest, departS, trips: trips.slice(cuts[w], cuts[w + 1]), intervalS } satisfies MesoBestPathTask)),
    );
    return joinPaths(parts);
  };
  return { find, close: async () => pool?.destroy() };
}

function shared(a: Float64Array): Float64Array {
  const out = new Float64Array(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}

/** Paths of consecutive trip ranges, as one TripPaths. */
export function joinPaths(parts: TripPaths[]): TripPaths {
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
