import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { GraphBuilder } from '../graph/graph-builder.ts';
import { importOsm } from '../osm/import-osm.ts';
import { mulberry32 } from '../util/random.ts';
import { runQueueSim, VehicleStatus } from './queue-sim.ts';
import { mesoNetwork } from './meso-network.ts';
import { experiencedTimes, simulate } from './simulate.ts';
import { TripStatus } from './trip-records.ts';
import { parseTripsCsv, tripSet } from './trips.ts';

const poa = importOsm(fileURLToPath(new URL('../../data/osm/porto-alegre/poa_osm.pbf', import.meta.url))).graph;

/** Random trips from 40 random origins (few routing trees: a fast test) to random nodes, departing in [0, spreadS). */
function randomTrips(count: number, spreadS: number, seed: number) {
  const r = mulberry32(seed);
  const origins = Array.from({ length: 40 }, () => Math.floor(r() * poa.nodeCount));
  const dep: number[] = [];
  const o: number[] = [];
  const d: number[] = [];
  for (let t = 0; t < count; t++) {
    dep.push(Math.floor(r() * spreadS));
    o.push(origins[Math.floor(r() * origins.length)]);
    d.push(Math.floor(r() * poa.nodeCount));
  }
  return tripSet(dep, o, d);
}

describe('simulate on Porto Alegre', () => {
  it('conserves vehicles: every departure arrives or is reported stuck', async () => {
    const trips = randomTrips(3000, 1800, 11);
    const r = await simulate(poa, trips, { horizonS: 3600, trajectoryEvery: 50 });
    const s = r.summary;
    expect(s.vehicles).toBeGreaterThan(2500);
    expect(s.arrived + s.stuck).toBe(s.vehicles);
    expect(s.vehicles + s.rejected.sameNode + s.rejected.unreachable).toBe(3000);
    // per-trip records agree with the totals
    let arrived = 0;
    for (let t = 0; t < trips.count; t++) if (r.trips.status[t] === TripStatus.Arrived) arrived++;
    expect(arrived).toBe(s.arrived);
    // arrived trips are never faster than free flow, and their distance is the route length
    for (let t = 0; t < trips.count; t++) {
      if (r.trips.status[t] !== TripStatus.Arrived) continue;
      expect(r.trips.delayS[t]).toBeGreaterThanOrEqual(0);
      expect(r.trips.distanceM[t]).toBeGreaterThan(0);
    }
    // link series: vehicles leaving links add up to the link traversals completed
    let exits = 0;
    for (let c = 0; c < r.links.flowVph.length; c++) exits += (r.links.flowVph[c] * r.links.binS) / 3600;
    let traversals = 0;
    for (let v = 0; v < r.plan.vehicleCount; v++) if (r.run.status[v] === VehicleStatus.Arrived) traversals += r.plan.routeStart[v + 1] - r.plan.routeStart[v];
    expect(Math.round(exits)).toBeGreaterThanOrEqual(traversals);
    // trajectories: timestamps never decrease along a path
    const tr = r.trajectories;
    expect(tr.count).toBeGreaterThan(10);
    for (let k = 0; k < tr.count; k++) {
      for (let p = tr.startIndices[k] + 1; p < tr.startIndices[k + 1]; p++) expect(tr.timestamps[p]).toBeGreaterThanOrEqual(tr.timestamps[p - 1]);
    }
  });

  it('gives the same answer whatever order the nodes are processed in, and visiting only the woken nodes the same as visiting all (the property that lets the step split over threads)', async () => {
    // a heavy burst so that queues spill back
    const trips = randomTrips(4000, 300, 5);
    const r = await simulate(poa, trips, { horizonS: 3600, trajectoryEvery: 0, seed: 9 });
    expect(r.summary.vehicles).toBeGreaterThan(3500);
    const reversed = Uint32Array.from({ length: poa.nodeCount }, (_, i) => poa.nodeCount - 1 - i);
    const shuffled = Uint32Array.from({ length: poa.nodeCount }, (_, i) => i);
    const rnd = mulberry32(3);
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    let queued = 0;
    for (let c = 0; c < r.links.queueVeh.length; c++) queued += r.links.queueVeh[c];
    expect(queued).toBeGreaterThan(0);
    // the run above visited only woken nodes; these visit every node every step
    const identity = Uint32Array.from({ length: poa.nodeCount }, (_, i) => i);
    for (const nodeOrder of [identity, reversed, shuffled]) {
      const again = runQueueSim(r.net, r.plan, { seed: 9, endS: 3600 + 3 * 3600, nodeOrder });
      expect(again.arrived).toBe(r.run.arrived);
      expect(again.stuck).toBe(r.run.stuck);
      expect(Buffer.compare(Buffer.from(again.endS.buffer), Buffer.from(r.run.endS.buffer))).toBe(0);
      expect(Buffer.compare(Buffer.from(again.enterS.buffer), Buffer.from(r.run.enterS.buffer))).toBe(0);
    }
  });

  it('iterates towards a dynamic equilibrium deterministically, recording the gap of all vehicles run by run', async () => {
    const trips = randomTrips(600, 900, 21);
    const opts = { horizonS: 3600, trajectoryEvery: 0, equilibrium: { maxRuns: 3, gap: 0 } };
    const a = await simulate(poa, trips, opts);
    const b = await simulate(poa, trips, opts);
    expect(a.summary.iterations).toBe(3);
    expect(a.summary.history.map((h) => h.iteration)).toEqual([0, 1, 2]);
    for (const h of a.summary.history) expect(Number.isFinite(h.gap)).toBe(true);
    expect(a.summary.relativeGap).toBe(a.summary.history[2].gap);
    expect(a.summary.history[0].moved).toBe(0);
    // with a gap target above the first run's gap, the loop stops after one run
    const relaxed = await simulate(poa, trips, { ...opts, equilibrium: { maxRuns: 3, gap: 1 } });
    expect(relaxed.summary.iterations).toBe(1);
    expect(a.summary.arrived + a.summary.stuck).toBe(a.summary.vehicles);
    expect(Array.from(a.plan.routeLinks)).toEqual(Array.from(b.plan.routeLinks));
    expect(a.summary.history).toEqual(b.summary.history);
    // without the loop: one run, no gap measured
    const plain = await simulate(poa, trips, { horizonS: 3600, trajectoryEvery: 0 });
    expect(plain.summary.iterations).toBe(1);
    expect(Number.isNaN(plain.summary.relativeGap)).toBe(true);
  });
});

