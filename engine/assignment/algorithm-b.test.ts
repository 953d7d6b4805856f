/**
 * Algorithm B against analytic equilibria (two routes, Braess) and the TNTP best-known
 * solutions: Beckmann 4,231,335.287 for Sioux Falls (its README) and the objective of
 * Anaheim's flow file (1,286,032.171, recomputed here from the file); then the bush invariants.
 *
 * Link-flow tolerance, as |v − v*| / capacity per link: UE link flows are unique for strictly
 * increasing BPR costs, but a relative gap bounds the objective error, not the flow error; the
 * objective is flat near the optimum (most on lightly loaded links), so flows converge only like
 * the square root of the objective error. At gap 1e-6 we ask 5e-4 of capacity on Sioux Falls
 * (measured 2e-5 to 1e-4: under 2 veh on its 4,800–26,000 veh/h links) and 2e-2 on Anaheim
 * (v/c mostly below 0.3, so a flat objective; measured 1e-3 to 1.4e-2). At gap 1e-10 both must
 * match the file within 1e-6 of capacity (measured 1e-8), which shows the file is the
 * equilibrium we converge to, not merely a nearby point.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseTntpNetwork, parseTntpTrips } from '../tntp/read-tntp.ts';
import { LinkState } from './algorithm-b-links.ts';
import { PathTree } from './algorithm-b-paths.ts';
import { equilibrateBush } from './algorithm-b-shift.ts';
import { algorithmB } from './algorithm-b.ts';
import { Bushes } from './bush.ts';
import type { AssignmentNetwork, OdDemand } from './network.ts';
import { beckmann } from './objective.ts';
import type { AssignmentOptions, IterationRecord } from './result.ts';
import { edgeOf, loadTntpCase, maxFlowDeviation } from '../tntp/tntp-case.ts';

const options = (gap: number, extra: Partial<AssignmentOptions> = {}): AssignmentOptions => ({ method: 'algb', gap, maxIter: 1000, workers: 1, ...extra });


const load = (name: string) => loadTntpCase(fileURLToPath(new URL(`../../data/tntp/${name}`, import.meta.url)), name);

/** Largest |inflow − outflow − (trips ending − trips starting)| over nodes: 0 when flow is conserved. */
function conservationError(net: AssignmentNetwork, demand: OdDemand, flow: Float64Array): number {
  const balance = new Float64Array(net.nodeCount);
  for (let e = 0; e < net.edgeCount; e++) {
    balance[net.head[e]] += flow[e];
    balance[net.tail[e]] -= flow[e];
  }
  for (let o = 0; o < demand.zoneCount; o++) {
    for (let k = demand.rowStart[o]; k < demand.rowStart[o + 1]; k++) {
      balance[demand.dest[k]] -= demand.flow[k];
      balance[o] += demand.flow[k];
    }
  }
  return balance.reduce((a, b) => Math.max(a, Math.abs(b)), 0);
}

const tiny = (net: string, trips: string, zones: number) => {
  const n = parseTntpNetwork(net, 'tiny_net.tntp');
  return { net: n, demand: parseTntpTrips(trips, 'tiny_trips.tntp', zones) };
};

/**
 * Two roads from zone 1 to zone 2, linear costs (power 1): t_a = 10 + 0.1·v_a, t_b = 20 + 0.2·v_b,
 * demand 200. Equal times: 10 + 0.1·v_a = 20 + 0.2·(200 − v_a) → v_a = 500/3, v_b = 100/3, 80/3 min.
 */
const twoRoutes = tiny(
  `<NUMBER OF ZONES> 2\n<NUMBER OF NODES> 4\n<FIRST THRU NODE> 3\n<NUMBER OF LINKS> 4\n<END OF METADATA>
1 3 100 0 10 1 1 0 0 1 ;\n1 4 100 0 20 1 1 0 0 1 ;\n3 2 1e9 0 1 0 1 0 0 1 ;\n4 2 1e9 0 1 0 1 0 0 1 ;\n`,
  '<NUMBER OF ZONES> 2\n<TOTAL OD FLOW> 200\n<END OF METADATA>\nOrigin 1\n 2 : 200;\n',
  2,
);

/**
 * Braess: s=1, t=2, a=3, b=4. s→a and b→t cost 1 + v/100; a→t and s→b cost 25; the bridge
 * a→b costs 1. With demand 3,000 the three paths tie when v(s→a) = v(b→t) = 2,300:
 * s-a-t = s-b-t = 700 each, s-a-b-t = 1,600, every path 49 minutes (without the bridge: 41).
 */
