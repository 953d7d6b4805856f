/**
 * Trucks as a class with a passenger-car equivalent, on Sioux Falls (Algorithm B to gap 1e-8):
 * the classes' flows, each from one backward pass per origin, add up to the equilibrium's PCE
 * flow, and a uniform truck share gives every loaded edge the same share of PCE.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTntpCase } from '../tntp/tntp-case.ts';
import { algorithmB } from './algorithm-b.ts';
import type { OdDemand } from './network.ts';
import { classFlows, pceDemand, vehicleFlows } from './vehicle-classes.ts';

const sf = loadTntpCase(fileURLToPath(new URL('../../data/tntp/SiouxFalls', import.meta.url)), 'SiouxFalls');
const scaled = (od: OdDemand, f: (o: number, d: number) => number): OdDemand => {
  const flow = new Float64Array(od.flow.length);
  let total = 0;
  for (let o = 0; o < od.zoneCount; o++) for (let k = od.rowStart[o]; k < od.rowStart[o + 1]; k++) total += flow[k] = od.flow[k] * f(o, od.dest[k]);
  return { ...od, flow, total };
};

describe('pceDemand', () => {
  it('adds (pce − 1) × the heavy cells to every vehicle, merging rows; a heavy-only cell counts pce × its trucks', () => {
    const all: OdDemand = { zoneCount: 3, rowStart: Uint32Array.of(0, 2, 2, 3), dest: Uint32Array.of(1, 2, 0), flow: Float64Array.of(10, 20, 5), total: 35 };
    const heavy: OdDemand = { zoneCount: 3, rowStart: Uint32Array.of(0, 1, 2, 2), dest: Uint32Array.of(2, 0), flow: Float64Array.of(4, 3), total: 7 };
    const p = pceDemand(all, heavy, 2.5);
    expect(Array.from(p.rowStart)).toEqual([0, 2, 3, 4]);
    expect(Array.from(p.dest)).toEqual([1, 2, 0, 0]);
    expect(Array.from(p.flow)).toEqual([10, 20 + 1.5 * 4, 2.5 * 3, 5]);
    expect(p.total).toBeCloseTo(10 + 26 + 7.5 + 5, 12);
    expect(() => pceDemand(all, heavy, 0.5)).toThrow(/≥ 1/);
  });
});

describe('class flows at a PCE equilibrium (Sioux Falls)', async () => {
  const { net, demand } = sf;
  const pce = 2;
  // trucks: 20 % of every trip, and in a second case only the trips from zones 0–5
  const uniform = () => 0.2;
  const some = (o: number) => (o < 6 ? 0.3 : 0);
  const run = async (share: (o: number) => number) => {
    const heavy = scaled(demand, share);
    const r = await algorithmB(net, pceDemand(demand, heavy, pce), { method: 'algb', gap: 1e-8, maxIter: 1000, workers: 1, keepOriginFlows: true });
    const trucks = classFlows(new Float64Array(net.edgeCount), net, r.originFlows!, heavy);
    const cars = classFlows(new Float64Array(net.edgeCount), net, r.originFlows!, scaled(demand, (o) => 1 - share(o)));
    return { r, trucks, cars };
  };

  it('cars + pce × trucks is the equilibrium flow on every edge; vehicles = PCE − (pce − 1) × trucks', async () => {
    for (const share of [uniform, some]) {
      const { r, trucks, cars } = await run(share);
      const veh = vehicleFlows(new Float64Array(net.edgeCount), r.flow, trucks, pce);
      for (let e = 0; e < net.edgeCount; e++) {
        expect(cars[e] + pce * trucks[e]).toBeCloseTo(r.flow[e], 4);
        expect(veh[e]).toBeCloseTo(cars[e] + trucks[e], 4);
      }
    }
  });

  it('a uniform truck share of 20 % at PCE 2 is a third of the PCE flow on every loaded edge; trucks from a few origins only reach their bushes', async () => {
    const { r, trucks } = await run(uniform);
    for (let e = 0; e < net.edgeCount; e++) if (r.flow[e] > 1) expect((pce * trucks[e]) / r.flow[e]).toBeCloseTo(0.4 / 1.2, 6);
    const few = await run(some);
    let empty = 0;
    for (let e = 0; e < net.edgeCount; e++) if (few.trucks[e] === 0) empty++;
    expect(empty).toBeGreaterThan(0);
    // trucks add congestion: the PCE equilibrium is slower than counting each truck as one car
    const one = await algorithmB(net, demand, { method: 'algb', gap: 1e-8, maxIter: 1000, workers: 1 });
    expect(r.flow.reduce((a, b) => a + b, 0)).toBeGreaterThan(one.flow.reduce((a, b) => a + b, 0));
  });
});
