/**
 * Validation against the TNTP best-known solutions (data/tntp): Beckmann objectives
 * 4,231,335.287 (Sioux Falls, README) and 1,286,032.171 (Anaheim, from its flow file).
 *
 * Link-flow tolerance, as |v − v*| / capacity per link: UE link flows are unique here
 * (strictly increasing BPR costs), but a relative gap bounds the objective error, not the
 * flow error; the objective is flat near the optimum, more so on lightly loaded links, so
 * flows converge only like the square root of the objective error. Measured: Sioux Falls at
 * gap 1e-6 is within ~1e-4 of capacity; Anaheim (v/c mostly < 0.3) at gap 1e-6 is off by up
 * to ~65 veh (1.2e-2 of its 5,400 veh/h links), at 1e-8 by ~3 veh (6e-4). Algorithm B at
 * 1e-8 reproduces the file to 0.01 veh, which shows the reference is the unique UE.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assign } from './assign.ts';
import { loadTntpCase, maxFlowDeviation } from '../tntp/tntp-case.ts';


const load = (name: string) => loadTntpCase(fileURLToPath(new URL(`../../data/tntp/${name}`, import.meta.url)), name);

const siouxFalls = load('SiouxFalls');
const anaheim = load('Anaheim');

describe('assign() against TNTP best-known solutions', () => {
  it('Sioux Falls, BFW: relative gap 1e-6, Beckmann within 1e-5, link flows within 1e-3 of capacity', async () => {
    const r = await assign(siouxFalls.net, siouxFalls.demand, { method: 'bfw', gap: 1e-6, maxIter: 5000, workers: 1 });
    expect(r.relativeGap).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(r.beckmann / 4231335.287 - 1)).toBeLessThan(1e-5);
    expect(maxFlowDeviation(siouxFalls.net, r.flow, siouxFalls.bestFlow)).toBeLessThan(1e-3);
    expect(r.history.length).toBe(r.iterations);
    expect(r.history.at(-1)!.gap).toBe(r.relativeGap);
    expect(r.unreachable).toEqual({ pairs: 0, demand: 0 });
  });

  it('Anaheim, BFW: passes gap 1e-4 and 1e-6 with Beckmann within 1e-5, reaches 1e-8 with flows within 2e-3 of capacity', async () => {
    const r = await assign(anaheim.net, anaheim.demand, { method: 'bfw', gap: 1e-8, maxIter: 3000, workers: 1 });
    expect(r.relativeGap).toBeLessThanOrEqual(1e-8);
    for (const target of [1e-4, 1e-6]) {
      const at = r.history.find((h) => h.gap <= target)!;
      expect(Math.abs(at.objective / 1286032.171 - 1)).toBeLessThan(target === 1e-4 ? 1e-4 : 1e-5);
    }
    expect(Math.abs(r.beckmann / 1286032.171 - 1)).toBeLessThan(1e-7);
    expect(maxFlowDeviation(anaheim.net, r.flow, anaheim.bestFlow)).toBeLessThan(2e-3);
  });

  it('conjugate directions pay: iterations to gap 1e-4 on Sioux Falls fall from FW to CFW to BFW', async () => {
    const its: number[] = [];
    for (const method of ['fw', 'cfw', 'bfw'] as const) {
      const r = await assign(siouxFalls.net, siouxFalls.demand, { method, gap: 1e-4, maxIter: 5000, workers: 1 });
      expect(r.relativeGap).toBeLessThanOrEqual(1e-4);
      its.push(r.iterations);
    }
    expect(its[1]).toBeLessThan(its[0] / 2);
    expect(its[2]).toBeLessThan(its[1]);
  });

  it('dispatches Algorithm B and refuses unknown methods and mismatched demand', async () => {
    const r = await assign(siouxFalls.net, siouxFalls.demand, { method: 'algb', gap: 1e-4, maxIter: 100, workers: 1 });
    expect(r.method).toBe('algb');
    expect(r.relativeGap).toBeLessThanOrEqual(1e-4);
    await expect(assign(siouxFalls.net, siouxFalls.demand, { method: 'xyz' as never, gap: 1e-4, maxIter: 10, workers: 1 })).rejects.toThrow(
      /unknown assignment method "xyz" — expected one of msa, fw, cfw, bfw, algb/,
    );
    await expect(assign(siouxFalls.net, anaheim.demand, { method: 'fw', gap: 1e-4, maxIter: 10, workers: 1 })).rejects.toThrow(/demand has 38 zones but the network has 24/);
  });
});
