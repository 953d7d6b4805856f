/**
 * Route swapping that prices its own moves (scheme 'capacity' of dynamic-equilibrium.ts): the
 * proportional swap of route-swap.ts draws candidates with probability step × relative excess,
 * but every candidate is then checked, one after another, against the moves already accepted
 * this iteration, as gradient projection does with its cost derivatives (Jayakrishnan et al.
 * 1994): a link and bin that the accepted movers push over its flow capacity costs each further
 * mover the extra queue, (vehicles over capacity) / capacity seconds; a saturated link that
 * movers leave gets faster by (vehicles gone) / capacity, up to its delay. A candidate moves
 * only while its best path, so loaded, is still faster than its route, so unloaded: the swap
 * stops filling a best path once it would be no better, instead of sending every driver of an
 * origin and interval onto it at once and overshooting.
 *
 * `queueWeight` scales the queue a mover is charged (1: the point-queue estimate; more: for
 * queues that spill back onto other streets, which the estimate does not see).
 *
 * Terms: *entries* of (link, bin) are the vehicles that entered the link in that bin in the run
 * (from the run's enterS); its *capacity* per bin is capacityPerS × binS. Candidates are taken
 * by relative excess, largest first (ties by vehicle), so the check is deterministic. A route
 * through a closed link (Infinity) always moves.
 */
import { routeTime } from './path-cost.ts';
import { unitHash, type MesoPlan, type QueueSimRun } from './queue-sim.ts';
import { samePath, swappedPlan, type SwapResult } from './route-swap.ts';
import type { LinkTimes, TripPaths } from './td-route.ts';

/** A link is saturated in a bin when its entries reach this share of its capacity then. */
export const SATURATED = 0.9;
/**
 * The queue a mover is charged, times the point-queue estimate: measured on Porto Alegre's AM
 * peak (bench/RESULTS.md), 1 lets through so many that queues spill back and the gap rises;
 * 5 and 10 converge alike, 10 a little faster over the first seven runs.
 */
export const DEFAULT_QUEUE_WEIGHT = 10;

export function capacitySwap(plan: MesoPlan, run: QueueSimRun, times: LinkTimes, trips: Int32Array, best: TripPaths, capacityPerS: Float64Array, step: number, seed: number, iteration: number, queueWeight = DEFAULT_QUEUE_WEIGHT): SwapResult {
  const n = plan.vehicleCount;
  const { routeStart, routeLinks, departS } = plan;
  const { binS, startS, binCount, linkCount: m, time } = times;
  const binOf = (t: number) => {
    const b = Math.floor((t - startS) / binS);
    return b < 0 ? 0 : b >= binCount ? binCount - 1 : b;
  };
  // vehicles that entered each (bin, link), then the room left under capacity (negative: over)
  const spare = new Float64Array(binCount * m);
  for (let i = 0; i < routeLinks.length; i++) if (run.enterS[i] >= 0) spare[binOf(run.enterS[i]) * m + routeLinks[i]] -= 1;
  const saturated = new Uint8Array(binCount * m);
  for (let b = 0; b < binCount; b++) {
    for (let e = 0; e < m; e++) {
      const c = b * m + e;
      const cap = capacityPerS[e] * binS;
      saturated[c] = -spare[c] >= SATURATED * cap ? 1 : 0;
      spare[c] += cap;
    }
  }
  // movers added to and taken from each (bin, link) this iteration
  const added = new Float64Array(binCount * m);
  const gone = new Float64Array(binCount * m);

  const at = new Int32Array(n).fill(-1);
  for (let i = 0; i < trips.length; i++) at[trips[i]] = i;
  const own = new Float64Array(n);
  const rel = new Float64Array(n);
  const cand: number[] = [];
  for (let v = 0; v < n; v++) {
    const i = at[v];
    if (i < 0 || best.starts[i + 1] === best.starts[i] || !Number.isFinite(best.timeS[i])) continue;
    own[v] = routeTime(times, routeLinks, routeStart[v], routeStart[v + 1], departS[v]);
    const excess = own[v] - best.timeS[i];
    if (!(excess > 0) || samePath(routeLinks, routeStart[v], routeStart[v + 1], best.links, best.starts[i], best.starts[i + 1])) continue;
    rel[v] = own[v] === Infinity ? Infinity : excess / own[v];
    if (unitHash(seed, v, iteration, 0x5a9) < Math.min(1, step * rel[v])) cand.push(v);
  }
  cand.sort((a, b) => rel[b] - rel[a] || a - b);

  const take = new Uint8Array(n);
  let moved = 0;
  for (const v of cand) {
    const i = at[v];
    const b0 = best.starts[i];
    const b1 = best.starts[i + 1];
    if (own[v] !== Infinity) {
      // the best path with the movers so far: each saturated-over (bin, link) adds its queue
      let extra = 0;
      let t = departS[v] + (times.entryWaitS ? times.entryWaitS[binOf(departS[v]) * m + best.links[b0]] : 0);
      for (let k = b0; k < b1; k++) {
        const c = binOf(t) * m + best.links[k];
        const over = added[c] + 1 - Math.max(0, spare[c]);
        if (over > 0) extra += (queueWeight * over) / capacityPerS[best.links[k]];
        t += time[c];
      }
      // the route without the movers so far: saturated links it uses get faster
      let relief = 0;
      for (let k = routeStart[v]; k < routeStart[v + 1]; k++) {
        if (run.enterS[k] < 0) break;
        const e = routeLinks[k];
        const c = binOf(run.enterS[k]) * m + e;
        if (saturated[c] && gone[c] > 0) relief += Math.min(time[c], gone[c] / capacityPerS[e]);
      }
      if (!(best.timeS[i] + extra < own[v] - relief)) continue;
    }
    take[v] = 1;
    moved++;
    let t = departS[v] + (times.entryWaitS ? times.entryWaitS[binOf(departS[v]) * m + best.links[b0]] : 0);
    for (let k = b0; k < b1; k++) {
      const c = binOf(t) * m + best.links[k];
      added[c]++;
      t += time[c];
    }
    for (let k = routeStart[v]; k < routeStart[v + 1]; k++) {
      if (run.enterS[k] < 0) break;
      gone[binOf(run.enterS[k]) * m + routeLinks[k]]++;
    }
  }

  return { plan: swappedPlan(plan, best, at, take), moved, take };
}
