/**
 * Each trip's best path for its departure, on experienced time-dependent link times: the
 * shortest path of one time-dependent tree per origin and departure interval (DTALite's
 * path finding per origin and assignment interval), grown from the interval's middle until
 * the group's destinations are settled. A trip's best time is that path's time from the trip's
 * own departure (routeTime): an upper bound on the exact best time for that second, close to
 * it when link times change slowly within an interval.
 *
 * Terms: `trips` lists trip indices sorted by (origin, departure interval, index)
 * (bestPathOrder); a *group* is a run of equal (origin, interval). A group's paths depend only
 * on its own inputs, so cutting the list at group boundaries over workers
 * (workers/meso-best-path-pool.ts) never changes a path.
 */
import { routeTime } from './path-cost.ts';
import type { RoutingGraph } from './routes.ts';
import type { LinkTimes, TripPaths } from './td-route.ts';
import { TdTree } from './td-tree.ts';

/** Departure interval of the path search (s): a tree per origin and 30 min (measured: 15 min doubles the cost on Porto Alegre for no gain in convergence). */
export const BEST_PATH_INTERVAL_S = 1800;

export type BestPathFn = (graph: RoutingGraph, times: LinkTimes, origin: Int32Array, dest: Int32Array, departS: Int32Array, trips: Int32Array, intervalS: number) => Promise<TripPaths> | TripPaths;

/** The trips with use[t] set, sorted by (origin, departure interval, index). */
export function bestPathOrder(origin: Int32Array, departS: Int32Array, use: Uint8Array, intervalS: number): Int32Array {
  const idx: number[] = [];
  for (let t = 0; t < use.length; t++) if (use[t]) idx.push(t);
  const slot = (t: number) => Math.floor(departS[t] / intervalS);
  return Int32Array.from(idx.sort((a, b) => origin[a] - origin[b] || slot(a) - slot(b) || a - b));
}

/** Cuts `trips` (bestPathOrder) into at most `parts` contiguous ranges that never split a group. */
export function groupCuts(trips: Int32Array, origin: Int32Array, departS: Int32Array, intervalS: number, parts: number): Int32Array {
  const cuts = [0];
  for (let p = 1; p < parts; p++) {
    let i = Math.max(cuts[cuts.length - 1], Math.floor((p * trips.length) / parts));
    while (i > 0 && i < trips.length && origin[trips[i]] === origin[trips[i - 1]] && Math.floor(departS[trips[i]] / intervalS) === Math.floor(departS[trips[i - 1]] / intervalS)) i++;
    cuts.push(Math.min(i, trips.length));
  }
  cuts.push(trips.length);
  return Int32Array.from(cuts);
}

export function bestPaths(graph: RoutingGraph, times: LinkTimes, origin: Int32Array, dest: Int32Array, departS: Int32Array, trips: Int32Array, intervalS: number, tree = new TdTree(graph.nodeCount)): TripPaths {
  const n = trips.length;
  const starts = new Int32Array(n + 1);
  const timeS = new Float64Array(n);
  const dests = Int32Array.from(trips, (t) => dest[t]);
  const links: number[] = [];
  for (let i = 0; i < n; ) {
    const o = origin[trips[i]];
    const slot = Math.floor(departS[trips[i]] / intervalS);
    let j = i + 1;
    while (j < n && origin[trips[j]] === o && Math.floor(departS[trips[j]] / intervalS) === slot) j++;
    tree.grow(graph, times, o, slot * intervalS + intervalS / 2, dests, i, j);
    for (let k = i; k < j; k++) {
      const at = links.length;
      const len = tree.pathTo(graph, dests[k], links);
      starts[k + 1] = links.length;
      timeS[k] = len > 0 ? routeTime(times, links, at, at + len, departS[trips[k]]) : NaN;
    }
    i = j;
  }
  return { starts, links: Int32Array.from(links), timeS };
}
