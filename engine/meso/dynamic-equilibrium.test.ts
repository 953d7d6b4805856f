import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importOsm } from '../osm/import-osm.ts';
import { mulberry32 } from '../util/random.ts';
import { GraphBuilder } from '../graph/graph-builder.ts';
import { equilibriumTap } from './dynamic-equilibrium.ts';
import { mesoNetwork } from './meso-network.ts';
import { routeTime } from './path-cost.ts';
import { VehicleStatus, type QueueSimRun } from './queue-sim.ts';
import { relativeGap } from './relative-gap.ts';
import { swapRoutes } from './route-swap.ts';
import { simulate } from './simulate.ts';
import type { LinkTimes } from './td-route.ts';
import { TdTree } from './td-tree.ts';
import { tdZoneTimes } from './td-zone-times.ts';
import { tripSet } from './trips.ts';

/** Synthetic: 0 → 1 → 2 straight (2 × 500 m) and 0 → 3 → 2 round (2 × 900 m), 36 km/h, `capacityVph` each. */
function square(capacityVph: number) {
  const b = new GraphBuilder({ name: 'square (synthetic)', source: 'test', synthetic: true });
  for (let i = 0; i < 4; i++) b.addNode(-51 + i * 0.01, -30);
  const edge = (tail: number, head: number, lengthM: number) => b.addEdge({ tail, head, lengthM, capacityVph, speedKmh: 36, lanes: 1, roadClass: 11 });
  edge(0, 1, 500);
  edge(1, 2, 500);
  edge(0, 3, 900);
  edge(3, 2, 900);
  return b.finish();
}

describe('dynamic user equilibrium (synthetic two-route network)', () => {
  // 400 vehicles over 20 min, 1,200 veh/h, on two 720 veh/h routes: all on the short one, it jams
  const g = square(720);
  const n = 400;
  const trips = tripSet(Array.from({ length: n }, (_, i) => Math.floor((i * 1200) / n)), new Array(n).fill(0), new Array(n).fill(2));

  it('the relative gap of all vehicles falls run by run to the stop rule', async () => {
    const r = await simulate(g, trips, { horizonS: 3600, trajectoryEvery: 0, equilibrium: { maxRuns: 30, gap: 0.02 } });
    const gaps = r.summary.history.map((h) => h.gap);
    expect(gaps[0]).toBeGreaterThan(0.2);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeLessThan(gaps[i - 1]);
    expect(r.summary.relativeGap).toBeLessThanOrEqual(0.02);
    expect(r.summary.iterations).toBeLessThan(30);
    expect(r.summary.arrived).toBe(n);
  });

  it('the measuring tap sees each run once, with the gap the loop records and best paths that price it', async () => {
    const seen: { index: number; gap: number; recomputed: number }[] = [];
    equilibriumTap.measured = (m) => seen.push({ index: m.index, gap: m.gap, recomputed: relativeGap(m.run, m.plan.departS, m.trips, m.best.timeS) });
    try {
      const r = await simulate(g, trips, { horizonS: 3600, trajectoryEvery: 0, equilibrium: { maxRuns: 4, gap: 0 } });
      expect(seen.map((s) => s.index)).toEqual([0, 1, 2, 3]);
      expect(seen.map((s) => s.gap)).toEqual(r.summary.history.map((h) => h.gap));
      for (const s of seen) expect(s.recomputed).toBe(s.gap);
    } finally {
      equilibriumTap.measured = undefined;
    }
  });
});

describe('dynamic user equilibrium on a congested slice of Porto Alegre', () => {
  const poa = importOsm(fileURLToPath(new URL('../../data/osm/porto-alegre/poa_osm.pbf', import.meta.url))).graph;
  it('the relative gap of all vehicles falls to well under half the first run\'s', async () => {
    // 4,000 trips between 8 origins and 8 destinations within 10 min: the shortest paths jam
    const r = mulberry32(5);
    const ends = Array.from({ length: 16 }, () => Math.floor(r() * poa.nodeCount));
    const n = 4000;
    const trips = tripSet(
      Array.from({ length: n }, () => Math.floor(r() * 600)),
      Array.from({ length: n }, () => ends[Math.floor(r() * 8)]),
      Array.from({ length: n }, () => ends[8 + Math.floor(r() * 8)]),
    );
    const res = await simulate(poa, trips, { horizonS: 3600, trajectoryEvery: 0, equilibrium: { maxRuns: 3, gap: 0.02 } });
    const gaps = res.summary.history.map((h) => h.gap);
    expect(gaps[0]).toBeGreaterThan(0.1);
    expect(res.summary.iterations).toBe(3);
    expect(res.summary.relativeGap).toBeLessThan(gaps[0] / 2);
    expect(res.summary.arrived + res.summary.stuck).toBe(res.summary.vehicles);
  }, 60_000);
});

