/**
 * Algorithm B: bush-based user equilibrium (Dial 2006, "A path-based user-equilibrium traffic
 * assignment algorithm that obviates path storage and enumeration", Transportation Research B
 * 40; bush updates as in Nie 2010 and Boyles' tap-b). The accurate assignment method: it
 * reaches relative gaps of 1e-8 and below, which the Frank-Wolfe family approaches only slowly.
 *
 * Terms: one bush per origin with demand (bush.ts). An iteration = every bush not yet settled
 * (SETTLED_SHARE) updated at the iteration's costs; then, origin after origin, one equilibration
 * pass over those (algorithm-b-shift.ts); then sweeps of such passes over the origins still
 * moving (shift-pipeline.ts); then a fresh shortest-path search from every origin gives the
 * relative gap, and each origin's own excess cost. History `step` = the largest single flow
 * shift (vehicles/h) in the iteration.
 *
 * Threads: the steps that read costs without changing flows — first bushes (shortest-path
 * trees at free flow), bush updates, the gap's searches — split their origins over a worker
 * pool (options.bushPool, algorithm-b-workspace.ts), each origin writing only its own bush. Flow
 * shifting stays Gauss–Seidel: each origin's shifts are applied at the costs the earlier ones
 * left, which is what makes the method converge fast (origins that shift from the same costs
 * at once overshoot together: tried with batches of 16, Sioux Falls ended at gap 1.6). Only
 * the planning of an origin's segments runs one origin ahead, so that two threads can share a
 * sweep (shift-pipeline.ts). So flows are bit-identical for 1, 2 or N workers.
 *
 * Robustness: every run ends with a `status` — `converged` (gap ≤ target), `time limit`,
 * `iteration limit`, or `stalled`: when the best gap has not improved by STALL_GAIN in
 * STALL_WINDOW iterations, every bush is widened once (Nie's weaker criterion, bush.ts); if
 * the gap still does not move, the run stops and says so rather than iterate in silence.
 */
import { LinkState } from './algorithm-b-links.ts';
import { BushWorkspace, InProcessCostTasks, sharedProblem, slotOutput, type CostTaskRunner, type SlotOutput, type WarmStart } from './algorithm-b-workspace.ts';
import { BushFlows, type OriginFlows } from './origin-flows.ts';
import { shiftBuffers } from './shift-pipeline.ts';
import { Bushes, bushStorage } from './bush.ts';
import { sharedCopy } from '../util/shared-array.ts';
import type { AssignmentNetwork, OdDemand } from './network.ts';
import { beckmann, relativeGap, tstt } from './objective.ts';
import type { AssignmentOptions, AssignmentResult, AssignmentStatus, IterationRecord } from './result.ts';

/** Origins whose first bushes are planted at the same costs (a unit of parallel work). */
const PLANT_BATCH = 16;
/** Stall: the best gap improved by less than this factor over the window. */
const STALL_WINDOW = 12;
const STALL_GAIN = 0.9;
/**
 * An origin whose own excess cost (its travel time on its bush minus its shortest-path travel
 * time) is at most this share of the target gap times its shortest-path time sits the next
 * iteration out: no bush update, no shifts. Those origins then add at most this share of the
 * target to the gap; the others get all the work. Every gap check chooses again.
 */
const SETTLED_SHARE = 0.5;
/** Default wall-time budget (seconds) when options.maxSeconds is not given. */
export const DEFAULT_MAX_SECONDS = 3600;

