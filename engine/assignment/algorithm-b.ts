/**
 * Algorithm B: bush-based user equilibrium (Dial 2006, "A path-based user-equilibrium traffic
 * assignment algorithm that obviates path storage and enumeration", Transportation Research B
 * 40; bush updates as in Nie 2010 and Boyles' tap-b). The accurate assignment method: it
 * reaches relative gaps of 1e-8 and below, which the Frank-Wolfe family approaches only slowly.
 *
 * Terms: one bush per origin with demand (bush.ts). An iteration = for each origin in turn,
 * update its bush and equilibrate it once (equilibrateBush), then more passes of equilibration
 * over the bushes still moving (see MAX_PASSES); then a fresh shortest-path search from every
 * origin gives the relative gap.
 * History `step` = the largest single flow shift (vehicles/h) made during that iteration.
 *
 * Threads: origins are processed one after the other (Gauss–Seidel): each origin's shifts see
 * the costs left by the previous ones, which is what makes the method converge fast and
 * deterministically. Splitting origins over workers would mean Jacobi-style batches (slower to
 * converge) and copying the bush flows to and fro for every pass, while a pass over Anaheim's
 * bushes takes well under a millisecond. So the method runs in-process and reports
 * `workers: 1` whatever `options.workers` asks; the result is identical for every value.
 */
import { equilibrateBush } from './algorithm-b-shift.ts';
import { LinkState } from './algorithm-b-links.ts';
import { PathTree } from './algorithm-b-paths.ts';
import { Bushes } from './bush.ts';
import type { AssignmentNetwork, OdDemand } from './network.ts';
import { beckmann, relativeGap, tstt } from './objective.ts';
import type { AssignmentOptions, AssignmentResult, IterationRecord } from './result.ts';

/**
 * Equilibration passes after each round of bush updates: at most MAX_PASSES; a bush sits out
 * the remaining passes once its largest shift is at most PASS_RATIO × the largest shift of the
 * update round, and the passes end when all sit out. Tuned on Sioux Falls and Anaheim: a fixed
 * 8 or 20 passes (tap-b uses 20) took 1.2–2.4× more work to reach gaps 1e-6 and 1e-8.
 */
const MAX_PASSES = 100;
const PASS_RATIO = 0.01;

export async function algorithmB(net: AssignmentNetwork, demand: OdDemand, options: AssignmentOptions): Promise<AssignmentResult> {
  return algorithmBSync(net, demand, options);
}

/** A run's result plus the seconds spent on gap checks (tap-b leaves those out of its timings). */
export type AlgorithmBResult = AssignmentResult & { gapSeconds: number };

