import { describe, expect, it } from 'vitest';
import { capacitySwap } from './capacity-swap.ts';
import { VehicleStatus, type QueueSimRun } from './queue-sim.ts';
import { swapRoutes } from './route-swap.ts';
import type { LinkTimes } from './td-route.ts';

// links 0, 1: the straight way (200 s each); links 2, 3: the round way (90 s each)
const n = 2000;
const routeStart = Int32Array.from({ length: n + 1 }, (_, i) => 2 * i);
const plan = { vehicleCount: n, departS: new Int32Array(n), routeStart, routeLinks: Int32Array.from({ length: 2 * n }, (_, k) => k % 2) };
const run: QueueSimRun = {
  status: new Uint8Array(n).fill(VehicleStatus.Arrived),
  endS: new Int32Array(n).fill(400),
  enterS: Int32Array.from({ length: 2 * n }, (_, k) => (k % 2 === 0 ? 0 : 200)),
  reached: new Int32Array(n).fill(1),
  arrived: n,
  stuck: 0,
  unfinished: 0,
  squeezed: 0,
  lastS: 400,
};
const times = (closedStraight = false): LinkTimes => ({ binS: 300, startS: 0, binCount: 2, linkCount: 4, time: Float64Array.from([closedStraight ? Infinity : 200, 200, 90, 90, 200, 200, 90, 90]) });
const trips = Int32Array.from({ length: n }, (_, i) => i);
const best = { starts: Int32Array.from({ length: n + 1 }, (_, i) => 2 * i), links: Int32Array.from({ length: 2 * n }, (_, k) => 2 + (k % 2)), timeS: new Float64Array(n).fill(180) };

describe('capacity-checked route swapping', () => {
  it('stops sending vehicles onto a best path once the queue they add leaves it no faster', () => {
    // the round way takes 0.1 veh/s (30 a bin); the straight way 1 veh/s, saturated by the 2,000
    const cap = Float64Array.from([1, 1, 0.1, 0.1]);
    const r = capacitySwap(plan, run, times(), trips, best, cap, 1, 1, 1, 1);
    // mover k pays 2 × 10 (k − 30) s of queue and relieves the straight way by 2k s: 180 + 20 (k − 30) < 400 − 2k, k ≤ 37
    expect(r.moved).toBe(37);
    // the unchecked swap sends about 0.55 of them
    expect(swapRoutes(plan, times(), trips, best, 1, 1, 1).moved).toBeGreaterThan(1000);
    let onRound = 0;
    for (let v = 0; v < n; v++) if (r.plan.routeLinks[r.plan.routeStart[v]] === 2) onRound++;
    expect(onRound).toBe(37);
    // charged five times the queue: 180 + 100 (k − 30) < 400 − 2k, k ≤ 31
    expect(capacitySwap(plan, run, times(), trips, best, cap, 1, 1, 1, 5).moved).toBe(31);
  });

  it('with room to spare moves every drawn candidate, and a route through a closed link always', () => {
    // neither way near capacity: no queue added, none relieved
    const roomy = capacitySwap(plan, run, times(), trips, best, Float64Array.from([100, 100, 100, 100]), 1, 1, 1);
    expect(roomy.moved).toBe(swapRoutes(plan, times(), trips, best, 1, 1, 1).moved);
    const closed = capacitySwap(plan, run, times(true), trips, best, Float64Array.from([1, 1, 0.1, 0.1]), 1, 1, 1);
    expect(closed.moved).toBe(n);
  });

  it('counts relief on the route left: leaving a saturated way makes staying better sooner', () => {
    // the round way has room; the straight way (1 veh/s) is saturated: movers leave until it is as fast
    const r = capacitySwap(plan, run, times(), trips, best, Float64Array.from([1, 1, 100, 100]), 1, 1, 1);
    // relief 2k s (each straight link by k / 1 s): 180 < 400 − 2k, k < 110
    expect(r.moved).toBe(110);
  });
});