const braess = tiny(
  `<NUMBER OF ZONES> 2\n<NUMBER OF NODES> 4\n<FIRST THRU NODE> 3\n<NUMBER OF LINKS> 5\n<END OF METADATA>
1 3 100 0 1 1 1 0 0 1 ;\n3 2 100 0 25 0 1 0 0 1 ;\n1 4 100 0 25 0 1 0 0 1 ;\n4 2 100 0 1 1 1 0 0 1 ;\n3 4 100 0 1 0 1 0 0 1 ;\n`,
  '<NUMBER OF ZONES> 2\n<TOTAL OD FLOW> 3000\n<END OF METADATA>\nOrigin 1\n 2 : 3000;\n',
  2,
);

describe('algorithmB on small networks with known equilibria', () => {
  it('splits two routes as the analytic equilibrium does', async () => {
    const { net, demand } = twoRoutes;
    const r = await algorithmB(net, demand, options(1e-12));
    expect(r.relativeGap).toBeLessThanOrEqual(1e-12);
    expect(r.flow[edgeOf(net, 0, 2)]).toBeCloseTo(500 / 3, 8);
    expect(r.flow[edgeOf(net, 0, 3)]).toBeCloseTo(100 / 3, 8);
    expect(r.cost[edgeOf(net, 0, 2)] + r.cost[edgeOf(net, 2, 1)]).toBeCloseTo(80 / 3 + 1, 8);
    expect(r.method).toBe('algb');
    expect(r.unreachable).toEqual({ pairs: 0, demand: 0 });
  });

  it('finds the Braess equilibrium, bridge included', async () => {
    const { net, demand } = braess;
    const r = await algorithmB(net, demand, options(1e-12));
    const v = (a: number, b: number) => r.flow[edgeOf(net, a - 1, b - 1)];
    expect(v(1, 3)).toBeCloseTo(2300, 6);
    expect(v(4, 2)).toBeCloseTo(2300, 6);
    expect(v(3, 2)).toBeCloseTo(700, 6);
    expect(v(1, 4)).toBeCloseTo(700, 6);
    expect(v(3, 4)).toBeCloseTo(1600, 6);
    expect(r.tstt / 3000).toBeCloseTo(49, 8);
  });

  it('never passes through a zone below the first thru node', async () => {
    // Zone 3 lies on the cheap way 1→3→2 (cost 2); the other way 1→4→2 costs 10.
    const net = `<NUMBER OF ZONES> 3\n<NUMBER OF NODES> 4\n<FIRST THRU NODE> FT\n<NUMBER OF LINKS> 4\n<END OF METADATA>
1 3 100 0 1 0.15 4 0 0 1 ;\n3 2 100 0 1 0.15 4 0 0 1 ;\n1 4 100 0 5 0.15 4 0 0 1 ;\n4 2 100 0 5 0.15 4 0 0 1 ;\n`;
    const trips = '<NUMBER OF ZONES> 3\n<TOTAL OD FLOW> 50\n<END OF METADATA>\nOrigin 1\n 2 : 50;\n';
    const through = tiny(net.replace('FT', '1'), trips, 3);
    const blocked = tiny(net.replace('FT', '4'), trips, 3);
    const a = await algorithmB(through.net, through.demand, options(1e-10));
    const b = await algorithmB(blocked.net, blocked.demand, options(1e-10));
    expect(a.flow[edgeOf(through.net, 2, 1)]).toBeCloseTo(50, 8);
    expect(b.flow[edgeOf(blocked.net, 0, 2)]).toBe(0);
    expect(b.flow[edgeOf(blocked.net, 2, 1)]).toBe(0);
    expect(b.flow[edgeOf(blocked.net, 3, 1)]).toBeCloseTo(50, 10);
    expect(b.relativeGap).toBeLessThanOrEqual(1e-10);
  });

  it('counts unreachable OD pairs and loads the rest', async () => {
    // Zone 3 has no road in or out; zone 1 → 2 is served.
    const { net, demand } = tiny(
      `<NUMBER OF ZONES> 3\n<NUMBER OF NODES> 3\n<FIRST THRU NODE> 1\n<NUMBER OF LINKS> 2\n<END OF METADATA>
1 2 100 0 3 0.15 4 0 0 1 ;\n2 1 100 0 3 0.15 4 0 0 1 ;\n`,
      '<NUMBER OF ZONES> 3\n<TOTAL OD FLOW> 75\n<END OF METADATA>\nOrigin 1\n 2 : 40; 3 : 10;\nOrigin 3\n 1 : 25;\n',
      3,
    );
    const r = await algorithmB(net, demand, options(1e-8));
    expect(r.unreachable).toEqual({ pairs: 2, demand: 35 });
    expect(r.flow[edgeOf(net, 0, 1)]).toBe(40);
    expect(Number.isFinite(r.relativeGap) && Number.isFinite(r.beckmann)).toBe(true);
  });

  it('rejects demand built for another network in one line', async () => {
    const other = parseTntpTrips('<NUMBER OF ZONES> 3\n<TOTAL OD FLOW> 1\n<END OF METADATA>\nOrigin 1\n 2 : 1;\n', 'x_trips.tntp', 3);
    await expect(algorithmB(braess.net, other, options(1e-6))).rejects.toThrow(/^Algorithm B: demand has 3 zones; expected the network's 2$/);
  });
});

const siouxFalls = load('SiouxFalls');
const anaheim = load('Anaheim');

describe('algorithmB against TNTP best-known solutions', () => {
  it('Sioux Falls: gap 1e-6, Beckmann within 1e-5 of 4,231,335.287, flows within 5e-4 of capacity', async () => {
    const { net, demand, bestFlow } = siouxFalls;
    const records: IterationRecord[] = [];
    const r = await algorithmB(net, demand, options(1e-6, { onIteration: (h) => records.push(h) }));
    expect(r.relativeGap).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(r.beckmann / 4231335.287 - 1)).toBeLessThan(1e-5);
    expect(maxFlowDeviation(net, r.flow, bestFlow)).toBeLessThan(5e-4);
    expect(conservationError(net, demand, r.flow)).toBeLessThan(1e-6);
    expect(records).toEqual(r.history);
    expect(r.history.length).toBe(r.iterations);
    // The objective of the flows entering each iteration never rises (up to rounding).
    for (let i = 1; i < r.history.length; i++) expect(r.history[i].objective).toBeLessThanOrEqual(r.history[i - 1].objective * (1 + 1e-12));
    expect(r.history.every((h) => h.step >= 0 && h.seconds >= 0)).toBe(true);
  });

  it('Anaheim: gap 1e-6, Beckmann within 1e-5 of the flow file, flows within 2e-2 of capacity, zones not passed through', async () => {
    const { net, demand, bestFlow } = anaheim;
    const bestObjective = beckmann(net, bestFlow);
    expect(bestObjective).toBeCloseTo(1286032.171, 2);
    const r = await algorithmB(net, demand, options(1e-6));
    expect(r.relativeGap).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(r.beckmann / bestObjective - 1)).toBeLessThan(1e-5);
    expect(maxFlowDeviation(net, r.flow, bestFlow)).toBeLessThan(2e-2);
    expect(conservationError(net, demand, r.flow)).toBeLessThan(1e-6);
    // Zones are not through nodes: a zone's out-links carry exactly the trips it starts.
    for (let z = 0; z < net.zoneCount; z++) {
      let out = 0;
      for (let e = net.firstOut[z]; e < net.firstOut[z + 1]; e++) out += r.flow[e];
      let starts = 0;
      for (let k = demand.rowStart[z]; k < demand.rowStart[z + 1]; k++) starts += demand.flow[k];
      expect(out).toBeCloseTo(starts, 6);
    }
  });

  it('converges to the flow files themselves at gap 1e-11 (within 1e-6 of capacity)', async () => {
    // at 1e-10 Anaheim can stop at 8e-11, 1.2e-6 of capacity away
    for (const { net, demand, bestFlow } of [siouxFalls, anaheim]) {
      const r = await algorithmB(net, demand, options(1e-11));
      expect(r.relativeGap).toBeLessThanOrEqual(1e-11);
      expect(maxFlowDeviation(net, r.flow, bestFlow)).toBeLessThan(1e-6);
    }
  });

  it('lets the origins that have settled sit an iteration out, and still converges', async () => {
    const { net, demand } = anaheim;
    const r = await algorithmB(net, demand, options(1e-8));
    expect(r.status).toBe('converged');
    const origins = r.history.map((h) => h.origins!);
    expect(origins[0]).toBe(net.zoneCount);
    expect(Math.min(...origins)).toBeGreaterThan(0);
    expect(Math.min(...origins)).toBeLessThan(net.zoneCount);
  });

  it('gives bit-identical flows whatever the worker count, and reports one worker', async () => {
    const { net, demand } = anaheim;
    const runs = await Promise.all([1, 2, 4].map((workers) => algorithmB(net, demand, options(1e-8, { workers }))));
    for (const r of runs) {
      expect(r.workers).toBe(1);
      expect(Buffer.from(r.flow.buffer).equals(Buffer.from(runs[0].flow.buffer))).toBe(true);
      expect(r.history.map((h) => h.gap)).toEqual(runs[0].history.map((h) => h.gap));
    }
  });

  it('stops at the iteration limit and reports where it stood', async () => {
    const r = await algorithmB(siouxFalls.net, siouxFalls.demand, options(0, { maxIter: 3 }));
    expect(r.iterations).toBe(3);
    expect(r.history).toHaveLength(3);
    expect(r.relativeGap).toBeGreaterThan(0);
    expect(r.relativeGap).toBeLessThan(r.history[0].gap);
  });
});