describe('relative gap, route swapping and time-dependent trees', () => {
  it('relative gap = Σ (experienced − best) / Σ experienced, over the vehicles that ran', () => {
    const run = { status: Uint8Array.of(VehicleStatus.Arrived, VehicleStatus.Stuck, VehicleStatus.Pending), endS: Int32Array.of(110, 210, -1) } as QueueSimRun;
    const departS = Int32Array.of(10, 10, 0);
    // the stuck vehicle counts its time up to its removal; the pending one not at all
    expect(relativeGap(run, departS, Int32Array.of(0, 1, 2), Float64Array.of(80, 150, 5))).toBeCloseTo((20 + 50) / 300, 12);
    expect(relativeGap(run, departS, Int32Array.of(0, 1), Float64Array.of(80, NaN))).toBeCloseTo(20 / 100, 12);
  });

  const g = square(720);
  const net = mesoNetwork(g);
  const straight = [g.firstOut[0], g.firstOut[1]];
  const round = [g.firstOut[0] + 1, g.firstOut[3]];
  const times = (slowStraight: number): LinkTimes => {
    const time = new Float64Array(2 * net.linkCount);
    for (let b = 0; b < 2; b++) for (let e = 0; e < net.linkCount; e++) time[b * net.linkCount + e] = net.fftSteps[e] + (b === 0 && e === straight[0] ? slowStraight : 0);
    return { binS: 600, startS: 0, binCount: 2, linkCount: net.linkCount, time };
  };

  it('a time-dependent tree takes the round way only while the straight one is slow', () => {
    const tree = new TdTree(g.nodeCount);
    const path: number[] = [];
    tree.grow(g, times(300), 0, 0);
    tree.pathTo(g, 2, path);
    expect(path).toEqual(round);
    expect(tree.timeTo(2)).toBe(180);
    path.length = 0;
    tree.grow(g, times(300), 0, 600); // the second bin: no slowdown
    tree.pathTo(g, 2, path);
    expect(path).toEqual(straight);
    expect(tree.timeTo(2)).toBe(100);
    expect(routeTime(times(300), straight, 0, 2, 0)).toBe(400);
  });

  it('a tree on the bucket queue finds the times of a binary-heap Dijkstra, links under 1 s and early stops included', () => {
    // a random grid of 20 × 20 nodes, times 0.2–40 s varying by bin: a Dijkstra with a binary heap is the reference
    const b = new GraphBuilder({ name: 'grid (synthetic)', source: 'test', synthetic: true });
    const side = 20;
    for (let i = 0; i < side * side; i++) b.addNode(-51 + (i % side) * 0.001, -30 + Math.floor(i / side) * 0.001);
    for (let i = 0; i < side * side; i++) {
      const x = i % side;
      const y = Math.floor(i / side);
      const edge = (j: number) => b.addEdge({ tail: i, head: j, lengthM: 100, capacityVph: 600, speedKmh: 36, lanes: 1, roadClass: 11 });
      if (x + 1 < side) edge(i + 1);
      if (x > 0) edge(i - 1);
      if (y + 1 < side) edge(i + side);
      if (y > 0) edge(i - side);
    }
    const grid = b.finish();
    const m = grid.head.length;
    const r = mulberry32(11);
    const binCount = 4;
    const time = Float64Array.from({ length: binCount * m }, () => (r() < 0.3 ? 0.2 + r() * 0.7 : 1 + Math.floor(r() * 40)));
    const lt: LinkTimes = { binS: 60, startS: 0, binCount, linkCount: m, time };
    const reference = (origin: number, departS: number) => {
      const arrive = new Float64Array(grid.nodeCount).fill(Infinity);
      const done = new Uint8Array(grid.nodeCount);
      arrive[origin] = departS;
      for (;;) {
        let u = -1;
        for (let v = 0; v < grid.nodeCount; v++) if (!done[v] && arrive[v] < Infinity && (u < 0 || arrive[v] < arrive[u])) u = v;
        if (u < 0) break;
        done[u] = 1;
        const bin = Math.min(binCount - 1, Math.floor(arrive[u] / 60));
        for (let e = grid.firstOut[u]; e < grid.firstOut[u + 1]; e++) arrive[grid.head[e]] = Math.min(arrive[grid.head[e]], arrive[u] + time[bin * m + e]);
      }
      return arrive;
    };
    const tree = new TdTree(grid.nodeCount);
    for (const [origin, departS] of [[0, 0], [210, 30], [399, 100]]) {
      const want = reference(origin, departS);
      tree.grow(grid, lt, origin, departS);
      for (let v = 0; v < grid.nodeCount; v++) expect(tree.timeTo(v)).toBeCloseTo(want[v] - departS, 9);
      // stopping once three destinations are settled gives them the same times and paths that take them
      const dests = [5, 123, 377];
      tree.grow(grid, lt, origin, departS, dests);
      for (const d of dests) {
        expect(tree.timeTo(d)).toBeCloseTo(want[d] - departS, 9);
        const path: number[] = [];
        tree.pathTo(grid, d, path);
        if (d !== origin) expect(routeTime(lt, path, 0, path.length, departS)).toBeCloseTo(want[d] - departS, 9);
      }
    }
  });

  it('zone-to-zone times of a dynamic run are the mean over the period\'s departures of time-dependent times', () => {
    // departures at 300 s (slow first bin: round way, 180 s) and 900 s (straight, 100 s)
    const z = tdZoneTimes(g, times(300), [0, 2, 0], 0, 1200, 600);
    expect(z[0 * 3 + 1]).toBe(140);
    expect(z[0 * 3 + 2]).toBe(0); // the same road node
    expect(z[2 * 3 + 1]).toBe(140);
    expect(Number.isNaN(z[1 * 3 + 0])).toBe(true); // no way back from node 2
  });

  it('swapping moves vehicles in proportion to their excess, never one on its best path, and keeps every vehicle on a route of its own OD', () => {
    const n = 2000;
    const routeStart = Int32Array.from({ length: n + 1 }, (_, i) => 2 * i);
    const routeLinks = Int32Array.from({ length: 2 * n }, (_, k) => (k % 2 === 0 ? (k < n ? round[0] : straight[0]) : k < n ? round[1] : straight[1]));
    const plan = { vehicleCount: n, departS: new Int32Array(n), routeStart, routeLinks };
    const trips = Int32Array.from({ length: n }, (_, i) => i);
    const t = times(300);
    // everyone's best path is the round way (180 s); the straight way takes 400 s there
    const best = { starts: Int32Array.from({ length: n + 1 }, (_, i) => 2 * i), links: Int32Array.from({ length: 2 * n }, (_, k) => round[k % 2]), timeS: new Float64Array(n).fill(180) };
    const r = swapRoutes(plan, t, trips, best, 0.5, 1, 1);
    // the first half is on its best path already: none moves; of the second, about 0.5 × 220 / 400
    for (let v = 0; v < n / 2; v++) expect(Array.from(r.plan.routeLinks.subarray(r.plan.routeStart[v], r.plan.routeStart[v + 1]))).toEqual(round);
    expect(r.moved / (n / 2)).toBeGreaterThan(0.275 - 0.05);
    expect(r.moved / (n / 2)).toBeLessThan(0.275 + 0.05);
    let onRound = 0;
    for (let v = 0; v < n; v++) {
      const links = Array.from(r.plan.routeLinks.subarray(r.plan.routeStart[v], r.plan.routeStart[v + 1]));
      expect(g.tail[links[0]]).toBe(0);
      expect(g.head[links[links.length - 1]]).toBe(2);
      for (let i = 1; i < links.length; i++) expect(g.tail[links[i]]).toBe(g.head[links[i - 1]]);
      if (links[0] === round[0]) onRound++;
    }
    // flow conservation: the OD's vehicles are all still there, split over its two routes
    expect(onRound).toBe(n / 2 + r.moved);
    expect(r.plan.vehicleCount).toBe(n);
  });
});
