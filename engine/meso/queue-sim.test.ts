import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../graph/graph-builder.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { mesoNetwork, OVERFILL, VEHICLE_SPACE_M } from './meso-network.ts';
import { linkSeries } from './link-series.ts';
import { REMOVE_AFTER_S, runQueueSim, SQUEEZE_AFTER_S, VehicleStatus, type MesoPlan } from './queue-sim.ts';

/** A chain of links 0→1→…→k with the given [lengthM, capacityVph, speedKmh] each. */
function chain(links: [number, number, number][]): RoadGraph {
  const b = new GraphBuilder({ name: 'chain', source: 'test', synthetic: true });
  for (let i = 0; i <= links.length; i++) b.addNode(-51 + i * 0.01, -30);
  links.forEach(([lengthM, capacityVph, speedKmh], i) => b.addEdge({ tail: i, head: i + 1, lengthM, capacityVph, speedKmh, lanes: 1, roadClass: 0 }));
  return b.finish();
}

/** `count` vehicles all driving `route`, departing at departS(i). */
function plan(count: number, route: number[], departS: (i: number) => number): MesoPlan {
  const routeStart = Int32Array.from({ length: count + 1 }, (_, i) => i * route.length);
  const routeLinks = Int32Array.from({ length: count * route.length }, (_, k) => route[k % route.length]);
  return { vehicleCount: count, departS: Int32Array.from({ length: count }, (_, i) => departS(i)), routeStart, routeLinks };
}