/** Every broken bush invariant of slot s, as readable lines (empty when all hold). */
function bushProblems(b: Bushes, net: AssignmentNetwork, demand: OdDemand, s: number): string[] {
  const problems: string[] = [];
  const m = net.edgeCount;
  const origin = b.origins[s];
  const len = b.orderLength[s];
  const pos = new Int32Array(net.nodeCount).fill(-1);
  for (let k = 0; k < len; k++) pos[b.order[s * net.nodeCount + k]] = k;
  if (b.order[s * net.nodeCount] !== origin) problems.push('order does not start at the origin');
  const inDegree = new Int32Array(net.nodeCount);
  const balance = new Float64Array(net.nodeCount);
  const seen = new Uint8Array(m);
  for (let k = 0; k < b.size[s]; k++) {
    const e = b.edges[s * m + k];
    const f = b.flow[s * m + k];
    if (f < 0) problems.push(`negative bush flow on edge ${e}`);
    if (seen[e]) problems.push(`edge ${e} listed twice`);
    seen[e] = 1;
    const u = net.tail[e];
    const v = net.head[e];
    if (!(pos[u] >= 0 && pos[u] < pos[v])) problems.push(`edge ${u}→${v} breaks the topological order`);
    if (u < net.firstThruNode && u !== origin) problems.push(`edge ${u}→${v} leaves a zone that is not the origin`);
    inDegree[v]++;
    balance[v] += f;
    balance[u] -= f;
  }
  for (let k = 1; k < len; k++) if (inDegree[b.order[s * net.nodeCount + k]] === 0) problems.push(`node ${b.order[s * net.nodeCount + k]} has no bush in-edge`);
  // The edge list is grouped by head in topological order.
  for (let k = 1; k < b.size[s]; k++) {
    if (pos[net.head[b.edges[s * m + k]]] < pos[net.head[b.edges[s * m + k - 1]]]) problems.push(`edge list out of order at ${k}`);
  }
  for (let k = demand.rowStart[origin]; k < demand.rowStart[origin + 1]; k++) balance[demand.dest[k]] -= demand.flow[k];
  let total = 0;
  for (let k = demand.rowStart[origin]; k < demand.rowStart[origin + 1]; k++) total += demand.flow[k];
  balance[origin] += total;
  for (let v = 0; v < net.nodeCount; v++) if (Math.abs(balance[v]) > 1e-9 * total) problems.push(`origin ${origin} flow not conserved at node ${v} (${balance[v]})`);
  return problems;
}

