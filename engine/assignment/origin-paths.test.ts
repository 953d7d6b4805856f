/**
 * Paths drawn from Algorithm B's origin flows on Sioux Falls: every drawn path is a connected
 * path from its origin to its destination, the same seed draws the same paths, and one path
 * per trip of the TNTP demand (360,600 trips) loads the links with the equilibrium's flows up
 * to sampling noise: every link within 4 √flow (the noise of a count), and the absolute
 * deviations summing to under 1 % of the total flow (measured with seed 3: 1.1 √flow, 0.21 %).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTntpCase } from '../tntp/tntp-case.ts';
import { unitHash } from '../meso/queue-sim.ts';
import { algorithmB } from './algorithm-b.ts';
import { BushFlows } from './origin-flows.ts';
import { OriginPathSampler } from './origin-paths.ts';

const sf = loadTntpCase(fileURLToPath(new URL('../../data/tntp/SiouxFalls', import.meta.url)), 'SiouxFalls');

describe('paths drawn from origin flows', async () => {
  const result = await algorithmB(sf.net, sf.demand, { method: 'algb', gap: 1e-8, maxIter: 1000, workers: 1, keepOriginFlows: true });
  const flows = result.originFlows!;
  const sampler = new OriginPathSampler(sf.net, flows);
  const { net, demand } = sf;

  /** One path per whole trip of every OD pair; returns the link counts. */
  const drawAll = (seed: number, check?: (o: number, d: number, path: number[]) => void): Float64Array => {
    const count = new Float64Array(net.edgeCount);
    const path: number[] = [];
    let trip = 0;
    for (let o = 0; o < demand.zoneCount; o++) {
      for (let k = demand.rowStart[o]; k < demand.rowStart[o + 1]; k++) {
        const d = demand.dest[k];
        if (d === o) continue;
        for (let i = 0; i < Math.round(demand.flow[k]); i++, trip++) {
          path.length = 0;
          const n = sampler.path(o, d, (step) => unitHash(seed, trip, step, 0), path);
          if (n === 0) throw new Error(`no path drawn from ${o} to ${d}`);
          check?.(o, d, path);
          for (const e of path) count[e]++;
        }
      }
    }
    return count;
  };

  it('keeps the flows only when asked', async () => {
    expect(flows.origins.length).toBe(24);
    // Σ over origins of their flows is the link flow, edge by edge
    const sum = new Float64Array(net.edgeCount);
    for (let s = 0; s < 24; s++) flows.forEachEdge(s, (e, f) => (sum[e] += f));
    for (let e = 0; e < net.edgeCount; e++) expect(sum[e]).toBeCloseTo(result.flow[e], 6);
    const plain = await algorithmB(sf.net, sf.demand, { method: 'algb', gap: 1e-3, maxIter: 100, workers: 1 });
    expect(plain.originFlows).toBeUndefined();
  });

  it('draws connected paths from origin to destination, the same for the same seed', () => {
    let checked = 0;
    let broken = 0;
    const first = drawAll(1, (o, d, path) => {
      let ok = net.tail[path[0]] === o && net.head[path[path.length - 1]] === d;
      for (let i = 1; i < path.length; i++) ok &&= net.tail[path[i]] === net.head[path[i - 1]];
      if (!ok) broken++;
      checked++;
    });
    expect(checked).toBe(360_600);
    expect(broken).toBe(0);
    expect(Array.from(drawAll(1))).toEqual(Array.from(first));
    expect(Array.from(drawAll(2))).not.toEqual(Array.from(first));
  });

  it('loads the links with the equilibrium flows, up to sampling noise', () => {
    const drawn = drawAll(3);
    // sampling noise of a link's count is about √flow: compare in those units
    let worst = 0;
    let absolute = 0;
    let total = 0;
    for (let e = 0; e < net.edgeCount; e++) {
      worst = Math.max(worst, Math.abs(drawn[e] - result.flow[e]) / Math.sqrt(Math.max(1, result.flow[e])));
      absolute += Math.abs(drawn[e] - result.flow[e]);
      total += result.flow[e];
    }
    expect(worst).toBeLessThan(4);
    expect(absolute / total).toBeLessThan(0.01);
  });

  it('returns 0 for an origin without flows or a destination its flows never reach', () => {
    const out: number[] = [];
    expect(sampler.path(0, 0, () => 0.5, out)).toBe(0);
    const none = new OriginPathSampler(net, new BushFlows(Int32Array.of(1), net.edgeCount, { edges: new Int32Array(net.edgeCount), flow: new Float64Array(net.edgeCount), size: Int32Array.of(0) }));
    expect(none.path(0, 5, () => 0.5, out)).toBe(0);
    expect(none.path(1, 5, () => 0.5, out)).toBe(0);
    expect(out).toEqual([]);
  });
});
