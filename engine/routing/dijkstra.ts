/**
 * Dijkstra: one-to-all shortest-path trees over a CSR graph (any graph with `firstOut` and
 * `head`, e.g. RoadGraph or AssignmentNetwork) with per-edge costs ≥ 0 given as a Float64Array.
 *
 * Terms: after `tree(...)`, `order[0 .. settled-1]` lists the reached nodes in settling order
 * (non-decreasing distance), `distance(v)` is the cost from the origin (Infinity if not
 * reached) and `pred[v]` the edge into v on its tree path (-1 at the origin). Nodes with
 * id < firstThruNode (zones, TNTP's FIRST THRU NODE) are reached but never expanded, except
 * the origin itself. Scratch is allocated once per router; a search allocates nothing.
 * Reached-ness is tracked by a run stamp, so a search costs O(reached), not O(nodes), to reset.
 */
import { IndexedMinHeap } from './binary-heap.ts';

export interface CsrGraph {
  firstOut: Uint32Array;
  head: Uint32Array;
}

export class Dijkstra {
  /** Tentative then final distances; valid only where `reached(v)`. */
  readonly dist: Float64Array;
  readonly pred: Int32Array;
  readonly order: Uint32Array;
  settled = 0;
  private readonly stamp: Uint32Array;
  private run = 0;
  private readonly heap: IndexedMinHeap;

  constructor(readonly nodeCount: number) {
    this.heap = new IndexedMinHeap(nodeCount);
    this.dist = this.heap.key;
    this.pred = new Int32Array(nodeCount);
    this.order = new Uint32Array(nodeCount);
    this.stamp = new Uint32Array(nodeCount);
  }

  /** Builds the tree from `origin`; returns the number of nodes reached. */
  tree(graph: CsrGraph, cost: Float64Array, origin: number, firstThruNode = 0): number {
    const { firstOut, head } = graph;
    const { dist, pred, order, stamp, heap } = this;
    const run = this.nextRun();
    let settled = 0;
    heap.clear();
    stamp[origin] = run;
    pred[origin] = -1;
    heap.push(origin, 0);
    while (heap.size > 0) {
      const u = heap.pop();
      order[settled++] = u;
      if (u < firstThruNode && u !== origin) continue;
      const du = dist[u];
      for (let e = firstOut[u], end = firstOut[u + 1]; e < end; e++) {
        const v = head[e];
        const nd = du + cost[e];
        if (stamp[v] !== run) {
          stamp[v] = run;
          pred[v] = e;
          heap.push(v, nd);
        } else if (nd < dist[v]) {
          pred[v] = e;
          heap.push(v, nd);
        }
      }
    }
    this.settled = settled;
    return settled;
  }

  reached(v: number): boolean {
    return this.stamp[v] === this.run;
  }

  distance(v: number): number {
    return this.stamp[v] === this.run ? this.dist[v] : Infinity;
  }

  /** Edges of the tree path from the origin to v, in travel order ([] if v is the origin or unreached). */
  pathTo(v: number, tail: Uint32Array): number[] {
    const path: number[] = [];
    if (!this.reached(v)) return path;
    for (let e = this.pred[v]; e >= 0; e = this.pred[tail[e]]) path.push(e);
    return path.reverse();
  }

  private nextRun(): number {
    if (this.run === 0xffffffff) {
      this.stamp.fill(0);
      this.run = 0;
    }
    return ++this.run;
  }
}