export async function algorithmB(net: AssignmentNetwork, demand: OdDemand, options: AssignmentOptions): Promise<AlgorithmBResult> {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  checkInputs(net, demand, options);
  const m = net.edgeCount;
  const threads = Math.max(1, Math.floor(options.workers ?? 1));
  const parallel = threads > 1 && options.bushPool !== undefined;
  const slots: number[] = [];
  for (let o = 0; o < demand.zoneCount; o++) {
    for (let k = demand.rowStart[o]; k < demand.rowStart[o + 1]; k++) {
      if (demand.flow[k] > 0 && demand.dest[k] !== o) {
        slots.push(o);
        break;
      }
    }
  }
  const origins = Int32Array.from(slots);
  const slotCount = origins.length;
  const links = new LinkState(net, parallel);
  const storage = bushStorage(net, slotCount, parallel);
  const out = slotOutput(slotCount, parallel, options.keepZoneCosts ? net.zoneCount : 0);
  const bushes = new Bushes(net, origins, storage);
  const shift = shiftBuffers(m, slotCount, parallel);
  const runner: CostTaskRunner = parallel
    ? await options.bushPool!({ ...sharedProblem(net, demand, options.warmStart), origins: sharedCopy(origins), storage, links: { flow: links.flow, cost: links.cost, der: links.der }, cursor: new Int32Array(new SharedArrayBuffer(4)), shift, out }, threads)
    : new InProcessCostTasks(new BushWorkspace(net, demand, origins, storage, links, options.warmStart, shift), slotCount, out);

  try {
    let gapSeconds = 0;
    const measureGap = async (task: 'sptt' | 'finish' = 'sptt'): Promise<number> => {
      const t = performance.now();
      await runner.run(task);
      let sptt = 0;
      for (let s = 0; s < slotCount; s++) sptt += out.sptt[s];
      gapSeconds += (performance.now() - t) / 1000;
      return relativeGap(tstt(net, links.flow, links.cost), sptt);
    };

    // A warm start first plants, all at once, every origin from its old edges (no search: their
    // flows are the old ones, costs do not enter). Where a closure left some of an origin's
    // destinations out, a search then routes their demand ('repair').
    const unreachable = { pairs: 0, demand: 0 };
    let warmStarted = 0;
    const touched = { mark: new Uint8Array(m), list: new Int32Array(m) };
    let partial = 0;
    let warmRepairs = 0;
    if (options.warmStart) {
      await runner.run('warm');
      let count = 0;
      let deferred = 0;
      for (let s = 0; s < slotCount; s++) {
        if (out.partial[s] === 0) continue;
        if (out.partial[s] === 1) partial++;
        else deferred++;
        count = addBushFlows(bushes, links, s, touched, count);
      }
      refreshTouched(links, touched, count);
      // PLANT_BATCH at a time, each batch at the costs the batches before it left, as first
      // bushes are planted (incremental loading: all at once, Hessen's first gap after a closure
      // of its five busiest links was 3× larger). A repair only adds flow, so what it added is
      // the slot's flows after it less those before.
      const before = new BatchFlows(bushes, PLANT_BATCH);
      for (let from = 0; deferred > 0 && from < slotCount; from += PLANT_BATCH) {
        const to = Math.min(slotCount, from + PLANT_BATCH);
        if (!before.keep(from, to, (s) => out.partial[s] === 2)) continue;
        await runner.run('repair', from, to);
        let count = 0;
        for (let s = from; s < to; s++) {
          if (!before.kept(s)) continue;
          unreachable.pairs += out.unreachablePairs[s];
          unreachable.demand += out.unreachableDemand[s];
          count = before.addGrowth(s, links, touched, count);
        }
        refreshTouched(links, touched, count);
      }
      warmRepairs = deferred;
    }
    // The other first bushes: shortest-path trees (repaired old bushes where a warm start has
    // them), PLANT_BATCH origins at a time at the costs the earlier ones left (incremental
    // loading: on Porto Alegre the first gap is 10× smaller than from trees all at free flow).
    const planting = new Uint8Array(PLANT_BATCH);
    for (let from = 0; from < slotCount; from += PLANT_BATCH) {
      const to = Math.min(slotCount, from + PLANT_BATCH);
      let cold = 0;
      for (let s = from; s < to; s++) cold += planting[s - from] = out.warm[s] === 0 ? 1 : 0;
      if (cold === 0) continue;
      await runner.run('plant', from, to);
      let count = 0;
      for (let s = from; s < to; s++) {
        if (planting[s - from] === 0) continue;
        unreachable.pairs += out.unreachablePairs[s];
        unreachable.demand += out.unreachableDemand[s];
        count = addBushFlows(bushes, links, s, touched, count);
      }
      refreshTouched(links, touched, count);
    }
    for (let s = 0; s < slotCount; s++) warmStarted += out.warm[s];
    resumLinkFlows(bushes, links);

    const history: IterationRecord[] = [];
    const target = options.gap;
    const maxSeconds = options.maxSeconds ?? DEFAULT_MAX_SECONDS;
    // The first gap's searches also complete the fast path's bushes (with no flow: the gap holds).
    // Where repairs moved demand the warm state is no equilibrium, so that check is left out: the
    // repairs' own searches (each at its batch's costs) pick the first iteration's origins, and
    // its history record has no gap (NaN).
    const repaired = warmRepairs > 0 && options.maxIter > 0;
    if (repaired && partial > 0) await runner.run('complete');
    let gap = repaired ? NaN : await measureGap(partial > 0 ? 'finish' : 'sptt');
    let iteration = 0;
    let bestGap = repaired ? Infinity : gap;
    let bestAt = 0;
    let widened = false;
    let widenNext = false;
    let status: AssignmentStatus = 'converged';
    let reason = '';
    for (;;) {
      if (gap <= target) break;
      if (iteration >= options.maxIter) {
        status = 'iteration limit';
        reason = `stopped after ${iteration} iteration${iteration === 1 ? '' : 's'} (the limit) at relative gap ${gap.toExponential(2)}, target ${target}`;
        break;
      }
      if (elapsed() >= maxSeconds) {
        status = 'time limit';
        reason = `stopped after ${elapsed().toFixed(1)} s (the limit is ${maxSeconds} s) at relative gap ${gap.toExponential(2)}, target ${target}`;
        break;
      }
      const objective = beckmann(net, links.flow);
      const gapBefore = gap;
      if (widenNext) shift.active.fill(1);
      else markActive(out, shift.active, SETTLED_SHARE * target);
      let working = 0;
      for (let s = 0; s < slotCount; s++) working += shift.active[s];
      await runner.run(widenNext ? 'widen' : 'update');
      widenNext = false;
      const largest = await runner.shift();
      resumLinkFlows(bushes, links);
      iteration++;
      gap = await measureGap();
      const record: IterationRecord = { iteration, gap: gapBefore, step: largest, objective, seconds: elapsed(), origins: working };
      history.push(record);
      options.onIteration?.(record);
      if (gap < STALL_GAIN * bestGap) {
        bestGap = gap;
        bestAt = iteration;
      } else if (iteration - bestAt >= STALL_WINDOW && gap > target) {
        if (!widened) {
          // Change strategy once: let every bush take any acyclic edge, then watch again.
          widened = true;
          widenNext = true;
          bestAt = iteration;
        } else {
          status = 'stalled';
          reason = `the relative gap stayed near ${bestGap.toExponential(2)} for ${STALL_WINDOW} iterations, also after widening every bush; target ${target}`;
          break;
        }
      }
    }

    return {
      method: 'algb',
      status,
      ...(reason ? { reason } : {}),
      iterations: iteration,
      relativeGap: gap,
      beckmann: beckmann(net, links.flow),
      tstt: tstt(net, links.flow, links.cost),
      seconds: elapsed(),
      workers: runner.workers,
      flow: links.flow,
      cost: links.cost,
      history,
      unreachable,
      gapSeconds,
      ...(options.warmStart ? { warmStarted } : {}),
      ...(options.keepOriginFlows ? { originFlows: new BushFlows(origins, m, storage) } : {}),
      ...(options.keepZoneCosts ? { zoneCosts: { origins, cost: out.skim } } : {}),
    };
  } finally {
    await runner.close();
  }
}

