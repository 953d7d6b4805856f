import { describe, expect, it } from 'vitest';
import { capacityCheck, capacitySwap } from './capacity-swap.ts';
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

describe('capacity-checked swapping with spillback priced', () => {
  // nodes 0–3; links (by tail): 0 A 0→1 (60 s), 1 0→2 (300 s), 2 0→3 (250 s),
  // 3 0→3 (100 s, 0.1 veh/s), 4 E 1→2 (60 s, 0.2 veh/s, storage 1), 5 F 1→3 (60 s)
  const net = { firstOut: Uint32Array.from([0, 4, 6, 6, 6]), head: Uint32Array.from([1, 2, 3, 3, 2, 3]), storage: Int32Array.from([100, 100, 100, 100, 1, 100]) };
  const cap = Float64Array.from([10, 10, 10, 0.1, 0.2, 10]);
  const lt: LinkTimes = { binS: 300, startS: 0, binCount: 2, linkCount: 6, time: Float64Array.from([60, 300, 250, 100, 60, 60, 60, 300, 250, 100, 60, 60]) };
  // group 1 (0–199): link 1 → best A, E; group 2 (200–299): link 2 → best A, F; group 3 (300–399): A, F → best link 3
  const groups = [
    { count: 200, own: [1], enter: [0], end: 300, best: [0, 4], bestS: 120 },
    { count: 100, own: [2], enter: [0], end: 250, best: [0, 5], bestS: 120 },
    { count: 100, own: [0, 5], enter: [0, 60], end: 120, best: [3], bestS: 100 },
  ];
  const rs = [0];
  const rl: number[] = [];
  const en: number[] = [];
  const endS: number[] = [];
  const bs = [0];
  const bl: number[] = [];
  const bt: number[] = [];
  for (const g of groups) {
    for (let j = 0; j < g.count; j++) {
      rl.push(...g.own);
      en.push(...g.enter);
      rs.push(rl.length);
      endS.push(g.end);
      bl.push(...g.best);
      bs.push(bl.length);
      bt.push(g.bestS);
    }
  }
  const v = endS.length;
  const p = { vehicleCount: v, departS: new Int32Array(v), routeStart: Int32Array.from(rs), routeLinks: Int32Array.from(rl) };
  const r: QueueSimRun = { status: new Uint8Array(v).fill(VehicleStatus.Arrived), endS: Int32Array.from(endS), enterS: Int32Array.from(en), reached: new Int32Array(v), arrived: v, stuck: 0, unfinished: 0, squeezed: 0, lastS: 300 };
  const order = Int32Array.from({ length: v }, (_, i) => i);
  const paths = { starts: Int32Array.from(bs), links: Int32Array.from(bl), timeS: Float64Array.from(bt) };
  const movedOf = (res: { take?: Uint8Array }) => [0, 200, 300].map((from, g) => res.take!.subarray(from, from + groups[g].count).reduce((a, x) => a + x, 0));

  it('charges the queue the movers back up onto the links entering a full link, on the best path and on the route', () => {
    // without it: group 1 fills E until 120 + 5 (k − 60) ≥ 300 (95 movers); group 2 all moves;
    // group 3 onto link 3 while 100 + 10 (k − 30) < 120 (31)
    expect(movedOf(capacitySwap(p, r, lt, order, paths, cap, 10, 1, 1, 1))).toEqual([95, 100, 31]);
    // with it: E's 35 vehicles over capacity are 34 past its storage, backed up on A: turning to F
    // at A's end waits 34 / 0.2 = 170 s. Group 2 would take 120 + 170 > 250: none moves; group 3's
    // route A, F waits so too: 100 + 10 (k − 30) < 120 + 170 (48)
    expect(movedOf(capacitySwap(p, r, lt, order, paths, cap, 10, 1, 1, 1, { weight: 1, net }))).toEqual([95, 0, 48]);
    // weight 0 is off
    expect(movedOf(capacitySwap(p, r, lt, order, paths, cap, 10, 1, 1, 1, { weight: 0, net }))).toEqual([95, 100, 31]);
  });

  it('counts a queue already past storage in the run: every further vehicle over capacity spills', () => {
    // 20 vehicles still on E at the end of bin 0 (entered it, never left: the run ended them later)
    const p2 = { ...p, vehicleCount: v + 20, departS: new Int32Array(v + 20), routeStart: Int32Array.from([...rs, ...Array.from({ length: 20 }, (_, j) => rl.length + j + 1)]), routeLinks: Int32Array.from([...rl, ...new Array(20).fill(4)]) };
    const r2: QueueSimRun = { ...r, status: new Uint8Array(v + 20).fill(VehicleStatus.Arrived), endS: Int32Array.from([...endS, ...new Array(20).fill(400)]), enterS: Int32Array.from([...en, ...new Array(20).fill(100)]), reached: new Int32Array(v + 20) };
    const res = capacitySwap(p2, r2, lt, order, paths, cap, 10, 1, 1, 1, { weight: 1, net });
    // E's room is 60 − 20 = 40: group 1 moves while 120 + 5 (k − 40) < 300 (75), 35 over capacity, all 35
    // past storage (20 ≥ 1 already): group 3 waits 175 s on its route, 100 + 10 (k − 30) < 295 (49)
    expect(movedOf(res)).toEqual([75, 0, 49]);
  });
});

