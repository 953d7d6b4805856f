/**
 * All-or-nothing (AON) loading: every OD flow on its current shortest path. The kernel works
 * on one block of consecutive origins and writes that block's own flow buffer, so blocks can
 * run on any worker and be summed afterwards in block order — the floating-point additions
 * then happen in the same order whatever the number of workers (bit-identical results).
 *
 * Terms: a block is origins [from, to); `stats` holds, per block, [sptt, unreachable pairs,
 * unreachable demand] at `3 * block`. SPTT = Σ q_od · shortest cost (objective.ts).
 * Loading pushes each node's accumulated demand onto its tree edge in reverse settling order:
 * O(reached nodes) per origin, no path walks.
 */
import { Dijkstra } from '../routing/dijkstra.ts';
import type { AssignmentNetwork, OdDemand } from './network.ts';

/** Per-thread scratch for AON: a router and a node-demand accumulator, both reused. */
export class AonScratch {
  readonly router: Dijkstra;
  readonly nodeLoad: Float64Array;
  constructor(readonly nodeCount: number) {
    this.router = new Dijkstra(nodeCount);
    this.nodeLoad = new Float64Array(nodeCount);
  }
}

export interface AonStats {
  sptt: number;
  unreachablePairs: number;
  unreachableDemand: number;
}

/** How origins are cut into blocks: depends on the zone count only, never on the worker count. */
export interface BlockPlan {
  blockSize: number;
  blockCount: number;
}

/** At most this many blocks: enough to balance a few workers, few enough to keep memory small. */
export const MAX_BLOCKS = 16;

export function blockPlan(zoneCount: number): BlockPlan {
  const blockSize = Math.max(1, Math.ceil(zoneCount / MAX_BLOCKS));
  return { blockSize, blockCount: Math.ceil(zoneCount / blockSize) };
}

/** The network columns AON reads (a subset, so workers need post only these). */
export type AonNetwork = Pick<AssignmentNetwork, 'nodeCount' | 'edgeCount' | 'zoneCount' | 'firstThruNode' | 'firstOut' | 'tail' | 'head'>;

/**
 * Loads origins [from, to) at `cost` into `out` (overwritten: zeroed first) and writes the
 * block's [sptt, unreachable pairs, unreachable demand] into stats[at .. at+2].
 */
export function loadBlock(
  out: Float64Array,
  stats: Float64Array,
  at: number,
  net: AonNetwork,
  demand: OdDemand,
  cost: Float64Array,
  from: number,
  to: number,
  scratch: AonScratch,
): void {
  const { tail, firstThruNode } = net;
  const { rowStart, dest, flow } = demand;
  const { router, nodeLoad } = scratch;
  const { pred, order, dist } = router;
  out.fill(0);
  let sptt = 0;
  let lostPairs = 0;
  let lostDemand = 0;
  for (let o = from; o < to; o++) {
    const r0 = rowStart[o];
    const r1 = rowStart[o + 1];
    if (r0 === r1) continue;
    const settled = router.tree(net, cost, o, firstThruNode);
    for (let k = r0; k < r1; k++) {
      const d = dest[k];
      const q = flow[k];
      if (!router.reached(d)) {
        lostPairs++;
        lostDemand += q;
        continue;
      }
      sptt += q * dist[d];
      nodeLoad[d] += q;
    }
    // Reverse settling order visits every node after all nodes downstream of it in the tree.
    for (let i = settled - 1; i > 0; i--) {
      const v = order[i];
      const load = nodeLoad[v];
      if (load === 0) continue;
      nodeLoad[v] = 0;
      const e = pred[v];
      out[e] += load;
      nodeLoad[tail[e]] += load;
    }
    nodeLoad[o] = 0;
  }
  stats[at] = sptt;
  stats[at + 1] = lostPairs;
  stats[at + 2] = lostDemand;
}

/**
 * Sums the block buffers (block b's flows at blockFlows[b*m .. (b+1)*m-1]) into `out` and the
 * block stats, both in block order.
 */
export function mergeBlocks(out: Float64Array, blockFlows: Float64Array, stats: Float64Array, blockCount: number): AonStats {
  const m = out.length;
  out.set(blockFlows.subarray(0, m));
  for (let b = 1; b < blockCount; b++) {
    const base = b * m;
    for (let e = 0; e < m; e++) out[e] += blockFlows[base + e];
  }
  let sptt = 0;
  let pairs = 0;
  let lost = 0;
  for (let b = 0; b < blockCount; b++) {
    sptt += stats[3 * b];
    pairs += stats[3 * b + 1];
    lost += stats[3 * b + 2];
  }
  return { sptt, unreachablePairs: pairs, unreachableDemand: lost };
}

/** AON for all origins in this thread, with the same blocks and merge order as the worker pool. */
export function allOrNothing(out: Float64Array, net: AonNetwork, demand: OdDemand, cost: Float64Array, scratch = new AonScratch(net.nodeCount)): AonStats {
  const plan = blockPlan(demand.zoneCount);
  const m = net.edgeCount;
  const blockFlows = new Float64Array(plan.blockCount * m);
  const stats = new Float64Array(plan.blockCount * 3);
  for (let b = 0; b < plan.blockCount; b++) {
    const from = b * plan.blockSize;
    const to = Math.min(demand.zoneCount, from + plan.blockSize);
    loadBlock(blockFlows.subarray(b * m, (b + 1) * m), stats, 3 * b, net, demand, cost, from, to, scratch);
  }
  return mergeBlocks(out, blockFlows, stats, plan.blockCount);
}
