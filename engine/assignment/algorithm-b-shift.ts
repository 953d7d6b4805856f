/**
 * equilibrateBush: one flow-shifting pass of Algorithm B over one bush (Dial 2006, §4).
 *
 * Terms: for a node v of the bush, the min path and the max used path to v (labels from
 * Bushes.scan) leave a common node d, the divergence node, and meet again at v; the two
 * segments d→v share no edge. A Newton step moves Δ = (cost of max segment − cost of min
 * segment) / (Σ derivatives on both segments) of this origin's flow from the max segment to
 * the min one, capped by the smallest bush flow on the max segment so no flow turns negative.
 * Nodes are visited in descending topological order; costs and derivatives are updated edge by
 * edge as flow moves, so later nodes see the new costs (labels stay those of the scan).
 */
import type { Bushes } from './bush.ts';
import type { LinkState } from './algorithm-b-links.ts';

/**
 * Scans slot s's bush and shifts flow at every node whose max used path costs more than its
 * min path. Returns the largest single shift made (0 when the bush was at equilibrium).
 */
export function equilibrateBush(bushes: Bushes, links: LinkState, s: number): number {
  bushes.scan(s, links.cost, true);
  const { edgeCount, nodeCount, tail } = bushes.net;
  const base = s * edgeCount;
  const orderBase = s * nodeCount;
  const len = bushes.orderLength[s];
  const { order, flow, minPred, maxPred, minLabel, maxLabel, pos } = bushes;
  const { cost, der } = links;
  let largest = 0;
  for (let k = len - 1; k >= 1; k--) {
    const v = order[orderBase + k];
    const pMax = maxPred[v];
    const pMin = minPred[v];
    if (pMax < 0 || pMax === pMin || !(maxLabel[v] > minLabel[v])) continue;

    // Divergence node: walk both paths back, always stepping the one further down the order.
    let a = tail[pMin];
    let b = tail[pMax];
    while (a !== b) {
      if (pos[a] > pos[b]) a = tail[minPred[a]];
      else {
        const e = maxPred[b];
        // Flow moved earlier in this pass can leave b with no used in-edge; skip v this time.
        if (e < 0) break;
        b = tail[e];
      }
    }
    if (a !== b) continue;
    const d = a;

    let costMax = 0;
    let derSum = 0;
    let cap = Infinity;
    let capEdge = -1;
    for (let x = v; x !== d; ) {
      const e = maxPred[x];
      costMax += cost[e];
      derSum += der[e];
      const f = flow[base + e];
      if (f < cap) {
        cap = f;
        capEdge = e;
      }
      x = tail[e];
    }
    if (!(cap > 0)) continue;
    let costMin = 0;
    for (let x = v; x !== d; ) {
      const e = minPred[x];
      costMin += cost[e];
      derSum += der[e];
      x = tail[e];
    }
    const diff = costMax - costMin;
    if (!(diff > 0)) continue;

    // Constant costs on both segments (derivative 0): the whole capped amount is the optimum.
    let delta = derSum > 0 ? diff / derSum : cap;
    const clamped = delta >= cap;
    if (clamped) delta = cap;
    for (let x = v; x !== d; ) {
      const e = maxPred[x];
      // The capping edge is emptied exactly, so it can leave the bush at the next update.
      flow[base + e] = clamped && e === capEdge ? 0 : flow[base + e] - delta;
      links.shift(e, -delta);
      x = tail[e];
    }
    for (let x = v; x !== d; ) {
      const e = minPred[x];
      flow[base + e] += delta;
      links.shift(e, delta);
      x = tail[e];
    }
    if (delta > largest) largest = delta;
  }
  return largest;
}
