/**
 * Routes for the queue model: each trip's shortest path (a list of link ids) on given link
 * costs — free-flow times by default, or any cost the caller passes (e.g. equilibrium link
 * times from the static assignment, engine/assignment). One Dijkstra tree per distinct origin.
 *
 * Terms: trips are routed in *blocks* of consecutive entries of `byOrigin` (trip indices sorted
 * by origin node, then index); a block never splits an origin. Blocks depend on the trips only,
 * and a trip's route depends only on its origin, destination and the costs, so routing on 1 or
 * N workers gives the same routes. A trip with no path (or origin = destination) gets length 0.
 * A tree grows only until all of its origin's destinations are settled (RouteSearch).
 */
import { Dijkstra } from '../routing/dijkstra.ts';
import type { CsrGraph } from '../routing/dijkstra.ts';

/** What routing reads: CSR plus tails (to walk predecessor edges back). */
export interface RoutingGraph extends CsrGraph {
  nodeCount: number;
  tail: Uint32Array;
}

/** The routes of one block: trip `trips[i]` drives links[ starts[i] .. starts[i+1]-1 ]. */
export interface RouteBlock {
  trips: Int32Array;
  starts: Int32Array;
  links: Int32Array;
}

export interface RouteBlockPlan {
  /** Trip indices sorted by origin node, then index. */
  byOrigin: Int32Array;
  /** Block b routes byOrigin[cuts[b] .. cuts[b+1]-1]. */
  cuts: Int32Array;
}

/** At most this many routing blocks: enough to balance a few workers. */
export const ROUTE_BLOCKS = 32;

export function routeBlockPlan(origin: Int32Array, use: Uint8Array): RouteBlockPlan {
  const idx: number[] = [];
  for (let i = 0; i < origin.length; i++) if (use[i]) idx.push(i);
  const byOrigin = Int32Array.from(idx.sort((a, b) => origin[a] - origin[b] || a - b));
  const cuts: number[] = [0];
  const target = Math.max(1, Math.ceil(byOrigin.length / ROUTE_BLOCKS));
  let last = 0;
  for (let i = 1; i < byOrigin.length; i++) {
    if (i - last >= target && origin[byOrigin[i]] !== origin[byOrigin[i - 1]]) {
      cuts.push(i);
      last = i;
    }
  }
  if (byOrigin.length > 0) cuts.push(byOrigin.length);
  return { byOrigin, cuts: Int32Array.from(cuts) };
}

/** Routes byOrigin[from .. to-1] on `cost` (Infinity = closed). */
export function routeBlock(graph: RoutingGraph, cost: Float64Array, origin: Int32Array, dest: Int32Array, byOrigin: Int32Array, from: number, to: number, search: RouteSearch): RouteBlock {
  const trips = byOrigin.slice(from, to);
  const starts = new Int32Array(to - from + 1);
  let links = new Int32Array(Math.max(16, (to - from) * 32));
  let used = 0;
  for (let i = from; i < to; ) {
    const o = origin[byOrigin[i]];
    let j = i;
    while (j < to && origin[byOrigin[j]] === o) j++;
    search.tree(graph, cost, o, dest, byOrigin, i, j);
    for (let k = i; k < j; k++) {
      const d = dest[byOrigin[k]];
      if (d !== o && search.reached(d)) {
        let len = 0;
        for (let e = search.pred[d]; e >= 0; e = search.pred[graph.tail[e]]) len++;
        if (used + len > links.length) {
          const grown = new Int32Array(Math.max(links.length * 2, used + len));
          grown.set(links.subarray(0, used));
          links = grown;
        }
        let at = used + len;
        for (let e = search.pred[d]; e >= 0; e = search.pred[graph.tail[e]]) links[--at] = e;
        used += len;
      }
      starts[k - from + 1] = used;
    }
    i = j;
  }
  return { trips, starts, links: links.slice(0, used) };
}

/** The shortest-path tree from one origin, stopped once every destination asked for is settled (routing/dijkstra.ts); scratch reused. */
export class RouteSearch {
  readonly pred: Int32Array;
  private readonly search: Dijkstra;
  private targets: Int32Array;

  constructor(readonly nodeCount: number) {
    this.search = new Dijkstra(nodeCount);
    this.pred = this.search.pred;
    this.targets = new Int32Array(64);
  }

  /** Grows the tree from o until the destinations of trips byOrigin[from .. to-1] are settled. */
  tree(graph: RoutingGraph, cost: Float64Array, o: number, dest: Int32Array, byOrigin: Int32Array, from: number, to: number): void {
    if (this.targets.length < to - from) this.targets = new Int32Array(2 * (to - from));
    const targets = this.targets;
    for (let k = from; k < to; k++) targets[k - from] = dest[byOrigin[k]];
    this.search.tree(graph, cost, o, { targets, targetsTo: to - from });
  }

  /** Settled in the last tree (its pred path is the shortest one). */
  reached(v: number): boolean {
    return this.search.reached(v);
  }
}

/** Joins blocks (in block order) into per-trip routes: trip t drives links[routeStart[t] .. routeStart[t+1]-1]. */
export function joinRoutes(tripCount: number, blocks: RouteBlock[]): { routeStart: Int32Array; routeLinks: Int32Array } {
  const len = new Int32Array(tripCount);
  let total = 0;
  for (const b of blocks) {
    for (let i = 0; i < b.trips.length; i++) {
      len[b.trips[i]] = b.starts[i + 1] - b.starts[i];
      total += len[b.trips[i]];
    }
  }
  const routeStart = new Int32Array(tripCount + 1);
  for (let t = 0; t < tripCount; t++) routeStart[t + 1] = routeStart[t] + len[t];
  const routeLinks = new Int32Array(total);
  for (const b of blocks) {
    for (let i = 0; i < b.trips.length; i++) routeLinks.set(b.links.subarray(b.starts[i], b.starts[i + 1]), routeStart[b.trips[i]]);
  }
  return { routeStart, routeLinks };
}

/** All blocks in this thread: the same routes the worker pool gives. */
export function routeAll(graph: RoutingGraph, cost: Float64Array, origin: Int32Array, dest: Int32Array, use: Uint8Array): { routeStart: Int32Array; routeLinks: Int32Array } {
  const plan = routeBlockPlan(origin, use);
  const search = new RouteSearch(graph.nodeCount);
  const blocks: RouteBlock[] = [];
  for (let b = 0; b + 1 < plan.cuts.length; b++) blocks.push(routeBlock(graph, cost, origin, dest, plan.byOrigin, plan.cuts[b], plan.cuts[b + 1], search));
  return joinRoutes(origin.length, blocks);
}