describe('routes and experienced times', () => {
  /** 0 → 1 → 2 straight (2 × 500 m), and 0 → 3 → 2 round (2 × 900 m). */
  function square(capacityVph = 1800) {
    const b = new GraphBuilder({ name: 'square', source: 'test', synthetic: true });
    for (let i = 0; i < 4; i++) b.addNode(-51 + i * 0.01, -30);
    const edge = (tail: number, head: number, lengthM: number) => b.addEdge({ tail, head, lengthM, capacityVph, speedKmh: 36, lanes: 1, roadClass: 11 });
    edge(0, 1, 500);
    edge(1, 2, 500);
    edge(0, 3, 900);
    edge(3, 2, 900);
    return b.finish();
  }

  it('drives routes given beforehand and routes the trips without one on the costs', async () => {
    const g = square();
    const round = [g.firstOut[0] + 1, g.firstOut[3]]; // 0 → 3, 3 → 2
    expect(Array.from(round, (e) => g.head[e])).toEqual([3, 2]);
    const trips = tripSet([0, 0], [0, 0], [2, 2]);
    const r = await simulate(g, trips, { horizonS: 600, trajectoryEvery: 0, routes: { routeStart: Int32Array.of(0, 2, 2), routeLinks: Int32Array.from(round) } });
    expect(Array.from(r.plan.routeLinks.subarray(r.plan.routeStart[0], r.plan.routeStart[1]))).toEqual(round);
    expect(Array.from(r.plan.routeLinks.subarray(r.plan.routeStart[1], r.plan.routeStart[2]), (e) => g.head[e])).toEqual([1, 2]);
    expect(r.trips.distanceM[0]).toBe(1800);
    expect(r.trips.distanceM[1]).toBe(1000);
  });

  it('times links by entry bin, and keeps a link slow while its queue clears (FIFO)', () => {
    // A (500 m) → B (bottleneck 360 veh/h): 200 vehicles enter A in the first minute
    const b = new GraphBuilder({ name: 'bottleneck', source: 'test', synthetic: true });
    for (let i = 0; i < 3; i++) b.addNode(-51 + i * 0.01, -30);
    b.addEdge({ tail: 0, head: 1, lengthM: 500, capacityVph: 7200, speedKmh: 36, lanes: 4, roadClass: 11 });
    b.addEdge({ tail: 1, head: 2, lengthM: 500, capacityVph: 360, speedKmh: 36, lanes: 1, roadClass: 11 });
    const net = mesoNetwork(b.finish());
    const n = 200;
    const plan = { vehicleCount: n, departS: Int32Array.from({ length: n }, (_, i) => Math.floor((i * 60) / n)), routeStart: Int32Array.from({ length: n + 1 }, (_, i) => 2 * i), routeLinks: Int32Array.from({ length: 2 * n }, (_, k) => k % 2) };
    const run = runQueueSim(net, plan, { squeezeAfterS: Infinity, removeAfterS: Infinity });
    expect(run.arrived).toBe(n);
    const times = experiencedTimes(net, plan, run, 60);
    const onA = (bin: number) => times.time[bin * times.linkCount];
    // the first minute's entrants wait behind the bottleneck: far slower than free flow
    let mean = 0;
    for (let v = 0; v < n; v++) mean += run.enterS[2 * v + 1] - run.enterS[2 * v];
    expect(onA(0)).toBeCloseTo(mean / n, 6);
    expect(onA(0)).toBeGreaterThan(10 * net.fftSteps[0]);
    // nobody enters later, yet the link stays slow, a minute less each minute, down to free flow
    for (let bin = 1; bin < times.binCount; bin++) expect(onA(bin)).toBe(Math.max(net.fftSteps[0], onA(bin - 1) - 60));
    expect(onA(times.binCount - 1)).toBe(net.fftSteps[0]);
  });
});

