/**
 * Proportional route swapping (Lu, Mahmassani and Zhou 2009; DTALite's gap-based swap, Zhou
 * and Taylor 2014): each vehicle that ran moves from its route to the best time-dependent path
 * of its origin, destination and departure interval with probability
 *
 *   p = min(1, step × (time of its route − time of the best path) / time of its route),
 *
 * both times on the same experienced link times from the vehicle's own departure (routeTime),
 * so the flow moved off a route is in proportion to its relative excess cost and a vehicle
 * already on a best path never moves. The route set of an OD pair and interval is the routes
 * its vehicles drive, grown each iteration by the new best paths. The draw is a hash of
 * (seed, vehicle, iteration): the same plan whatever the worker count.
 */
import { routeTime } from './path-cost.ts';
import { unitHash, type MesoPlan } from './queue-sim.ts';
import type { LinkTimes, TripPaths } from './td-route.ts';

export interface SwapResult {
  plan: MesoPlan;
  /** Vehicles moved to their best path. */
  moved: number;
  /** 1 for each vehicle moved. */
  take?: Uint8Array;
  /** Predicted time of each vehicle's new path (NaN if not moved), where a mover's path is not always its best path. */
  predictedS?: Float64Array;
}

/** `trips[i]` has best path best.links[best.starts[i] .. best.starts[i+1]-1]; vehicles not listed keep their route. */
export function swapRoutes(plan: MesoPlan, times: LinkTimes, trips: Int32Array, best: TripPaths, step: number, seed: number, iteration: number): SwapResult {
  const n = plan.vehicleCount;
  const { routeStart, routeLinks, departS } = plan;
  // position of each vehicle in `trips` (-1: not listed)
  const at = new Int32Array(n).fill(-1);
  for (let i = 0; i < trips.length; i++) at[trips[i]] = i;
  const take = new Uint8Array(n);
  let moved = 0;
  for (let v = 0; v < n; v++) {
    const i = at[v];
    if (i < 0 || best.starts[i + 1] === best.starts[i] || !Number.isFinite(best.timeS[i])) continue;
    const own = routeTime(times, routeLinks, routeStart[v], routeStart[v + 1], departS[v]);
    const excess = own - best.timeS[i];
    if (!(excess > 0) || samePath(routeLinks, routeStart[v], routeStart[v + 1], best.links, best.starts[i], best.starts[i + 1])) continue;
    // a route through a closed link (Infinity) always moves
    const p = own === Infinity ? 1 : Math.min(1, (step * excess) / own);
    if (unitHash(seed, v, iteration, 0x5a9) < p) {
      take[v] = 1;
      moved++;
    }
  }
  return { plan: swappedPlan(plan, best, at, take), moved, take };
}

/** The plan with each vehicle v where take[v] on its best path best.links[best.starts[at[v]] ..], the others on their route. */
export function swappedPlan(plan: MesoPlan, best: TripPaths, at: Int32Array, take: Uint8Array): MesoPlan {
  const n = plan.vehicleCount;
  const { routeStart, routeLinks, departS } = plan;
  const start = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) start[v + 1] = start[v] + (take[v] ? best.starts[at[v] + 1] - best.starts[at[v]] : routeStart[v + 1] - routeStart[v]);
  const links = new Int32Array(start[n]);
  for (let v = 0; v < n; v++) {
    if (take[v]) links.set(best.links.subarray(best.starts[at[v]], best.starts[at[v] + 1]), start[v]);
    else links.set(routeLinks.subarray(routeStart[v], routeStart[v + 1]), start[v]);
  }
  return { vehicleCount: n, departS, routeStart: start, routeLinks: links };
}

/** Whether a[a0 .. a1) and b[b0 .. b1) are the same links. */
export function samePath(a: Int32Array, a0: number, a1: number, b: Int32Array, b0: number, b1: number): boolean {
  if (a1 - a0 !== b1 - b0) return false;
  for (let i = 0; i < a1 - a0; i++) if (a[a0 + i] !== b[b0 + i]) return false;
  return true;
}
