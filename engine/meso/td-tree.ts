/**
 * Time-dependent shortest-path trees: a Dijkstra on arrival times from one origin leaving at
 * one time, to every node, where crossing link e entered at time t costs its experienced time
 * in t's bin (LinkTimes, td-route.ts), and the first link from the origin also the mean wait of
 * departures to enter it (entryWaitS). One tree serves every trip from that origin in a
 * departure interval (path-based dynamic assignment routes per origin and departure interval,
 * as DTALite does). Scratch is allocated once per tree object.
 */
import { IndexedMinHeap } from '../routing/binary-heap.ts';
import type { RoutingGraph } from './routes.ts';
import type { LinkTimes } from './td-route.ts';

export class TdTree {
  private readonly heap: IndexedMinHeap;
  /** Link into each node on the tree (-1 at the origin or unreached). */
  readonly pred: Int32Array;
  private readonly stamp: Uint32Array;
  private readonly wanted: Uint32Array;
  private run = 0;
  departS = 0;

  constructor(readonly nodeCount: number) {
    this.heap = new IndexedMinHeap(nodeCount);
    this.pred = new Int32Array(nodeCount);
    this.stamp = new Uint32Array(nodeCount);
    this.wanted = new Uint32Array(nodeCount);
  }

  /** Grows the tree from `origin` leaving at `departS` until the nodes dests[from .. to-1] are settled (all nodes without dests). */
  grow(graph: RoutingGraph, times: LinkTimes, origin: number, departS: number, dests?: ArrayLike<number>, from = 0, to = dests ? dests.length : 0): void {
    const { firstOut, head } = graph;
    const { heap, pred, stamp } = this;
    const arrive = heap.key;
    const { binS, startS, binCount, linkCount, time } = times;
    const run = ++this.run;
    this.departS = departS;
    const wanted = this.wanted;
    let left = dests ? 0 : -1;
    for (let k = from; k < to; k++) {
      const d = dests![k];
      if (wanted[d] !== run) {
        wanted[d] = run;
        left++;
      }
    }
    heap.clear();
    stamp[origin] = run;
    pred[origin] = -1;
    heap.push(origin, departS);
    while (heap.size > 0 && left !== 0) {
      const u = heap.pop();
      if (wanted[u] === run) left--;
      const tu = arrive[u];
      let b = Math.floor((tu - startS) / binS);
      b = b < 0 ? 0 : b >= binCount ? binCount - 1 : b;
      const row = b * linkCount;
      // leaving the origin, a departure first waits for room on its first link
      const wait = u === origin ? times.entryWaitS : undefined;
      for (let e = firstOut[u], end = firstOut[u + 1]; e < end; e++) {
        const c = wait ? time[row + e] + wait[row + e] : time[row + e];
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
  }

  /** Seconds from the tree's departure to node v, once settled (Infinity if unreached). */
  timeTo(v: number): number {
    return this.stamp[v] === this.run && !this.heap.has(v) ? this.heap.key[v] - this.departS : Infinity;
  }

  /** Appends the tree path to `dest` to `out`, in travel order; returns its length (0 if unreached or the origin). */
  pathTo(graph: RoutingGraph, dest: number, out: number[]): number {
    if (this.stamp[dest] !== this.run || this.heap.has(dest)) return 0;
    const at = out.length;
    for (let e = this.pred[dest]; e >= 0; e = this.pred[graph.tail[e]]) out.push(e);
    for (let i = at, j = out.length - 1; i < j; i++, j--) {
      const x = out[i];
      out[i] = out[j];
      out[j] = x;
    }
    return out.length - at;
  }
}