describe('queue model', () => {
  it.each([900, 1000, 1800, 5400])('a saturated link of %d veh/h lets through exactly capacity × time', (cap) => {
    const net = mesoNetwork(chain([[1000, cap, 50]]));
    const run = runQueueSim(net, plan(3 * cap, [0], () => 0));
    expect(run.arrived).toBe(3 * cap);
    const ends = Array.from(run.endS).sort((a, b) => a - b);
    const t0 = ends[0];
    expect(t0).toBe(net.fftSteps[0]);
    for (const hours of [1, 2]) expect(ends.filter((t) => t < t0 + 3600 * hours).length).toBe(cap * hours);
  });

  it('storage is length × lanes / vehicle space, and a full link admits no one', () => {
    const net = mesoNetwork(chain([[150, 36, 36]])); // 20 vehicles fit, one leaves every 100 s
    expect(net.storage[0]).toBe(150 / VEHICLE_SPACE_M);
    const run = runQueueSim(net, plan(40, [0], () => 0));
    // the 21st vehicle can enter only once the first has left (at t = 15 s, free-flow time)
    const entered = Array.from(run.enterS).sort((a, b) => a - b);
    expect(entered.slice(0, 20).every((t) => t === 0)).toBe(true);
    expect(entered[20]).toBeGreaterThan(net.fftSteps[0]);
    expect(run.arrived).toBe(40);
  });

  it('a blocked link spills back: its upstream link queues and stays within storage (no squeezing)', () => {
    // A (long, fast) → B (short) → C (bottleneck 360 veh/h)
    const g = chain([
      [2000, 1800, 60],
      [75, 1800, 60],
      [1000, 360, 60],
    ]);
    const net = mesoNetwork(g);
    const p = plan(400, [0, 1, 2], (i) => i); // 1 veh/s for 400 s into a 0.1 veh/s bottleneck
    const run = runQueueSim(net, p, { squeezeAfterS: Infinity });
    expect(run.squeezed).toBe(0);
    expect(run.arrived).toBe(400);
    expect(net.storage[1]).toBe(10);
    // time spent on A (free flow 120 s) grows for later vehicles: the queue reached A
    const onA = (v: number) => run.enterS[3 * v + 1] - run.enterS[3 * v];
    expect(onA(0)).toBe(net.fftSteps[0]);
    expect(onA(399)).toBeGreaterThan(net.fftSteps[0] + 1000);
    // B never holds more than its storage
    const events: [number, number][] = [];
    for (let v = 0; v < 400; v++) events.push([run.enterS[3 * v + 1], 1], [run.enterS[3 * v + 2], -1]);
    events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let onB = 0;
    let maxB = 0;
    for (const [, d] of events) maxB = Math.max(maxB, (onB += d));
    expect(maxB).toBe(net.storage[1]);
    const s = linkSeries(net, p, run);
    const queueOnA = s.queueVeh.filter((_, c) => c % net.linkCount === 0);
    expect(Math.max(...queueOnA)).toBeGreaterThan(50);
    // what leaves C is C's capacity (360 veh/h) while the queue lasts
    expect(s.flowVph[1 * net.linkCount + 2]).toBe(360);
  });

  it('squeezes a blocked head onto the full link after SQUEEZE_AFTER_S, never past OVERFILL × storage, then removes it; conservation holds', () => {
    const g = chain([
      [500, 1800, 50],
      [75, 1800, 50],
    ]);
    g.capacityVph[1] = 0; // closed: nothing ever leaves link 1
    const net = mesoNetwork(g);
    expect(net.closedLinks).toBe(1);
    const run = runQueueSim(net, plan(40, [0, 1], () => 0), { endS: 3600 });
    expect(run.arrived).toBe(0);
    // link 1 takes its storage normally, then as many again squeezed in
    const onB = run.status.filter((s, v) => s === VehicleStatus.Unfinished && run.reached[v] === 1).length;
    expect(onB).toBe(OVERFILL * net.storage[1]);
    expect(run.squeezed).toBe((OVERFILL - 1) * net.storage[1]);
    const entered = Array.from({ length: 40 }, (_, v) => run.enterS[2 * v + 1]).filter((t) => t >= 0).sort((a, b) => a - b);
    expect(entered[net.storage[1]]).toBeGreaterThanOrEqual(net.fftSteps[0] + SQUEEZE_AFTER_S);
    // the rest wait at the head of link 0 and are removed one by one
    expect(run.stuck).toBeGreaterThan(0);
    expect(run.arrived + run.stuck + run.unfinished).toBe(40);
    const firstStuck = Math.min(...Array.from(run.endS).filter((_, v) => run.status[v] === VehicleStatus.Stuck));
    expect(firstStuck).toBeGreaterThanOrEqual(net.fftSteps[0] + REMOVE_AFTER_S);
  });

  it('merges two equal approaches fairly by capacity', () => {
    // 0→2 and 1→2 both into 2→3 (capacity 1800 = the sum of the demand it can take)
    const b = new GraphBuilder({ name: 'merge', source: 'test', synthetic: true });
    for (let i = 0; i < 4; i++) b.addNode(-51 + i * 0.01, -30);
    b.addEdge({ tail: 0, head: 2, lengthM: 500, capacityVph: 3600, speedKmh: 50, lanes: 1, roadClass: 0 });
    b.addEdge({ tail: 1, head: 2, lengthM: 500, capacityVph: 1800, speedKmh: 50, lanes: 1, roadClass: 0 });
    b.addEdge({ tail: 2, head: 3, lengthM: 75, capacityVph: 1800, speedKmh: 50, lanes: 1, roadClass: 0 });
    const net = mesoNetwork(b.finish());
    const n = 2000;
    const routeLinks = Int32Array.from({ length: 2 * n }, (_, k) => (k % 2 === 1 ? 2 : (k >> 1) % 2));
    const p: MesoPlan = { vehicleCount: n, departS: new Int32Array(n), routeStart: Int32Array.from({ length: n + 1 }, (_, i) => 2 * i), routeLinks };
    const run = runQueueSim(net, p, { seed: 7, squeezeAfterS: Infinity, removeAfterS: Infinity });
    expect(run.arrived).toBe(n);
    // within the first 1000 s, the 3600-capacity approach gets about 2/3 of the merge
    let fromWide = 0;
    let total = 0;
    for (let v = 0; v < n; v++) {
      if (run.enterS[2 * v + 1] >= 1000) continue;
      total++;
      if (routeLinks[2 * v] === 0) fromWide++;
    }
    expect(fromWide / total).toBeGreaterThan(0.6);
    expect(fromWide / total).toBeLessThan(0.73);
  });
});
