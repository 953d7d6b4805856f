import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../graph/graph-builder.ts';
import { closureEvents, closureGroups } from './closures.ts';
import { mesoNetwork } from './meso-network.ts';
import { runQueueSim, VehicleStatus, type MesoPlan } from './queue-sim.ts';
import { simulate } from './simulate.ts';
import { tripSet } from './trips.ts';

const closures = (link: number[], fromS: number[], toS: number[]) => ({ link: Int32Array.from(link), fromS: Int32Array.from(fromS), toS: Int32Array.from(toS) });

/** One link 0→1 of 500 m at 1800 veh/h, 50 km/h (36 s free flow). */
function oneLink() {
  const b = new GraphBuilder({ name: 'one', source: 'test', synthetic: true });
  b.addNode(-51, -30);
  b.addNode(-50.995, -30);
  b.addEdge({ tail: 0, head: 1, lengthM: 500, capacityVph: 1800, speedKmh: 50, lanes: 1, roadClass: 0 });
  return b.finish();
}

describe('closures in time', () => {
  it('a link closed in a window lets nothing through in it, then serves its queue', () => {
    const net = mesoNetwork(oneLink());
    // one vehicle every 2 s from t = 0 to 1998
    const n = 1000;
    const plan: MesoPlan = { vehicleCount: n, departS: Int32Array.from({ length: n }, (_, i) => 2 * i), routeStart: Int32Array.from({ length: n + 1 }, (_, i) => i), routeLinks: new Int32Array(n) };
    const open = runQueueSim(net, plan);
    const shut = runQueueSim(net, plan, { closures: closures([0], [600], [1200]) });
    expect(open.arrived).toBe(n);
    expect(shut.arrived).toBe(n);
    const inWindow = (r: typeof open) => Array.from(r.endS).filter((t) => t >= 600 && t < 1200).length;
    expect(inWindow(open)).toBeGreaterThan(250);
    expect(inWindow(shut)).toBe(0);
    // nobody entered during the window either
    expect(Array.from(shut.enterS).filter((t) => t >= 600 && t < 1200).length).toBe(0);
    // vehicles that depart before the window are unaffected
    for (let v = 0; v < 200; v++) if (open.endS[v] < 600) expect(shut.endS[v]).toBe(open.endS[v]);
    // at reopening the held vehicles leave at capacity (0.5 veh/s): after 100 s about 50 of them
    expect(Array.from(shut.endS).filter((t) => t >= 1200 && t < 1300).length).toBeGreaterThanOrEqual(49);
  });

  it('a window outside the run changes nothing, and events are sorted', () => {
    const net = mesoNetwork(oneLink());
    const plan: MesoPlan = { vehicleCount: 3, departS: Int32Array.of(0, 5, 10), routeStart: Int32Array.of(0, 1, 2, 3), routeLinks: new Int32Array(3) };
    expect(Array.from(runQueueSim(net, plan, { closures: closures([0], [5000], [6000]) }).endS)).toEqual(Array.from(runQueueSim(net, plan).endS));
    const ev = closureEvents(closures([0, 0], [100, 50], [200, 100]));
    expect(Array.from(ev.timeS)).toEqual([50, 100, 100, 200]);
    expect(Array.from(ev.change)).toEqual([1, -1, 1, -1]);
  });

  it('only trips that would meet a link closed plan around it', async () => {
    // a short road 0→1 and a long detour 0→2→1
    const b = new GraphBuilder({ name: 'detour', source: 'test', synthetic: true });
    b.addNode(-51, -30);
    b.addNode(-50.99, -30);
    b.addNode(-50.995, -29.99);
    b.addEdge({ tail: 0, head: 1, lengthM: 1000, capacityVph: 1800, speedKmh: 50, lanes: 1, roadClass: 0 });
    b.addEdge({ tail: 0, head: 2, lengthM: 1500, capacityVph: 1800, speedKmh: 50, lanes: 1, roadClass: 0 });
    b.addEdge({ tail: 2, head: 1, lengthM: 1500, capacityVph: 1800, speedKmh: 50, lanes: 1, roadClass: 0 });
    const g = b.finish();
    const direct = Array.from({ length: g.edgeCount }, (_, e) => e).find((e) => g.tail[e] === 0 && g.head[e] === 1)!;
    const c = closures([direct], [3600], [7200]);
    const trips = tripSet([0, 3000, 4000, 8000], [0, 0, 0, 0], [1, 1, 1, 1]);
    // planned routes all take the direct road (72 s at free flow); only the trip that would meet it closed plans around it
    const cost = Float64Array.from(g.freeFlowS);
    const direct1 = Int32Array.from([direct, direct, direct, direct]);
    const groups = closureGroups(c, trips.departS, new Uint8Array(4).fill(1), cost, Int32Array.of(0, 1, 2, 3, 4), direct1);
    expect(Array.from(groups.group)).toEqual([0, 0, 1, 0]);
    expect(groups.costs[1]![direct]).toBe(Infinity);
    const r = await simulate(g, trips, { horizonS: 10_000, closures: c, trajectoryEvery: 0 });
    expect(r.summary.arrived).toBe(4);
    const len = (t: number) => r.plan.routeStart[t + 1] - r.plan.routeStart[t];
    expect([len(0), len(1), len(2), len(3)]).toEqual([1, 1, 2, 1]);
    expect(r.run.status[2]).toBe(VehicleStatus.Arrived);
  });

  it('ends a trip bound behind a closure, with no way around, where the closure begins', async () => {
    // 0 → 1 → 2: the only way to 2 is the link 1→2, closed 01:00–02:00
    const b = new GraphBuilder({ name: 'dead end (synthetic)', source: 'test', synthetic: true });
    b.addNode(-51, -30);
    b.addNode(-50.995, -30);
    b.addNode(-50.99, -30);
    b.addEdge({ tail: 0, head: 1, lengthM: 500, capacityVph: 1800, speedKmh: 50, lanes: 1, roadClass: 0 });
    b.addEdge({ tail: 1, head: 2, lengthM: 500, capacityVph: 1800, speedKmh: 50, lanes: 1, roadClass: 0 });
    const g = b.finish();
    const last = Array.from({ length: g.edgeCount }, (_, e) => e).find((e) => g.tail[e] === 1 && g.head[e] === 2)!;
    const first = Array.from({ length: g.edgeCount }, (_, e) => e).find((e) => g.tail[e] === 0 && g.head[e] === 1)!;
    // before, during and after the closure; and one starting on the closed link itself
    const trips = tripSet([1800, 4000, 8000, 4000], [0, 0, 0, 1], [2, 2, 2, 2]);
    const r = await simulate(g, trips, { horizonS: 10_000, closures: closures([last], [3600], [7200]), trajectoryEvery: 0 });
    expect(r.summary.endedAtClosure).toBe(1);
    expect(r.summary.stuck).toBe(0);
    expect(r.summary.rejected.unreachable).toBe(1);
    const route = (t: number) => Array.from(r.plan.routeLinks.subarray(r.plan.routeStart[t], r.plan.routeStart[t + 1]));
    expect(route(0)).toEqual([first, last]);
    expect(route(1)).toEqual([first]);
    expect(route(2)).toEqual([first, last]);
    expect(r.run.status[1]).toBe(VehicleStatus.Arrived);
    expect(r.summary.arrived).toBe(3);
    // a closure that ends within the stuck time-out (300 s) is waited out, to the destination
    const brief = await simulate(g, tripSet([3600], [0], [2]), { horizonS: 10_000, closures: closures([last], [3600], [3800]), trajectoryEvery: 0 });
    expect(brief.summary.endedAtClosure).toBe(0);
    expect(brief.summary.arrived).toBe(1);
    expect(brief.plan.routeStart[1]).toBe(2);
    expect(brief.run.endS[0]).toBeGreaterThanOrEqual(3800);
  });
});
