/**
 * One flow-shifting pass of Algorithm B over one bush (Dial 2006, §4), in two halves: planning
 * (which segments to shift between, from a scan of the bush's labels: it reads costs, changes
 * nothing, and so may run on any thread) and applying (the Newton steps at the current costs,
 * one origin after another).
 *
 * Terms: for a node v of the bush, the min path and the max used path to v (labels from
 * Bushes.scan) leave a common node d, the divergence node, and meet again at v; the two
 * segments d→v share no edge. A Newton step moves Δ = (cost of max segment − cost of min
 * segment) / (Σ derivatives on both segments) of this origin's flow from the max segment to
 * the min one, capped by the smallest bush flow on the max segment so no flow turns negative.
 * Nodes are visited in descending topological order; costs and derivatives are updated edge by
 * edge as flow moves, so later nodes see the new costs (the segments stay those of the scan).
 *
 * Planning a batch of origins on worker threads from the batch's starting costs, then applying
 * the plans in order, was tried: the stale segments doubled the iterations (Terrassa 18 → 34 to
 * gap 1e-6, Sioux Falls 7 → 18 with batches of 32), so both halves run origin by origin, with
 * the plan at most one origin ahead (shift-pipeline.ts).
 *
 * A plan is a list of entries [nMax, nMin, max segment edges (from v back to d), min segment
 * edges], each edge given by its position in the slot's edge list, one per node where the max
 * used path costs more than the min path, in the order of the pass. It overflows (length −1)
 * past `capacity` numbers; the apply half then plans afresh.
 */
import type { Bushes } from './bush.ts';
import type { LinkState } from './algorithm-b-links.ts';

/** Writes slot s's plan at costs `cost` into plan[at, at + capacity); returns its length, or -1 if it did not fit. */
export function planShifts(bushes: Bushes, s: number, cost: Float64Array, plan: Int32Array, at: number, capacity: number): number {
  bushes.scan(s, cost, true);
  const { nodeCount, edgeCount, tail } = bushes.net;
  const orderBase = s * nodeCount;
  const edgeBase = s * edgeCount;
  const len = bushes.orderLength[s];
  const { order, edges, minPred, maxPred, minLabel, maxLabel, pos } = bushes;
  const end = at + capacity;
  let w = at;
  for (let k = len - 1; k >= 1; k--) {
    const v = order[orderBase + k];
    const pMax = maxPred[v];
    const pMin = minPred[v];
    if (pMax < 0 || pMax === pMin || !(maxLabel[v] > minLabel[v])) continue;

    // Divergence node: walk both paths back, always stepping the one further down the order.
    let a = tail[edges[edgeBase + pMin]];
    let b = tail[edges[edgeBase + pMax]];
    while (a !== b) {
      if (pos[a] > pos[b]) a = tail[edges[edgeBase + minPred[a]]];
      else {
        const q = maxPred[b];
        // b may have no used in-edge (it carries none of this origin's flow): no segment to v.
        if (q < 0) break;
        b = tail[edges[edgeBase + q]];
      }
    }
    if (a !== b) continue;
    const d = a;
    const head = w;
    w += 2;
    let nMax = 0;
    for (let x = v; x !== d; nMax++) {
      if (w >= end) return -1;
      const q = maxPred[x];
      plan[w++] = q;
      x = tail[edges[edgeBase + q]];
    }
    let nMin = 0;
    for (let x = v; x !== d; nMin++) {
      if (w >= end) return -1;
      const q = minPred[x];
      plan[w++] = q;
      x = tail[edges[edgeBase + q]];
    }
    if (head + 1 >= end) return -1;
    plan[head] = nMax;
    plan[head + 1] = nMin;
  }
  return w - at;
}

/** Edges whose flow a pass changed, each once (mark[e] = 1 while listed). */
export interface Touched {
  mark: Uint8Array;
  list: Int32Array;
  count: number;
}

/** Applies a plan of slot s (planShifts) at the current costs, listing the edges it moves flow on in `touched` if given. Returns the largest single shift made. */
export function applyShifts(bushes: Bushes, links: LinkState, s: number, plan: Int32Array, at: number, length: number, touched?: Touched): number {
  const base = s * bushes.net.edgeCount;
  const { flow, edges } = bushes;
  const { cost, der } = links;
  let largest = 0;
  for (let r = at, end = at + length; r < end; ) {
    const nMax = plan[r];
    const nMin = plan[r + 1];
    const maxAt = r + 2;
    const minAt = maxAt + nMax;
    r = minAt + nMin;
    let costMax = 0;
    let derSum = 0;
    let cap = Infinity;
    let capAt = -1;
    for (let q = maxAt; q < minAt; q++) {
      const k = base + plan[q];
      const e = edges[k];
      costMax += cost[e];
      derSum += der[e];
      const f = flow[k];
      if (f < cap) {
        cap = f;
        capAt = k;
      }
    }
    if (!(cap > 0)) continue;
    let costMin = 0;
    for (let q = minAt; q < r; q++) {
      const e = edges[base + plan[q]];
      costMin += cost[e];
      derSum += der[e];
    }
    const diff = costMax - costMin;
    if (!(diff > 0)) continue;

    // Constant costs on both segments (derivative 0): the whole capped amount is the optimum.
    let delta = derSum > 0 ? diff / derSum : cap;
    const clamped = delta >= cap;
    if (clamped) delta = cap;
    for (let q = maxAt; q < minAt; q++) {
      const k = base + plan[q];
      // The capping edge is emptied exactly, so it can leave the bush at the next update.
      flow[k] = clamped && k === capAt ? 0 : flow[k] - delta;
      links.shift(edges[k], -delta);
    }
    for (let q = minAt; q < r; q++) {
      const k = base + plan[q];
      flow[k] += delta;
      links.shift(edges[k], delta);
    }
    if (delta > largest) largest = delta;
    if (touched) {
      const { mark, list } = touched;
      for (let q = maxAt; q < r; q++) {
        const e = edges[base + plan[q]];
        if (mark[e] === 0) {
          mark[e] = 1;
          list[touched.count++] = e;
        }
      }
    }
  }
  return largest;
}

/** Plan scratch for equilibrateBush: grown on demand, one per thread. */
let scratch = new Int32Array(1 << 16);

/** Plans and applies one pass over slot s's bush at the current costs. Returns the largest single shift. */
export function equilibrateBush(bushes: Bushes, links: LinkState, s: number): number {
  for (;;) {
    const length = planShifts(bushes, s, links.cost, scratch, 0, scratch.length);
    if (length >= 0) return applyShifts(bushes, links, s, scratch, 0, length);
    scratch = new Int32Array(scratch.length * 2);
  }
}