/** The same run without the Promise wrapper (benchmarks time it directly). */
export function algorithmBSync(net: AssignmentNetwork, demand: OdDemand, options: AssignmentOptions): AlgorithmBResult {
  const started = performance.now();
  checkInputs(net, demand, options);
  const { edgeCount, nodeCount } = net;
  const links = new LinkState(net);
  const tree = new PathTree(net);

  const slots: number[] = [];
  for (let o = 0; o < demand.zoneCount; o++) {
    for (let k = demand.rowStart[o]; k < demand.rowStart[o + 1]; k++) {
      if (demand.flow[k] > 0 && demand.dest[k] !== o) {
        slots.push(o);
        break;
      }
    }
  }
  const bushes = new Bushes(net, Int32Array.from(slots));
  const nodeDemand = new Float64Array(nodeCount);
  const unreachable = { pairs: 0, demand: 0 };

  // Initial bushes: shortest-path trees, origin after origin at the costs the earlier ones left.
  for (let s = 0; s < slots.length; s++) {
    const o = slots[s];
    tree.run(o, links.cost);
    for (let k = demand.rowStart[o]; k < demand.rowStart[o + 1]; k++) {
      const d = demand.dest[k];
      const q = demand.flow[k];
      if (!(q > 0) || d === o) continue;
      if (tree.dist[d] === Infinity) {
        unreachable.pairs++;
        unreachable.demand += q;
      } else nodeDemand[d] += q;
    }
    bushes.plant(s, tree.pred, tree.settled, tree.settledCount, nodeDemand, links.flow);
    links.refreshAll();
  }

  const history: IterationRecord[] = [];
  const target = options.gap;
  const maxSeconds = options.maxSeconds ?? Infinity;
  let gapSeconds = 0;
  const checkGap = (): number => {
    const t = performance.now();
    const g = measureGap(net, demand, links, tree, slots);
    gapSeconds += (performance.now() - t) / 1000;
    return g;
  };
  let gap = checkGap();
  const lastShift = new Float64Array(slots.length);
  let iteration = 0;
  while (gap > target && iteration < options.maxIter && (performance.now() - started) / 1000 < maxSeconds) {
    const objective = beckmann(net, links.flow);
    const gapBefore = gap;
    let largest = 0;
    for (let s = 0; s < slots.length; s++) {
      bushes.update(s, links.cost);
      lastShift[s] = equilibrateBush(bushes, links, s);
      largest = Math.max(largest, lastShift[s]);
    }
    // A bush whose last pass moved at most `settled` waits for the next round of updates.
    const settled = PASS_RATIO * largest;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      let passLargest = 0;
      for (let s = 0; s < slots.length; s++) {
        if (lastShift[s] <= settled) continue;
        lastShift[s] = equilibrateBush(bushes, links, s);
        passLargest = Math.max(passLargest, lastShift[s]);
      }
      largest = Math.max(largest, passLargest);
      if (passLargest <= settled) break;
    }
    resumLinkFlows(bushes, links, slots.length, edgeCount);
    iteration++;
    gap = checkGap();
    const record: IterationRecord = { iteration, gap: gapBefore, step: largest, objective, seconds: (performance.now() - started) / 1000 };
    history.push(record);
    options.onIteration?.(record);
  }

  return {
    method: 'algb',
    iterations: iteration,
    relativeGap: gap,
    beckmann: beckmann(net, links.flow),
    tstt: tstt(net, links.flow, links.cost),
    seconds: (performance.now() - started) / 1000,
    workers: 1,
    flow: links.flow,
    cost: links.cost,
    history,
    unreachable,
    gapSeconds,
    ...(options.keepOriginFlows ? { originFlows: { origins: bushes.origins, flow: bushes.flow } } : {}),
  };
}

/** Link flows = Σ bush flows in origin order (clears the drift of many small shifts); costs follow. */
function resumLinkFlows(bushes: Bushes, links: LinkState, slotCount: number, edgeCount: number): void {
  const v = links.flow;
  const f = bushes.flow;
  v.fill(0);
  for (let s = 0; s < slotCount; s++) {
    const base = s * edgeCount;
    for (let e = 0; e < edgeCount; e++) v[e] += f[base + e];
  }
  links.refreshAll();
}

/** Relative gap at the current costs, with a fresh shortest-path search from every origin. */
function measureGap(net: AssignmentNetwork, demand: OdDemand, links: LinkState, tree: PathTree, slots: number[]): number {
  let sptt = 0;
  for (const o of slots) {
    tree.distances(o, links.cost);
    for (let k = demand.rowStart[o]; k < demand.rowStart[o + 1]; k++) {
      const d = demand.dest[k];
      const dist = tree.dist[d];
      if (d !== o && demand.flow[k] > 0 && dist < Infinity) sptt += demand.flow[k] * dist;
    }
  }
  return relativeGap(tstt(net, links.flow, links.cost), sptt);
}

function checkInputs(net: AssignmentNetwork, demand: OdDemand, options: AssignmentOptions): void {
  if (demand.zoneCount !== net.zoneCount) throw new Error(`Algorithm B: demand has ${demand.zoneCount} zones; expected the network's ${net.zoneCount}`);
  if (!(options.gap >= 0)) throw new Error(`Algorithm B: options.gap — expected a number ≥ 0, got ${options.gap}`);
  if (!(options.maxIter >= 0)) throw new Error(`Algorithm B: options.maxIter — expected a number ≥ 0, got ${options.maxIter}`);
  for (let e = 0; e < net.edgeCount; e++) {
    if (!(net.capacity[e] > 0)) throw new Error(`Algorithm B: edge ${e} capacity — expected > 0, got ${net.capacity[e]}`);
    if (!(net.freeFlowTime[e] >= 0)) throw new Error(`Algorithm B: edge ${e} free-flow time — expected ≥ 0, got ${net.freeFlowTime[e]}`);
  }
}