describe('a second chance for the vehicles the check holds back', () => {
  // three ways from node 0 to node 1: 0 the route (300 s), 1 the best (100 s), 2 a second (150 s); 1 and 2 take 0.1 veh/s (30 a bin)
  const k = 200;
  const p = { vehicleCount: k, departS: new Int32Array(k), routeStart: Int32Array.from({ length: k + 1 }, (_, i) => i), routeLinks: new Int32Array(k) };
  const r: QueueSimRun = { status: new Uint8Array(k).fill(VehicleStatus.Arrived), endS: new Int32Array(k).fill(300), enterS: new Int32Array(k), reached: new Int32Array(k), arrived: k, stuck: 0, unfinished: 0, squeezed: 0, lastS: 300 };
  const lt: LinkTimes = { binS: 300, startS: 0, binCount: 1, linkCount: 3, time: Float64Array.from([300, 100, 150]) };
  const cap = Float64Array.from([10, 0.1, 0.1]);
  const order = Int32Array.from({ length: k }, (_, i) => i);
  const paths = { starts: Int32Array.from({ length: k + 1 }, (_, i) => i), links: new Int32Array(k).fill(1), timeS: new Float64Array(k).fill(100) };

  it('moves them onto the path found on the times loaded with the accepted moves, when the check accepts it', () => {
    const c = capacityCheck(p, r, lt, order, paths, cap, 10, 1, 1, 1);
    // first pass: 100 + 10 (j − 30) < 300, 49 onto the best way; the other 151 held
    const held = c.held();
    expect(held.length).toBe(151);
    // the best way loaded with 19 vehicles over its room: 100 + 190 s; the second way untouched
    expect(Array.from(c.loaded().time)).toEqual([300, 290, 150]);
    // on those times the second way is best: 150 + 10 (j − 30) < 300, 44 more
    const second = { starts: Int32Array.from({ length: held.length + 1 }, (_, i) => i), links: new Int32Array(held.length).fill(2), timeS: new Float64Array(held.length).fill(150) };
    expect(c.retry(held, second)).toBe(44);
    const res = c.result();
    expect(res.moved).toBe(93);
    const on = [0, 0, 0];
    for (let v = 0; v < k; v++) on[res.plan.routeLinks[res.plan.routeStart[v]]]++;
    expect(on).toEqual([107, 49, 44]);
    expect(res.predictedS![held[0]]).toBe(150);
    // without the second chance: the 49 alone, as capacitySwap
    expect(capacitySwap(p, r, lt, order, paths, cap, 10, 1, 1, 1).moved).toBe(49);
  });
});
