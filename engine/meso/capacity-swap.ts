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
 * With `spill` (a weight > 0) the check also prices spillback, the queue the accepted movers
 * back up past a link's storage onto the links that enter it. From the run, a link's
 * *occupancy* at the end of each bin is the vehicles on it then (entered, not yet left); the
 * movers so far change its queue by their vehicles over capacity (added beyond the room left)
 * less those gone from it where it is saturated. What that change pushes past the storage, or
 * takes back from a queue already past it, is the link's *spill* in that bin. A FIFO link
 * entering the spilled link's tail node holds its share (by flow capacity) of the spilled
 * queue, so a vehicle reaching the end of it that turns elsewhere (or ends there) waits behind
 * them: share × spill / capacity of the spilled link seconds. A candidate's best path is charged
 * what it meets so, and its route, which suffers the same if it stays, is charged it too: moving
 * off links blocked by the movers' spillback counts for moving, moving onto them against it.
 * Both are weighted by `queueWeight` × `spill`.
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

/** What the spillback price needs of the network (meso-network.ts): out-links by tail node, heads, storage. */
export interface SpillNetwork {
  firstOut: Uint32Array;
  head: Uint32Array;
  storage: Int32Array;
}

/** Spillback pricing of the check: its weight (× queueWeight; 0: off) and the network. */
export interface SpillOptions {
  weight: number;
  net: SpillNetwork;
}

export function capacitySwap(plan: MesoPlan, run: QueueSimRun, times: LinkTimes, trips: Int32Array, best: TripPaths, capacityPerS: Float64Array, step: number, seed: number, iteration: number, queueWeight = DEFAULT_QUEUE_WEIGHT, spill?: SpillOptions): SwapResult {
  return capacityCheck(plan, run, times, trips, best, capacityPerS, step, seed, iteration, queueWeight, spill).result();
}

/**
 * The check of capacitySwap, kept open for a second chance: `held` lists the candidates the
 * check held back (in trip order, for bestPathOrder's grouping), `loaded` is the link times with
 * the accepted movers' queue on them (each (link, bin) past its room costs queueWeight × the
 * vehicles over / capacity more), and `retry` checks the held vehicles again, in the same order
 * and against the same running counts, on paths found on those loaded times (time priced on the
 * run's times plus the check's charge, as for the first path): one that the check now accepts
 * moves to that path instead of staying. `result` builds the plan.
 */
export interface CapacityCheck {
  held: () => Int32Array;
  loaded: () => LinkTimes;
  retry: (held: Int32Array, paths: TripPaths) => number;
  result: () => SwapResult;
}

export function capacityCheck(plan: MesoPlan, run: QueueSimRun, times: LinkTimes, trips: Int32Array, best: TripPaths, capacityPerS: Float64Array, step: number, seed: number, iteration: number, queueWeight = DEFAULT_QUEUE_WEIGHT, spill?: SpillOptions): CapacityCheck {
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

  const spillAt = spill && spill.weight > 0 ? spillPrice(plan, run, times, capacityPerS, spare, saturated, added, gone, spill.net) : undefined;
  const spillW = spill ? queueWeight * spill.weight : 0;

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

  // the path each mover takes: 1 its best path, 2 its second-chance path (index in `alt`)
  const take = new Uint8Array(n);
  const held = new Uint8Array(n);
  const altAt = new Int32Array(n).fill(-1);
  const altS = new Float64Array(n);
  let alt: TripPaths | undefined;
  let moved = 0;

  /** Whether vehicle v, on path links[b0 .. b1) of time pathS, passes the check; if so it moves there. */
  const check = (v: number, links: Int32Array, b0: number, b1: number, pathS: number): boolean => {
    if (own[v] !== Infinity) {
      // the path with the movers so far: each saturated-over (bin, link) adds its queue
      let extra = 0;
      let t = departS[v] + (times.entryWaitS ? times.entryWaitS[binOf(departS[v]) * m + links[b0]] : 0);
      for (let k = b0; k < b1; k++) {
        const c = binOf(t) * m + links[k];
        const over = added[c] + 1 - Math.max(0, spare[c]);
        if (over > 0) extra += (queueWeight * over) / capacityPerS[links[k]];
        t += time[c];
        if (spillAt) extra += spillW * spillAt(links[k], k + 1 < b1 ? links[k + 1] : -1, t);
      }
      // the route without the movers so far: saturated links it uses get faster
      let relief = 0;
      for (let k = routeStart[v]; k < routeStart[v + 1]; k++) {
        if (run.enterS[k] < 0) break;
        const e = routeLinks[k];
        const c = binOf(run.enterS[k]) * m + e;
        if (saturated[c] && gone[c] > 0) relief += Math.min(time[c], gone[c] / capacityPerS[e]);
        if (spillAt) {
          const last = k + 1 >= routeStart[v + 1] || run.enterS[k + 1] < 0;
          relief -= spillW * spillAt(e, last ? -1 : routeLinks[k + 1], last ? run.endS[v] : run.enterS[k + 1]);
        }
      }
      if (!(pathS + extra < own[v] - relief)) return false;
    }
    moved++;
    let t = departS[v] + (times.entryWaitS ? times.entryWaitS[binOf(departS[v]) * m + links[b0]] : 0);
    for (let k = b0; k < b1; k++) {
      const c = binOf(t) * m + links[k];
      added[c]++;
      t += time[c];
    }
    for (let k = routeStart[v]; k < routeStart[v + 1]; k++) {
      if (run.enterS[k] < 0) break;
      gone[binOf(run.enterS[k]) * m + routeLinks[k]]++;
    }
    return true;
  };

  for (const v of cand) {
    const i = at[v];
    if (check(v, best.links, best.starts[i], best.starts[i + 1], best.timeS[i])) take[v] = 1;
    else held[v] = 1;
  }

  return {
    held: () => Int32Array.from(trips.filter((v) => held[v] === 1)),
    loaded: () => {
      const loaded = Float64Array.from(time);
      for (let c = 0; c < loaded.length; c++) {
        const over = added[c] - Math.max(0, spare[c]);
        if (over > 0) loaded[c] += (queueWeight * over) / capacityPerS[c % m];
      }
      return { ...times, time: loaded };
    },
    retry: (list, paths) => {
      alt = paths;
      let again = 0;
      const order = Array.from(list.keys()).sort((a, b) => rel[list[b]] - rel[list[a]] || list[a] - list[b]);
      for (const j of order) {
        const v = list[j];
        const a0 = paths.starts[j];
        const a1 = paths.starts[j + 1];
        if (a1 === a0 || samePath(routeLinks, routeStart[v], routeStart[v + 1], paths.links, a0, a1)) continue;
        const pathS = routeTime(times, paths.links, a0, a1, departS[v]);
        if (!(pathS < own[v]) || !check(v, paths.links, a0, a1, pathS)) continue;
        take[v] = 2;
        altAt[v] = j;
        altS[v] = pathS;
        held[v] = 0;
        again++;
      }
      return again;
    },
    result: () => {
      if (!alt) return { plan: swappedPlan(plan, best, at, take), moved, take };
      // one path list: the best paths, then the second-chance ones
      const k = trips.length;
      const starts = new Int32Array(k + alt.starts.length);
      starts.set(best.starts);
      for (let j = 1; j < alt.starts.length; j++) starts[k + j] = best.links.length + alt.starts[j];
      const links = new Int32Array(best.links.length + alt.links.length);
      links.set(best.links);
      links.set(alt.links, best.links.length);
      const where = Int32Array.from(at, (i, v) => (take[v] === 2 ? k + altAt[v] : i));
      const flags = Uint8Array.from(take, (x) => (x ? 1 : 0));
      const predictedS = Float64Array.from(take, (x, v) => (x === 1 ? best.timeS[at[v]] : x === 2 ? altS[v] : NaN));
      return { plan: swappedPlan(plan, { starts, links, timeS: best.timeS }, where, flags), moved, take: flags, predictedS };
    },
  };
}

