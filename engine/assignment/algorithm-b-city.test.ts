/**
 * Algorithm B at city scale and on hostile inputs: every network of data/tntp/REFERENCES.md
 * solved to relative gap 1e-6 with its Beckmann objective within 1e-6 (relative) of tap-b's
 * tightest objective (an external reference: Algorithm B in C); synthetic networks with
 * constant-cost links, capacity-1 connectors and powers up to 16.8; every way a run can end
 * (converged, stalled, time limit, iteration limit); the same flows for 1, 2 and 4 workers.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { poolBushRunner } from '../../workers/algb-pool.ts';
import { readTntpNetwork, readTntpTrips } from '../tntp/read-tntp.ts';
import { readTntpReferences } from '../tntp/references.ts';
import { algorithmB } from './algorithm-b.ts';
import { pathologicalGrid } from '../../test/fixtures/pathological-networks.ts';
import type { AssignmentOptions } from './result.ts';

const TNTP = fileURLToPath(new URL('../../data/tntp', import.meta.url));
const references = readTntpReferences(TNTP);
const load = (dir: string, prefix: string) => {
  const net = readTntpNetwork(`${dir}/${prefix}_net.tntp`);
  return { net, demand: readTntpTrips(`${dir}/${prefix}_trips.tntp`, net.zoneCount) };
};
const options = (gap: number, extra: Partial<AssignmentOptions> = {}): AssignmentOptions => ({ method: 'algb', gap, maxIter: 10_000, workers: 1, ...extra });

describe('Algorithm B on the TNTP reference networks', () => {
  it('finds all eight networks of REFERENCES.md', () => {
    expect(references.map((r) => r.network)).toHaveLength(8);
    expect(references.find((r) => r.network === 'Hessen-Asymmetric')?.nodes).toBe(4660);
  });

  for (const ref of references) {
    it(`${ref.network}: converges to 1e-6 with Beckmann within 1e-6 of tap-b's tightest`, { timeout: 240_000 }, async () => {
      const { net, demand } = load(ref.dir, ref.prefix);
      expect(net.nodeCount).toBe(ref.nodes);
      const r = await algorithmB(net, demand, options(1e-6, { maxSeconds: 200 }));
      expect(r.status).toBe('converged');
      expect(r.relativeGap).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(r.beckmann - ref.objectiveTight) / ref.objectiveTight).toBeLessThan(1e-6);
    });
  }

  it('refuses the malformed Munich file with one line naming file, line and field', () => {
    expect(() => readTntpNetwork(`${TNTP}/Munich/munich_net.head.tntp`)).toThrow(/^.*munich_net\.head\.tntp:\d+: init_node — expected a node 1\.\.742 \(<NUMBER OF NODES>\), got 75674$/);
  });
});

describe('Algorithm B on pathological links (synthetic)', () => {
  for (const seed of [1, 2, 3]) {
    it(`grid ${seed}: constant costs, capacity-1 connectors and power 16.8 converge to 1e-8`, async () => {
      const { net, demand } = pathologicalGrid(seed, 2000);
      const r = await algorithmB(net, demand, options(1e-8, { maxSeconds: 60 }));
      expect(r.status).toBe('converged');
      expect(Number.isFinite(r.beckmann)).toBe(true);
      for (const v of r.flow) expect(Number.isFinite(v) && v >= 0).toBe(true);
    });
  }

  it('a two-route network where one route costs the same whatever its flow splits exactly', async () => {
    // route A: constant 20 (b = 0); route B: 10·(1 + 4e-71·v^16.8); connectors of capacity 1, constant.
    const { net, demand } = tinyPair();
    const r = await algorithmB(net, demand, options(1e-12));
    expect(r.status).toBe('converged');
    // equal times: 4e-71 · v^16.8 = 1 → v = 1e(70.398 / 16.8)
    const vB = Math.pow(1 / 4e-71, 1 / 16.8);
    expect(r.flow[2]).toBeCloseTo(vB, 3);
    expect(r.flow[1]).toBeCloseTo(30000 - vB, 3);
  });
});

describe('Algorithm B: how a run ends', () => {
  const anaheim = load(`${TNTP}/Anaheim`, 'Anaheim');
  it('says "iteration limit" with a reason when the limit comes first', async () => {
    const r = await algorithmB(anaheim.net, anaheim.demand, options(1e-12, { maxIter: 1 }));
    expect(r.status).toBe('iteration limit');
    expect(r.reason).toMatch(/after 1 iteration \(the limit\) at relative gap .* target 1e-12/);
  });
  it('says "time limit" when the wall-time budget runs out', async () => {
    const ref = references.find((r) => r.network === 'Terrassa-Asymmetric')!;
    const { net, demand } = load(ref.dir, ref.prefix);
    const r = await algorithmB(net, demand, options(1e-10, { maxSeconds: 0.5 }));
    expect(r.status).toBe('time limit');
    expect(r.reason).toMatch(/the limit is 0\.5 s/);
  });
  it('says "stalled" instead of iterating for ever when the gap cannot get lower (target 0)', async () => {
    // Berlin-Tiergarten bottoms out at a gap of 5e-16, which rounding never lets reach 0.
    const { net, demand } = load(`${TNTP}/Berlin-Tiergarten`, 'berlin-tiergarten');
    const r = await algorithmB(net, demand, options(0, { maxSeconds: 120 }));
    expect(r.status).toBe('stalled');
    expect(r.relativeGap).toBeLessThan(1e-14);
    expect(r.reason).toMatch(/stayed near .* after widening every bush/);
    expect(r.iterations).toBeLessThan(100);
  });
  it('reports a gap below rounding as 0, not as a negative number', async () => {
    const r = await algorithmB(anaheim.net, anaheim.demand, options(0, { maxSeconds: 60 }));
    expect(r.relativeGap).toBeGreaterThanOrEqual(0);
  });
});

describe('Algorithm B on a worker pool', () => {
  it('gives bit-identical flows for 1, 2 and 4 workers (Terrassa)', { timeout: 120_000 }, async () => {
    const ref = references.find((r) => r.network === 'Terrassa-Asymmetric')!;
    const { net, demand } = load(ref.dir, ref.prefix);
    const runs = [];
    for (const workers of [1, 2, 4]) runs.push(await algorithmB(net, demand, options(1e-5, { workers, bushPool: poolBushRunner })));
    expect(runs.map((r) => r.workers)).toEqual([1, 2, 4]);
    for (const r of runs.slice(1)) {
      expect(r.iterations).toBe(runs[0].iterations);
      expect(r.relativeGap).toBe(runs[0].relativeGap);
      expect(Array.from(r.flow)).toEqual(Array.from(runs[0].flow));
    }
  });
});

function tinyPair() {
  const { parseTntpNetwork, parseTntpTrips } = tntpText;
  const net = parseTntpNetwork(
    `<NUMBER OF ZONES> 2\n<NUMBER OF NODES> 5\n<FIRST THRU NODE> 3\n<NUMBER OF LINKS> 5\n<END OF METADATA>
1 3 1 0 0.5 0 0 0 0 1 ;\n3 4 1 0 20 0 1 0 0 1 ;\n3 5 1 0 10 4e-71 16.8 0 0 1 ;\n4 2 1 0 0.5 0 0 0 0 1 ;\n5 2 1 0 0.5 0 0 0 0 1 ;\n`,
    'pair_net.tntp',
  );
  return { net, demand: parseTntpTrips('<NUMBER OF ZONES> 2\n<END OF METADATA>\nOrigin 1\n 2 : 30000;\n', 'pair_trips.tntp', 2) };
}
import * as tntpText from '../tntp/read-tntp.ts';
