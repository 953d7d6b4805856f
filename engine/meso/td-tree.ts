/**
 * Time-dependent shortest-path trees: a Dijkstra on arrival times from one origin leaving at
 * one time, to every node, where crossing link e entered at time t costs its experienced time
 * in t's bin (LinkTimes, td-route.ts), and the first link from the origin also the mean wait of
 * departures to enter it (entryWaitS). One tree serves every trip from that origin in a
 * departure interval (path-based dynamic assignment routes per origin and departure interval,
 * as DTALite does). Scratch is allocated once per tree object.
 *
 * The queue is a bucket queue of 1-s buckets (routing/bucket-queue.ts): link times are whole
 * steps, at least 1 s, so each node pops once with its final time; a node lowered after its
 * pop (a link under 1 s, only in hand-made tables) is queued again, so the times stay exact.
 */
import { BucketQueue } from '../routing/bucket-queue.ts';
import type { RoutingGraph } from './routes.ts';
import type { LinkTimes } from './td-route.ts';

/** Bucket width of the queue (s): the shortest link time of the queue model (one step). */
export const TREE_BUCKET_S = 1;

export class TdTree {
  private readonly queue: BucketQueue;
  /** Link into each node on the tree (-1 at the origin or unreached). */
  readonly pred: Int32Array;
  /** Arrival time at each node reached in this run. */
  private readonly arrive: Float64Array;
  private readonly stamp: Uint32Array;
  private readonly wanted: Uint32Array;
  private readonly popped: Uint32Array;
  private run = 0;
  /** Largest finite arc cost of the last LinkTimes seen (its time array), for the ring size. */
  private maxArcOf: { time?: Float64Array; wait?: Float64Array; max: number } = { max: 0 };
  departS = 0;

  constructor(readonly nodeCount: number) {
    this.queue = new BucketQueue(nodeCount);
    this.pred = new Int32Array(nodeCount);
    this.arrive = new Float64Array(nodeCount);
    this.stamp = new Uint32Array(nodeCount);
    this.wanted = new Uint32Array(nodeCount);
    this.popped = new Uint32Array(nodeCount);
  }

  /** Grows the tree from `origin` leaving at `departS` until the nodes dests[from .. to-1] are settled (all nodes without dests). */
  grow(graph: RoutingGraph, times: LinkTimes, origin: number, departS: number, dests?: ArrayLike<number>, from = 0, to = dests ? dests.length : 0): void {
    const { firstOut, head } = graph;
    const { queue, pred, stamp, arrive, wanted, popped } = this;
    const { binS, startS, binCount, linkCount, time } = times;
    const run = ++this.run;
    this.departS = departS;
    let left = dests ? 0 : -1;
    for (let k = from; k < to; k++) {
      const d = dests![k];
      if (wanted[d] !== run) {
        wanted[d] = run;
        left++;
      }
    }
    queue.reset(departS, TREE_BUCKET_S, this.maxArc(times));
    stamp[origin] = run;
    pred[origin] = -1;
    arrive[origin] = departS;
    queue.push(origin, departS);
    // once every destination has popped, the search ends after the bucket of the latest one:
    // no later pop can lower a time below its own bucket's start
    let endBucket = Infinity;
    let latest = -Infinity;
    while (queue.size > 0) {
      const u = queue.pop();
      if (queue.bucket > endBucket) break;
      const tu = arrive[u];
      if (popped[u] !== run) {
        popped[u] = run;
        if (wanted[u] === run) {
          if (tu > latest) latest = tu;
          if (--left === 0) endBucket = queue.bucketOf(latest);
        }
      }
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
        if (stamp[v] !== run || tv < arrive[v]) {
          stamp[v] = run;
          pred[v] = e;
          arrive[v] = tv;
          queue.push(v, tv);
        }
      }
    }
    queue.clear();
  }

  /** Seconds from the tree's departure to node v, once settled (Infinity if unreached). */
  timeTo(v: number): number {
    return this.stamp[v] === this.run && this.popped[v] === this.run ? this.arrive[v] - this.departS : Infinity;
  }

  /** Appends the tree path to `dest` to `out`, in travel order; returns its length (0 if unreached or the origin). */
  pathTo(graph: RoutingGraph, dest: number, out: number[]): number {
    if (this.stamp[dest] !== this.run || this.popped[dest] !== this.run) return 0;
    const at = out.length;
    for (let e = this.pred[dest]; e >= 0; e = this.pred[graph.tail[e]]) out.push(e);
    for (let i = at, j = out.length - 1; i < j; i++, j--) {
      const x = out[i];
      out[i] = out[j];
      out[j] = x;
    }
    return out.length - at;
  }

  /** Largest finite link time plus the largest entry wait (cached per table). */
  private maxArc(times: LinkTimes): number {
    const c = this.maxArcOf;
    if (c.time === times.time && c.wait === times.entryWaitS) return c.max;
    let max = 0;
    for (const x of times.time) if (x > max && x !== Infinity) max = x;
    let w = 0;
    if (times.entryWaitS) for (const x of times.entryWaitS) if (x > w && x !== Infinity) w = x;
    this.maxArcOf = { time: times.time, wait: times.entryWaitS, max: max + w };
    return max + w;
  }
}