/** A run's result plus the seconds spent on gap checks (tap-b leaves those out of its timings). */
export type AlgorithmBResult = AssignmentResult & { gapSeconds: number };

/** The origin flows of a result as a warm start for the same network (every used edge, weighted by its flow). */
export function warmStartFrom(flows: OriginFlows, edgeCount: number): WarmStart {
  if (flows.edgeCount !== edgeCount) throw new Error(`warmStartFrom: flows over ${flows.edgeCount} edges; expected ${edgeCount}`);
  const z = flows.origins.length;
  const rowStart = new Uint32Array(z + 1);
  let n = 0;
  for (let s = 0; s < z; s++) {
    flows.forEachEdge(s, () => n++);
    rowStart[s + 1] = n;
  }
  const edge = new Int32Array(n);
  const weight = new Float32Array(n);
  let k = 0;
  for (let s = 0; s < z; s++) {
    flows.forEachEdge(s, (e, f) => {
      edge[k] = e;
      weight[k++] = f;
    });
  }
  // forEachEdge lists a bush's edges as stored: grouped by head in topological order
  return { zone: Int32Array.from(flows.origins), rowStart, edge, weight, ordered: true };
}

/** active[s] = 1 where slot s's excess cost (the last gap check's travel − sptt) exceeds share × its sptt (every slot where none does). */
function markActive(out: SlotOutput, active: Uint8Array, share: number): void {
  let count = 0;
  for (let s = 0; s < active.length; s++) {
    active[s] = out.travel[s] - out.sptt[s] > share * out.sptt[s] ? 1 : 0;
    count += active[s];
  }
  if (count === 0) active.fill(1);
}

/**
 * The bush flows of some slots of a batch as they were (a copy), so that what a step added to
 * them can go onto the link flows alone.
 */
class BatchFlows {
  private copy = new Float64Array(0);
  private readonly at: Int32Array;
  private readonly size: Int32Array;
  private from = 0;

