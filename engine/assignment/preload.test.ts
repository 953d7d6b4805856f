/**
 * Preloaded background flow (buses in PCE): it congests links without being routed. Checks:
 * the cost kernels see t(p + v); the objective's edge term is ∫ₚ^{p+v} t; every method reaches
 * its gap with a preload; a heavy preload on one link moves cars off it; and a preload of zeros
 * gives the same bits as none.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assign } from './assign.ts';
import { bprIntegral, edgeCost, edgeCostDerivative } from './bpr.ts';
import type { AssignmentNetwork } from './network.ts';
import { loadTntpCase } from '../tntp/tntp-case.ts';

const sf = loadTntpCase(fileURLToPath(new URL('../../data/tntp/SiouxFalls', import.meta.url)), 'SiouxFalls');
const withPreload = (net: AssignmentNetwork, preload: Float64Array): AssignmentNetwork => ({ ...net, preload });

describe('preloaded flow', () => {
  it('enters the link cost as t(p + v) and the objective as the integral from p to p + v', () => {
    const p = new Float64Array(sf.net.edgeCount).fill(1500);
    const net = withPreload(sf.net, p);
    for (const e of [0, 7, 40]) {
      expect(edgeCost(net, e, 1000)).toBe(edgeCost(sf.net, e, 2500));
      expect(edgeCostDerivative(net, e, 1000)).toBe(edgeCostDerivative(sf.net, e, 2500));
      const steps = 20000;
      let riemann = 0;
      for (let i = 0; i < steps; i++) riemann += edgeCost(net, e, ((i + 0.5) / steps) * 1000) * (1000 / steps);
      expect(bprIntegral(net, e, 1000)).toBeCloseTo(riemann, 3);
    }
  });

  it('moves cars off a heavily preloaded link, and all methods converge with it', async () => {
    const base = await assign(sf.net, sf.demand, { method: 'algb', gap: 1e-6, maxIter: 500, workers: 1 });
    let busiest = 0;
    for (let e = 1; e < sf.net.edgeCount; e++) if (base.flow[e] > base.flow[busiest]) busiest = e;
    const p = new Float64Array(sf.net.edgeCount);
    p[busiest] = 0.5 * sf.net.capacity[busiest];
    for (const method of ['algb', 'bfw'] as const) {
      const r = await assign(withPreload(sf.net, p), sf.demand, { method, gap: 1e-6, maxIter: 5000, workers: 1 });
      expect(r.relativeGap).toBeLessThanOrEqual(1e-6);
      expect(r.flow[busiest]).toBeLessThan(base.flow[busiest] - 100);
    }
  });

  it('a preload of zeros changes nothing', async () => {
    const a = await assign(sf.net, sf.demand, { method: 'algb', gap: 1e-5, maxIter: 200, workers: 1 });
    const b = await assign(withPreload(sf.net, new Float64Array(sf.net.edgeCount)), sf.demand, { method: 'algb', gap: 1e-5, maxIter: 200, workers: 1 });
    expect(Array.from(b.flow)).toEqual(Array.from(a.flow));
  });
});