/**
 * The spillback price (see the file comment): a function of (link u, the next link taken or -1,
 * the time u is left) giving the seconds a vehicle waits behind the movers' spillback from the
 * other links leaving u's head, read off the live `added` and `gone` counts.
 */
function spillPrice(plan: MesoPlan, run: QueueSimRun, times: LinkTimes, capacityPerS: Float64Array, spare: Float64Array, saturated: Uint8Array, added: Float64Array, gone: Float64Array, net: SpillNetwork): (u: number, next: number, t: number) => number {
  const { binS, startS, binCount, linkCount: m } = times;
  const binOf = (t: number) => {
    const b = Math.floor((t - startS) / binS);
    return b < 0 ? 0 : b >= binCount ? binCount - 1 : b;
  };
  // occupancy at the end of each bin: +1 from the bin entered, −1 from the bin left
  const occ = new Float64Array(binCount * m);
  const { routeStart, routeLinks } = plan;
  for (let v = 0; v < plan.vehicleCount; v++) {
    for (let k = routeStart[v]; k < routeStart[v + 1]; k++) {
      if (run.enterS[k] < 0) break;
      const e = routeLinks[k];
      occ[binOf(run.enterS[k]) * m + e]++;
      const left = k + 1 < routeStart[v + 1] && run.enterS[k + 1] >= 0 ? run.enterS[k + 1] : run.endS[v];
      if (left >= 0 && left < startS + binCount * binS) occ[binOf(left) * m + e]--;
    }
  }
  for (let b = 1; b < binCount; b++) for (let e = 0; e < m; e++) occ[b * m + e] += occ[(b - 1) * m + e];
  // flow capacity into each node
  const inCap = new Float64Array(net.firstOut.length - 1);
  for (let e = 0; e < m; e++) inCap[net.head[e]] += capacityPerS[e];
  return (u, next, t) => {
    const x = net.head[u];
    if (!(inCap[x] > 0)) return 0;
    const b = binOf(t) * m;
    let wait = 0;
    for (let e = net.firstOut[x]; e < net.firstOut[x + 1]; e++) {
      if (e === next || !(capacityPerS[e] > 0)) continue;
      const c = b + e;
      const change = Math.max(0, added[c] - Math.max(0, spare[c])) - (saturated[c] ? gone[c] : 0);
      if (change === 0) continue;
      const o = occ[c];
      const s = net.storage[e];
      const spilt = Math.max(0, o + change - s) - Math.max(0, o - s);
      if (spilt !== 0) wait += spilt / capacityPerS[e];
    }
    return (wait * capacityPerS[u]) / inCap[x];
  };
}
