/**
 * The two passes over Algorithm B's origin flows on Sioux Falls (gap 1e-8), and Spiess steps at
 * those proportions. The backward pass with an origin's own demand rebuilds its flows; the forward
 * pass weighted by the demand gives Σ_e f_o(e) w(e) (the two are adjoint); and gradient steps
 * towards the flows of another matrix lower the objective step by step; so do steps of whole rows
 * and columns (ends.ts), which also move the cells whose routes cross no counted link; a scaling
 * step by blocks recovers a matrix whose blocks were scaled apart.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { algorithmB } from '../assignment/algorithm-b.ts';
import { loadTntpCase } from '../tntp/tntp-case.ts';
import { endsCoefficients } from './ends.ts';
import { OdPasses } from './od-gradient.ts';
import { blockFactors, gehWeights, objective, observedFlows, spiessSteps, type NetObservations } from './spiess.ts';

const sf = loadTntpCase(fileURLToPath(new URL('../../data/tntp/SiouxFalls', import.meta.url)), 'SiouxFalls');

describe('OD passes over origin flows', async () => {
  const { net, demand } = sf;
  const result = await algorithmB(net, demand, { method: 'algb', gap: 1e-8, maxIter: 1000, workers: 1, keepOriginFlows: true });
  const flows = result.originFlows!;
  const m = net.edgeCount;

  /** Link flows of the matrix `cells` at the equilibrium's proportions (the backward pass per origin). */
  const loadedFlows = (cells: Float64Array): Float64Array => {
    const passes = new OdPasses(net);
    const out = new Float64Array(m);
    const delta = new Float64Array(net.nodeCount);
    flows.origins.forEach((o, s) => {
      for (let k = demand.rowStart[o]; k < demand.rowStart[o + 1]; k++) if (demand.dest[k] !== o) delta[demand.dest[k]] = cells[k];
      passes.prepare(o, flows.slotFlow(s), 0);
      passes.loadPass(flows.slotFlow(s), 0, delta, out);
      delta.fill(0);
    });
    return out;
  };
  /** "Counts" on 20 links: the flows the same proportions give when origins 0–5 send 60 % more. */
  const grownRowCounts = (): NetObservations => {
    const truth = Float64Array.from(demand.flow);
    for (let o = 0; o < 6; o++) for (let k = demand.rowStart[o]; k < demand.rowStart[o + 1]; k++) truth[k] *= 1.6;
    const truthFlow = loadedFlows(truth);
    const edges = Uint32Array.from({ length: 20 }, (_, i) => (i * 3) % m);
    return { count: 20, edgeStart: Uint32Array.from({ length: 21 }, (_, i) => i), edges, target: Float64Array.from(edges, (e) => truthFlow[e]) };
  };

  it("the backward pass of an origin's demand rebuilds its flows, edge by edge", () => {
    const passes = new OdPasses(net);
    const delta = new Float64Array(net.nodeCount);
    let worst = 0;
    flows.origins.forEach((o, s) => {
      const load = new Float64Array(m);
      for (let k = demand.rowStart[o]; k < demand.rowStart[o + 1]; k++) if (demand.dest[k] !== o) delta[demand.dest[k]] = demand.flow[k];
      passes.prepare(o, flows.slotFlow(s), 0);
      passes.loadPass(flows.slotFlow(s), 0, delta, load);
      delta.fill(0);
      for (let e = 0; e < m; e++) worst = Math.max(worst, Math.abs(load[e] - flows.slotFlow(s)[e]));
    });
    expect(worst).toBeLessThan(1e-6);
  });

  it('the forward pass is its adjoint: Σ_d g_od W(d) = Σ_e f_o(e) w(e)', () => {
    const passes = new OdPasses(net);
    const w = Float64Array.from({ length: m }, (_, e) => Math.sin(e + 1));
    const out = new Float64Array(net.nodeCount);
    flows.origins.forEach((o, s) => {
      passes.prepare(o, flows.slotFlow(s), 0);
      passes.gradientPass(o, flows.slotFlow(s), 0, w, out);
      let lhs = 0;
      for (let k = demand.rowStart[o]; k < demand.rowStart[o + 1]; k++) if (demand.dest[k] !== o) lhs += demand.flow[k] * out[demand.dest[k]];
      let rhs = 0;
      for (let e = 0; e < m; e++) rhs += flows.slotFlow(s)[e] * w[e];
      expect(lhs).toBeCloseTo(rhs, 4);
    });
  });

  it('Spiess steps towards the flows of a changed matrix lower the objective, to under 5 % of where they start', () => {
    // "counts" on 20 links: the flows the same proportions give when origins 0–5 send 60 % more
    const obs = grownRowCounts();
    const g = Float64Array.from(demand.flow);
    const v = observedFlows(new Float64Array(20), obs, result.flow);
    const z0 = objective(obs, v);
    const zs = spiessSteps(net, demand, flows, obs, g, Float64Array.from(demand.flow), v, 30, { maxFactor: 10, maxShrink: 0.9 });
    for (let i = 1; i < zs.length; i++) expect(zs[i]).toBeLessThanOrEqual(zs[i - 1] * (1 + 1e-9));
    expect(zs.at(-1)!).toBeLessThan(0.05 * z0);
    // v follows the cells: the flows of the stepped matrix, loaded afresh, are v
    const again = loadedFlows(g);
    const fresh = observedFlows(new Float64Array(20), obs, again);
    for (let i = 0; i < 20; i++) expect(v[i]).toBeCloseTo(fresh[i], 3);
    // zero cells stay zero
    for (let k = 0; k < g.length; k++) if (demand.flow[k] === 0) expect(g[k]).toBe(0);
  });

  it('with GEH weights the weighted objective falls step by step and the small counts gain on the large ones', () => {
    // the truth: every cell × 1.5 on even origins, × 0.7 on odd ones (as above, another matrix's flows)
    const truth = Float64Array.from(demand.flow);
    for (let o = 0; o < demand.zoneCount; o++) for (let k = demand.rowStart[o]; k < demand.rowStart[o + 1]; k++) truth[k] *= o % 2 === 0 ? 1.5 : 0.7;
    const truthFlow = loadedFlows(truth);
    const edges = Uint32Array.from({ length: 20 }, (_, i) => (i * 3) % m);
    const target = Float64Array.from(edges, (e) => truthFlow[e]);
    const weighted: NetObservations = { count: 20, edgeStart: Uint32Array.from({ length: 21 }, (_, i) => i), edges, target, weight: gehWeights(target) };
    expect(weighted.weight![0]).toBeCloseTo(1 / Math.max(target[0], 50), 12);
    const v = observedFlows(new Float64Array(20), weighted, result.flow);
    const z0 = objective(weighted, v);
    const zs = spiessSteps(net, demand, flows, weighted, Float64Array.from(demand.flow), Float64Array.from(demand.flow), v, 30, { maxFactor: 10, maxShrink: 0.9, scaleFirst: true });
    for (let i = 1; i < zs.length; i++) expect(zs[i]).toBeLessThanOrEqual(zs[i - 1] * (1 + 1e-9));
    expect(zs.at(-1)!).toBeLessThan(0.05 * z0);
  });

  it('cells held by the mask keep their value; the others still lower the objective', () => {
    const truth = Float64Array.from(demand.flow, (x, k) => x * (k % 3 === 0 ? 1.6 : 0.8));
    const truthFlow = loadedFlows(truth);
    const edges = Uint32Array.from({ length: 20 }, (_, i) => (i * 3) % m);
    const obs: NetObservations = { count: 20, edgeStart: Uint32Array.from({ length: 21 }, (_, i) => i), edges, target: Float64Array.from(edges, (e) => truthFlow[e]) };
    const adjustable = Uint8Array.from(demand.flow, (_, k) => (k % 2 === 0 ? 1 : 0));
    const g = Float64Array.from(demand.flow);
    const v = observedFlows(new Float64Array(20), obs, result.flow);
    const z0 = objective(obs, v);
    const zs = spiessSteps(net, demand, flows, obs, g, Float64Array.from(demand.flow), v, 20, { maxFactor: 10, maxShrink: 0.9, scaleFirst: true, adjustable });
    for (let k = 0; k < g.length; k++) if (!adjustable[k]) expect(g[k]).toBe(demand.flow[k]);
    expect(zs.at(-1)!).toBeLessThan(0.5 * z0);
    for (let i = 1; i < zs.length; i++) expect(zs[i]).toBeLessThanOrEqual(zs[i - 1] * (1 + 1e-9));
  });

  it('row and column steps: a coefficient is the size-weighted mean gradient of its row plus that of its column', () => {
    // 2 zones, cells 0→1 (flow 3, ∂Z/∂g 2) and 1→0 (flow 1, ∂Z/∂g −4); zone 1's row held out by the mask in the second case
    const od = { zoneCount: 2, rowStart: Uint32Array.of(0, 1, 2), dest: Uint32Array.of(1, 0), flow: Float64Array.of(3, 1), total: 4 } as unknown as typeof demand;
    const coef = new Float64Array(2);
    expect(endsCoefficients(od, Float64Array.of(3, 1), Float64Array.of(2, -4), coef)).toBe(4);
    expect(Array.from(coef)).toEqual([2 + 2, -4 + -4]);
    expect(endsCoefficients(od, Float64Array.of(3, 1), Float64Array.of(2, -4), coef, Uint8Array.of(1, 0))).toBe(4);
    expect(Array.from(coef)).toEqual([4, 0]);
  });

  it('row and column steps recover a change of whole rows: Z falls every step, and cells no counted link sees move with their rows', () => {
    // the truth: origins 0–5 send 60 % more (every cell of their rows); counts on 20 links
    const obs = grownRowCounts();
    const run = (ends: number, cells: number) => {
      const g = Float64Array.from(demand.flow);
      const v = observedFlows(new Float64Array(20), obs, result.flow);
      const zs = spiessSteps(net, demand, flows, obs, g, Float64Array.from(demand.flow), v, cells, { maxFactor: 10, maxShrink: 0.9, ends: { steps: ends, minDecrease: 0 } });
      return { g, zs, z0: objective(obs, observedFlows(new Float64Array(20), obs, result.flow)) };
    };
    const ends = run(30, 0);
    for (let i = 1; i < ends.zs.length; i++) expect(ends.zs[i]).toBeLessThanOrEqual(ends.zs[i - 1] * (1 + 1e-9));
    expect(ends.zs.at(-1)!).toBeLessThan(0.2 * ends.z0);
    // the cells of the origins that grew, and the others: mean factor against the prior
    const meanFactor = (g: Float64Array, from: number, to: number) => {
      let f = 0;
      let n = 0;
      for (let o = from; o < to; o++) for (let k = demand.rowStart[o]; k < demand.rowStart[o + 1]; k++) if (demand.flow[k] > 0) (f += g[k] / demand.flow[k]), n++;
      return f / n;
    };
    expect(meanFactor(ends.g, 0, 6)).toBeGreaterThan(meanFactor(ends.g, 6, demand.zoneCount) + 0.1);
    // a cell whose routes cross no counted link: the cell steps leave it, the row steps move it
    const cells = run(0, 30);
    const unseen = [...demand.flow.keys()].filter((k) => demand.flow[k] > 0 && cells.g[k] === demand.flow[k]);
    expect(unseen.length).toBeGreaterThan(0);
    expect(unseen.filter((k) => ends.g[k] !== demand.flow[k]).length).toBe(unseen.length);
    // with the stop rule, the row steps end once a step gains less than the share asked
    const g = Float64Array.from(demand.flow);
    const v = observedFlows(new Float64Array(20), obs, result.flow);
    const zs = spiessSteps(net, demand, flows, obs, g, Float64Array.from(demand.flow), v, 0, { maxFactor: 10, maxShrink: 0.9, ends: { steps: 30, minDecrease: 0.1 } });
    expect(zs.length).toBeLessThan(20);
    const last = zs.length - 1;
    expect(zs[last - 1]! - zs[last]!).toBeLessThan(0.1 * zs[last - 1]!);
    for (let i = 1; i < last; i++) expect(zs[i - 1]! - zs[i]!).toBeGreaterThanOrEqual(0.1 * zs[i - 1]!);
  });

  it('scaling by blocks: one factor per block recovers blocks scaled apart in one step, where one factor for the matrix cannot', () => {
    // the truth: the cells from even origins × 2, those from odd origins × 0.5
    const of = Uint8Array.from(demand.flow, (_, k) => {
      let o = 0;
      while (demand.rowStart[o + 1] <= k) o++;
      return o % 2;
    });
    const truth = Float64Array.from(demand.flow, (x, k) => x * (of[k] === 0 ? 2 : 0.5));
    const truthFlow = loadedFlows(truth);
    const edges = Uint32Array.from({ length: 20 }, (_, i) => (i * 3) % m);
    const obs: NetObservations = { count: 20, edgeStart: Uint32Array.from({ length: 21 }, (_, i) => i), edges, target: Float64Array.from(edges, (e) => truthFlow[e]) };
    const scaled = (blocks?: { count: number; of: Uint8Array }) => {
      const g = Float64Array.from(demand.flow);
      const v = observedFlows(new Float64Array(20), obs, result.flow);
      const zs = spiessSteps(net, demand, flows, obs, g, Float64Array.from(demand.flow), v, 0, { maxFactor: 10, maxShrink: 0.9, scaleFirst: true, ...(blocks ? { blocks } : {}) });
      return { g, z: zs.at(-1)!, z0: objective(obs, observedFlows(new Float64Array(20), obs, result.flow)) };
    };
    const two = scaled({ count: 2, of });
    for (let k = 0; k < 40; k++) if (demand.flow[k] > 0) expect(two.g[k] / demand.flow[k]).toBeCloseTo(of[k] === 0 ? 2 : 0.5, 6);
    expect(two.z).toBeLessThan(1e-9 * two.z0);
    expect(scaled().z).toBeGreaterThan(0.01 * two.z0);
  });

  it('block factors: the least-squares solution; a block that loads nothing, or would turn negative, keeps 1', () => {
    const u0 = Float64Array.of(1, 0, 1);
    const u1 = Float64Array.of(0, 2, 1);
    const v = Float64Array.from(u0, (x, i) => x + u1[i]!);
    const w = Float64Array.of(1, 1, 1);
    const f = blockFactors([u0, u1], v, Float64Array.from(u0, (x, i) => 3 * x + 0.5 * u1[i]!), w);
    expect(f[0]).toBeCloseTo(3, 12);
    expect(f[1]).toBeCloseTo(0.5, 12);
    expect(blockFactors([u0, new Float64Array(3)], u0, Float64Array.from(u0, (x) => 2 * x), w)).toEqual([2, 1]);
    // block 1 would need a negative factor: it keeps 1, block 0 is fitted with it held
    const g = blockFactors([u0, u1], v, Float64Array.of(2, -2, 1), w);
    expect(g[1]).toBe(1);
    expect(g[0]).toBeCloseTo(((2 - 0) * 1 + (1 - 1) * 1) / 2, 12);
  });
});