  constructor(
    private readonly bushes: Bushes,
    batch: number,
  ) {
    this.at = new Int32Array(batch);
    this.size = new Int32Array(batch);
  }

  /** Copies the flows of the slots in [from, to) that `take` picks; returns whether it picked any. */
  keep(from: number, to: number, take: (s: number) => boolean): boolean {
    const { bushes } = this;
    const m = bushes.net.edgeCount;
    this.from = from;
    let total = 0;
    for (let s = from; s < to; s++) {
      this.size[s - from] = take(s) ? bushes.size[s] : -1;
      this.at[s - from] = total;
      total += Math.max(0, this.size[s - from]);
    }
    if (total > this.copy.length) this.copy = new Float64Array(Math.max(total, 2 * this.copy.length));
    let any = false;
    for (let s = from; s < to; s++) {
      const n = this.size[s - from];
      if (n < 0) continue;
      any = true;
      this.copy.set(bushes.flow.subarray(s * m, s * m + n), this.at[s - from]);
    }
    return any;
  }

  kept(s: number): boolean {
    return this.size[s - this.from] >= 0;
  }

  /** Adds to the link flows what slot s's bush flows gained since `keep` (edges since joined count from zero); lists the edges touched. */
  addGrowth(s: number, links: LinkState, touched: { mark: Uint8Array; list: Int32Array }, count: number): number {
    const { bushes, copy } = this;
    const base = s * bushes.net.edgeCount;
    const old = this.size[s - this.from];
    const at = this.at[s - this.from];
    for (let k = 0, size = bushes.size[s]; k < size; k++) {
      const gain = bushes.flow[base + k] - (k < old ? copy[at + k] : 0);
      if (!(gain > 0)) continue;
      const e = bushes.edges[base + k];
      links.flow[e] += gain;
      if (touched.mark[e] === 0) {
        touched.mark[e] = 1;
        touched.list[count++] = e;
      }
    }
    return count;
  }
}

/** Adds slot s's bush flows to the link flows, listing the edges whose costs are now stale; returns the list's length. */
function addBushFlows(bushes: Bushes, links: LinkState, s: number, touched: { mark: Uint8Array; list: Int32Array }, count: number): number {
  const base = s * bushes.net.edgeCount;
  for (let k = base, end = base + bushes.size[s]; k < end; k++) {
    const e = bushes.edges[k];
    const f = bushes.flow[k];
    if (!(f > 0)) continue;
    links.flow[e] += f;
    if (touched.mark[e] === 0) {
      touched.mark[e] = 1;
      touched.list[count++] = e;
    }
  }
  return count;
}

/** Refreshes the costs of the listed edges and empties the list. */
function refreshTouched(links: LinkState, touched: { mark: Uint8Array; list: Int32Array }, count: number): void {
  for (let k = 0; k < count; k++) {
    links.refresh(touched.list[k]);
    touched.mark[touched.list[k]] = 0;
  }
}

/** Link flows = Σ bush flows in slot order (clears the drift of many small shifts); costs follow. */
function resumLinkFlows(bushes: Bushes, links: LinkState): void {
  const v = links.flow;
  const { edges, flow, size } = bushes;
  const m = bushes.net.edgeCount;
  v.fill(0);
  for (let s = 0; s < bushes.origins.length; s++) {
    const base = s * m;
    for (let k = base, end = base + size[s]; k < end; k++) v[edges[k]] += flow[k];
  }
  links.refreshAll();
}

function checkInputs(net: AssignmentNetwork, demand: OdDemand, options: AssignmentOptions): void {
  if (demand.zoneCount !== net.zoneCount) throw new Error(`Algorithm B: demand has ${demand.zoneCount} zones; expected the network's ${net.zoneCount}`);
  if (!(options.gap >= 0)) throw new Error(`Algorithm B: options.gap — expected a number ≥ 0, got ${options.gap}`);
  if (!(options.maxIter >= 0)) throw new Error(`Algorithm B: options.maxIter — expected a number ≥ 0, got ${options.maxIter}`);
  if (options.maxSeconds !== undefined && !(options.maxSeconds > 0)) throw new Error(`Algorithm B: options.maxSeconds — expected a number > 0, got ${options.maxSeconds}`);
  for (let e = 0; e < net.edgeCount; e++) {
    if (!(net.capacity[e] > 0)) throw new Error(`Algorithm B: edge ${e} capacity — expected > 0, got ${net.capacity[e]}`);
    if (!(net.freeFlowTime[e] >= 0)) throw new Error(`Algorithm B: edge ${e} free-flow time — expected ≥ 0, got ${net.freeFlowTime[e]}`);
  }
}