describe('Bushes', () => {
  it('stay acyclic, connected, conserving and zone-respecting through updates and shifts (Anaheim)', () => {
    const { net, demand } = anaheim;
    const origins = Int32Array.from({ length: net.zoneCount }, (_, z) => z);
    const bushes = new Bushes(net, origins);
    const links = new LinkState(net);
    const tree = new PathTree(net);
    const nodeDemand = new Float64Array(net.nodeCount);
    for (let s = 0; s < origins.length; s++) {
      tree.run(origins[s], links.cost);
      for (let k = demand.rowStart[s]; k < demand.rowStart[s + 1]; k++) nodeDemand[demand.dest[k]] += demand.flow[k];
      bushes.plant(s, tree.pred, tree.settled, tree.settledCount, nodeDemand);
      for (let k = 0; k < bushes.size[s]; k++) links.flow[bushes.edges[s * net.edgeCount + k]] += bushes.flow[s * net.edgeCount + k];
      links.refreshAll();
    }
    for (let s = 0; s < origins.length; s++) expect(bushProblems(bushes, net, demand, s)).toEqual([]);
    let added = 0;
    for (let round = 0; round < 4; round++) {
      for (let s = 0; s < origins.length; s++) {
        added += bushes.update(s, links.cost);
        equilibrateBush(bushes, links, s);
        expect(bushProblems(bushes, net, demand, s)).toEqual([]);
      }
    }
    expect(added).toBeGreaterThan(0);
    // Aggregate flows kept edge by edge equal the sum of the bushes.
    const sum = new Float64Array(net.edgeCount);
    for (let s = 0; s < origins.length; s++) for (let k = 0; k < bushes.size[s]; k++) sum[bushes.edges[s * net.edgeCount + k]] += bushes.flow[s * net.edgeCount + k];
    for (let e = 0; e < net.edgeCount; e++) expect(links.flow[e]).toBeCloseTo(sum[e], 6);
  });

  it('refuses a bush set too large for memory in one line', () => {
    const huge = { ...anaheim.net, edgeCount: 10_000_000 };
    expect(() => new Bushes(huge, new Int32Array(100))).toThrow(/^Algorithm B: 100 origins × 10000000 edges need 11\.2 GiB of bush storage; expected at most 2 GiB/);
  });
});