describe('bad input is counted, never thrown', () => {
  it('counts malformed rows, unknown nodes, departures outside the horizon, same-node and unreachable trips, and closed links', async () => {
    const b = new GraphBuilder({ name: 'tiny', source: 'test', synthetic: false });
    for (let i = 0; i < 5; i++) b.addNode(-51 + i * 0.01, -30, 100 + i);
    const edge = (tail: number, head: number) => b.addEdge({ tail, head, lengthM: 500, capacityVph: 1800, speedKmh: 50, lanes: 1, roadClass: 11 });
    edge(0, 1);
    edge(1, 2);
    edge(2, 3);
    edge(3, 4); // closed below: node 4 is reachable only through a zero-capacity link
    const g = b.finish();
    g.capacityVph[3] = 0;
    const csv = ['id,depart_s,from_osm_node,to_osm_node', 'ok,10,100,103', 'ok2,20,101,103', 'bad,x,100,101', 'short,5', 'ghost,10,100,999', 'late,99999,100,102', 'early,-5,100,102', 'loop,10,102,102', 'closed,10,100,104', 'back,10,103,100'].join('\n');
    const trips = parseTripsCsv(csv, 'trips.csv', g);
    expect(trips.malformed).toBe(2);
    expect(trips.unknownNode).toBe(1);
    expect(trips.firstProblem).toMatch(/^trips\.csv:4: /);
    const r = await simulate(g, trips, { horizonS: 3600 });
    expect(r.summary.rejected).toEqual({ malformed: 2, unknownNode: 1, outsideHorizon: 2, sameNode: 1, unreachable: 2 });
    expect(r.summary.closedLinks).toBe(1);
    expect(r.summary.vehicles).toBe(2);
    expect(r.summary.arrived).toBe(2);
    expect(r.trips.status[trips.ids.indexOf('closed')]).toBe(TripStatus.Unreachable);
  });

  it('reads graph node indices with the from_node,to_node header, and rejects a wrong header in one line', () => {
    const b = new GraphBuilder({ name: 'tiny', source: 'test', synthetic: true });
    b.addNode(-51, -30);
    b.addNode(-50.99, -30);
    b.addEdge({ tail: 0, head: 1, lengthM: 500, capacityVph: 1800, speedKmh: 50, lanes: 1, roadClass: 11 });
    const g = b.finish();
    const trips = parseTripsCsv('id,depart_s,from_node,to_node\na,0,0,1\nb,0,0,7\n', 'f.csv', g);
    expect(Array.from(trips.origin)).toEqual([0, -1]);
    expect(trips.unknownNode).toBe(1);
    expect(() => parseTripsCsv('id,when,a,b\n', 'f.csv', g)).toThrow(/^f\.csv: line 1: expected the header/);
  });
});
