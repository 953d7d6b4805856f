/**
 * Dijkstra: the one shortest-path tree search of the project, over a CSR graph (any graph with
 * `firstOut` and `head`: RoadGraph, AssignmentNetwork) with per-edge costs ≥ 0 given as a
 * Float64Array. Algorithm B's first bushes and gap trees (assignment/algorithm-b-paths.ts), the
 * dynamic model's route trees (meso/routes.ts) and tourist access all grow their trees here; A*
 * (astar.ts) and the time-dependent search (meso/td-route.ts) sit beside it on the same heap.
 *
 * Options: `firstThruNode` — nodes with id < firstThruNode (zones, TNTP's FIRST THRU NODE) are
 * reached but never expanded, except the origin itself; `targets` — stop as soon as every node
 * listed is settled (a stop set). An edge of cost Infinity is closed: it is never relaxed.
 *
 * Terms: after `tree(...)`, `order[0 .. settled-1]` lists the settled nodes in settling order
 * (non-decreasing distance), `distance(v)` is the cost from the origin (Infinity if not
 * reached) and `pred[v]` the edge into v on its tree path (-1 at the origin). Scratch is
 * allocated once per router; a search allocates nothing. Reached-ness is tracked by a run
 * stamp, so a search costs O(reached), not O(nodes), to reset. The same inputs give the same
 * tree, ties included (the heap pops in a fixed order).
 */
import { IndexedMinHeap } from './binary-heap.ts';

export interface CsrGraph {
  firstOut: Uint32Array;
  head: Uint32Array;
}

export interface TreeOptions {
  firstThruNode?: number;
  /** Stop once these nodes are settled (those not reachable are simply never settled). */
  targets?: ArrayLike<number>;
  /** With `targets`: use targets[targetsFrom .. targetsTo-1] only. */
  targetsFrom?: number;
  targetsTo?: number;
}

export class Dijkstra {
  /** Tentative then final distances; valid only where `reached(v)`. */
  readonly dist: Float64Array;
  readonly pred: Int32Array;
  readonly order: Int32Array;
  settled = 0;
  private readonly stamp: Uint32Array;
  private readonly wanted: Uint32Array;
  private run = 0;
  private readonly heap: IndexedMinHeap;

  constructor(readonly nodeCount: number) {
    this.heap = new IndexedMinHeap(nodeCount);
    this.dist = this.heap.key;
    this.pred = new Int32Array(nodeCount);
    this.order = new Int32Array(nodeCount);
    this.stamp = new Uint32Array(nodeCount);
    this.wanted = new Uint32Array(nodeCount);
  }

  /** Builds the tree from `origin`; returns the number of nodes settled. */
  tree(graph: CsrGraph, cost: Float64Array, origin: number, options: TreeOptions | number = {}): number {
    const { firstThruNode = 0, targets, targetsFrom = 0, targetsTo = targets?.length ?? 0 } = typeof options === 'number' ? { firstThruNode: options } : options;
    const { firstOut, head } = graph;
    const { dist, pred, order, stamp, heap, wanted } = this;
    const run = this.nextRun();
    // without targets the search runs until the heap is empty
    let left = targets ? 0 : -1;
    if (targets) {
      for (let k = targetsFrom; k < targetsTo; k++) {
        const t = targets[k];
        if (wanted[t] !== run) {
          wanted[t] = run;
          left++;
        }
      }
    }
    let settled = 0;
    heap.clear();
    stamp[origin] = run;
    pred[origin] = -1;
    heap.push(origin, 0);
    while (heap.size > 0 && left !== 0) {
      const u = heap.pop();
      order[settled++] = u;
      if (left > 0 && wanted[u] === run) left--;
      if (u < firstThruNode && u !== origin) continue;
      const du = dist[u];
      for (let e = firstOut[u], end = firstOut[u + 1]; e < end; e++) {
        const c = cost[e];
        if (c === Infinity) continue;
        const v = head[e];
        const nd = du + c;
        if (stamp[v] !== run) {
          stamp[v] = run;
          pred[v] = e;
          heap.push(v, nd);
        } else if (nd < dist[v]) {
          // a settled node never improves (costs ≥ 0), so this only lowers nodes still in the heap
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
      this.wanted.fill(0);
      this.run = 0;
    }
    return ++this.run;
  }
}
