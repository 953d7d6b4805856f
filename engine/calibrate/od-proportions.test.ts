/**
 * The cells' proportions on counted edges, on Sioux Falls (Algorithm B to gap 1e-8): the demand
 * loaded through them gives the equilibrium's flow on every counted edge, and each cell's
 * proportions equal the forward pass of od-gradient.ts weighted by that edge alone.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { algorithmB } from '../assignment/algorithm-b.ts';
import { loadTntpCase } from '../tntp/tntp-case.ts';
import { OdPasses } from './od-gradient.ts';
import { countedEdges, OdProportions } from './od-proportions.ts';

const sf = loadTntpCase(fileURLToPath(new URL('../../data/tntp/SiouxFalls', import.meta.url)), 'SiouxFalls');

describe('OD proportions on counted edges', async () => {
  const { net, demand } = sf;
  const result = await algorithmB(net, demand, { method: 'algb', gap: 1e-8, maxIter: 1000, workers: 1, keepOriginFlows: true });
  const flows = result.originFlows!;
  // every third edge counted, some listed twice (two observations of one link)
  const listed = Uint32Array.from({ length: 30 }, (_, i) => (i * 3) % 60);
  const { counted, index } = countedEdges(listed, net.edgeCount);
  const p = OdProportions.build(net, demand, flows, counted);

  it('lists each counted edge once and says where each listed edge is', () => {
    expect(counted.length).toBe(20);
    listed.forEach((e, k) => expect(counted[index[k]]).toBe(e));
  });

  it('the demand loaded through the proportions is the equilibrium flow on each counted edge', () => {
    const load = p.load(demand.flow, new Float64Array(counted.length));
    counted.forEach((e, c) => expect(load[c]).toBeCloseTo(result.flow[e], 4));
  });

  it("a cell's proportion on an edge is the forward pass weighted by that edge alone", () => {
    const passes = new OdPasses(net);
    const out = new Float64Array(net.nodeCount);
    const one = new Float64Array(counted.length);
    for (const c of [0, 7, 19]) {
      const w = new Float64Array(net.edgeCount);
      w[counted[c]] = 1;
      one.fill(0);
      one[c] = 1;
      flows.origins.forEach((o, s) => {
        passes.prepare(o, flows.slotFlow(s), 0);
        passes.gradientPass(o, flows.slotFlow(s), 0, w, out);
        for (let k = demand.rowStart[o]; k < demand.rowStart[o + 1]; k++) if (demand.dest[k] !== o && demand.flow[k] > 0) expect(p.along(k, one)).toBeCloseTo(out[demand.dest[k]], 10);
      });
    }
  });
});
