/**
 * Warm starts: Algorithm B started from an earlier equilibrium reaches the same gap, with
 * flows that agree with a cold start within that gap's tolerance, in fewer iterations; the
 * repair holds when a closure removed edges the old flows used; the file codec round-trips.
 */
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { poolBushRunner } from '../../workers/algb-pool.ts';
import { readTntpNetwork, readTntpTrips, type TntpNetwork } from '../tntp/read-tntp.ts';
import { algorithmB, warmStartFrom } from './algorithm-b.ts';
import { BushWorkspace, slotOutput, type WarmStart } from './algorithm-b-workspace.ts';
import { PathTree } from './algorithm-b-paths.ts';
import { bushStorage } from './bush.ts';
import { LinkState } from './algorithm-b-links.ts';
import type { AssignmentNetwork } from './network.ts';
import { decodeWarmStart, encodeWarmStart } from './warm-start-file.ts';

const dir = fileURLToPath(new URL('../../data/tntp/Anaheim', import.meta.url));
const net = readTntpNetwork(`${dir}/Anaheim_net.tntp`);
const demand = readTntpTrips(`${dir}/Anaheim_trips.tntp`, net.zoneCount);
const terrassaDir = fileURLToPath(new URL('../../data/tntp/Terrassa-Asymmetric', import.meta.url));
const terrassa = readTntpNetwork(`${terrassaDir}/Terrassa-Asym_net.tntp`);
const terrassaDemand = readTntpTrips(`${terrassaDir}/Terrassa-Asym_trips.tntp`, terrassa.zoneCount);
const run = (n: AssignmentNetwork, gap: number, warmStart?: WarmStart, workers = 1, d = demand) =>
  algorithmB(n, d, { method: 'algb', gap, maxIter: 1000, workers, keepOriginFlows: true, bushPool: poolBushRunner, ...(warmStart ? { warmStart } : {}) });

/** Anaheim without its busiest non-connector links (a closure), and the old → new edge map. */
function withoutEdges(source: TntpNetwork, drop: Set<number>): { net: AssignmentNetwork; newOf: Int32Array } {
  const keep: number[] = [];
  for (let e = 0; e < source.edgeCount; e++) if (!drop.has(e)) keep.push(e);
  const m = keep.length;
  const newOf = new Int32Array(source.edgeCount).fill(-1);
  const col = <T extends Float64Array | Uint32Array>(a: T): T => {
    const out = new (a.constructor as new (n: number) => T)(m);
    keep.forEach((e, k) => (out[k] = a[e]));
    return out;
  };
  keep.forEach((e, k) => (newOf[e] = k));
  const firstOut = new Uint32Array(source.nodeCount + 1);
  for (const e of keep) firstOut[source.tail[e] + 1]++;
  for (let v = 0; v < source.nodeCount; v++) firstOut[v + 1] += firstOut[v];
  return {
    net: { ...source, edgeCount: m, firstOut, tail: col(source.tail), head: col(source.head), freeFlowTime: col(source.freeFlowTime), capacity: col(source.capacity), alpha: col(source.alpha), beta: col(source.beta), toll: col(source.toll), length: col(source.length) },
    newOf,
  };
}

/**
 * The network with its `count` busiest road links (not zone connectors) of an equilibrium
 * closed, and that equilibrium's warm start moved onto the new edge ids (closed edges drop out;
 * ordered: the origins the closure left whole take the fast path, the others are repaired).
 */
function closeBusiest(source: TntpNetwork, base: { flow: Float64Array; originFlows?: Parameters<typeof warmStartFrom>[0] }, count: number) {
  const busiest = Array.from(base.flow.keys()).filter((e) => source.tail[e] >= source.firstThruNode && source.head[e] >= source.firstThruNode).sort((a, b) => base.flow[b] - base.flow[a]).slice(0, count);
  const closed = withoutEdges(source, new Set(busiest));
  const old = warmStartFrom(base.originFlows!, source.edgeCount);
  const keep = Array.from(old.edge.keys()).filter((k) => closed.newOf[old.edge[k]] >= 0);
  const rowStart = new Uint32Array(old.zone.length + 1);
  for (let i = 0; i < old.zone.length; i++) rowStart[i + 1] = rowStart[i] + keep.filter((k) => k >= old.rowStart[i] && k < old.rowStart[i + 1]).length;
  const moved: WarmStart = { zone: old.zone, rowStart, edge: Int32Array.from(keep, (k) => closed.newOf[old.edge[k]]), weight: Float32Array.from(keep, (k) => old.weight[k]), ordered: true };
  return { closed, moved, old };
}

/**
 * Slot s's bush holds every node a search reaches, in a topological order, and carries the
 * demand of each destination it reaches from the origin; returns how many it cannot reach.
 */
function expectWholeBush(n: AssignmentNetwork, storage: ReturnType<typeof bushStorage>, origins: Int32Array, s: number, cost: Float64Array): number {
  const tree = new PathTree(n);
  tree.run(origins[s], cost);
  expect(storage.orderLength[s]).toBe(tree.settledCount);
  const pos = new Int32Array(n.nodeCount).fill(-1);
  for (let k = 0; k < storage.orderLength[s]; k++) pos[storage.order[s * n.nodeCount + k]] = k;
  // every edge points forward in the order; flow out of each node = flow in − its demand
  const balance = new Float64Array(n.nodeCount);
  for (let k = 0; k < storage.size[s]; k++) {
    const e = storage.edges[s * n.edgeCount + k];
    expect(pos[n.tail[e]]).toBeLessThan(pos[n.head[e]]);
    balance[n.tail[e]] -= storage.flow[s * n.edgeCount + k];
    balance[n.head[e]] += storage.flow[s * n.edgeCount + k];
  }
  const o = origins[s];
  let unreachable = 0;
  for (let q = demand.rowStart[o]; q < demand.rowStart[o + 1]; q++) {
    if (demand.dest[q] === o || !(demand.flow[q] > 0)) continue;
    if (tree.dist[demand.dest[q]] < Infinity) balance[demand.dest[q]] -= demand.flow[q];
    else unreachable++;
  }
  for (let v = 0; v < n.nodeCount; v++) if (v !== o) expect(Math.abs(balance[v])).toBeLessThan(1e-6 * storage.demand[s] + 1e-9);
  return unreachable;
}

describe('Algorithm B warm start', () => {
  it('from its own equilibrium: converged at once, flows unchanged within the gap', async () => {
    const cold = await run(net, 1e-6);
    const warm = await run(net, 1e-6, warmStartFrom(cold.originFlows!, net.edgeCount));
    expect(warm.warmStarted).toBe(cold.originFlows!.origins.length);
    expect(warm.status).toBe('converged');
    expect(warm.iterations).toBeLessThanOrEqual(1);
    expect(Math.abs(warm.beckmann - cold.beckmann) / cold.beckmann).toBeLessThan(1e-6);
  });

  it('after a closure (Terrassa): repaired bushes reach the same gap as a cold start, flows within its tolerance, in fewer iterations', { timeout: 120_000 }, async () => {
    const net = terrassa;
    const run1 = (n: AssignmentNetwork, gap: number, warmStart?: WarmStart) => run(n, gap, warmStart, 1, terrassaDemand);
    const base = await run1(net, 1e-6);
    const { closed, moved, old } = closeBusiest(net, base, 5);
    const cold = await run1(closed.net, 1e-6);
    const warm = await run1(closed.net, 1e-6, moved);
    expect(warm.warmStarted).toBe(old.zone.length);
    expect(cold.status).toBe('converged');
    expect(warm.status).toBe('converged');
    expect(warm.iterations).toBeLessThan(cold.iterations);
    // repairs moved demand, so no gap is measured before the first iteration; every later one is
    expect(warm.history[0].gap).toBeNaN();
    for (const h of warm.history.slice(1)) expect(h.gap).toBeGreaterThan(0);
    expect(Math.abs(warm.beckmann - cold.beckmann) / cold.beckmann).toBeLessThan(1e-6);
    // flows: within the tolerance a gap of 1e-6 allows (as |v − v*| / capacity; see algorithm-b.test.ts)
    let worst = 0;
    for (let e = 0; e < closed.net.edgeCount; e++) worst = Math.max(worst, Math.abs(warm.flow[e] - cold.flow[e]) / closed.net.capacity[e]);
    expect(worst).toBeLessThan(2e-2);
  });

  it('plants whole bushes from an ordered warm start with no search, and the first gap search completes them', async () => {
    const base = await run(net, 1e-6);
    const start = warmStartFrom(base.originFlows!, net.edgeCount);
    expect(start.ordered).toBe(true);
    const origins = base.originFlows!.origins;
    const links = new LinkState(net);
    const storage = bushStorage(net, origins.length, false);
    const out = slotOutput(origins.length, false);
    const ws = new BushWorkspace(net, demand, origins, storage, links, start);
    ws.run('warm', 0, origins.length, out);
    expect(Array.from(out.partial).every((p) => p === 1)).toBe(true);
    ws.run('finish', 0, origins.length, out);
    for (let s = 0; s < origins.length; s++) {
      expect(out.partial[s]).toBe(0);
      expect(expectWholeBush(net, storage, origins, s, links.cost)).toBe(0);
    }
  });

  it('plants the bushes a closure cut from their old edges too, and a search per cut origin routes what they no longer reach', async () => {
    const base = await run(net, 1e-6);
    const { closed, moved } = closeBusiest(net, base, 3);
    const origins = base.originFlows!.origins;
    const links = new LinkState(closed.net);
    links.refreshAll(); // free-flow costs
    const storage = bushStorage(closed.net, origins.length, false);
    const out = slotOutput(origins.length, false);
    const ws = new BushWorkspace(closed.net, demand, origins, storage, links, moved);
    ws.run('warm', 0, origins.length, out);
    const cut = Array.from(origins.keys()).filter((s) => out.partial[s] === 2);
    expect(cut.length).toBeGreaterThan(0);
    expect(cut.length).toBeLessThan(origins.length);
    expect(Array.from(out.warm).every((w) => w === 1)).toBe(true);
    ws.run('repair', 0, origins.length, out);
    // a repaired bush is whole at once, with its excess at the costs of its search (never negative)
    for (const s of cut) {
      expect(out.partial[s]).toBe(0);
      expect(out.travel[s]).toBeGreaterThanOrEqual(out.sptt[s] * (1 - 1e-12));
      // (a closure of these links cuts one origin off altogether: no demand, no travel)
      expect(out.sptt[s] > 0).toBe(storage.demand[s] > 0);
    }
    // 'complete' searches only for the others, which the fast path left partial
    ws.run('complete', 0, origins.length, out);
    for (let s = 0; s < origins.length; s++) {
      expect(out.partial[s]).toBe(0);
      expect(out.unreachablePairs[s]).toBe(expectWholeBush(closed.net, storage, origins, s, links.cost));
    }
  });

  it('gives identical flows for 1 and 2 workers', async () => {
    const base = await run(net, 1e-4);
    const start = warmStartFrom(base.originFlows!, net.edgeCount);
    const one = await run(net, 1e-8, start, 1);
    const two = await run(net, 1e-8, start, 2);
    expect(two.workers).toBe(2);
    expect(Array.from(two.flow)).toEqual(Array.from(one.flow));
  });

  it('round-trips through the compact file, dropping edges that no longer exist', async () => {
    const base = await run(net, 1e-6);
    const bytes = encodeWarmStart(net, base.originFlows!, (e) => e, (zone) => 1000 + zone);
    const full = warmStartFrom(base.originFlows!, net.edgeCount);
    expect(bytes.length).toBeLessThan(4 * full.edge.length);
    const back = decodeWarmStart(bytes, (key) => (key === 7 ? -1 : key), (key) => key - 1000);
    expect(Array.from(back.zone)).toEqual(Array.from(full.zone));
    expect(back.ordered).toBe(true);
    expect(back.edge.length).toBe(full.edge.length - full.edge.filter((e) => e === 7).length);
    const warm = await run(net, 1e-6, back);
    expect(warm.status).toBe('converged');
    expect(Math.abs(warm.beckmann - base.beckmann) / base.beckmann).toBeLessThan(1e-6);
    expect(() => decodeWarmStart(new Uint8Array([1, 2, 3]), (k) => k, (k) => k)).toThrow();
  });

  it('still reads a version 1 file (sorted keys: no order, so no fast path)', () => {
    // "GMWS", version 1, one origin (key 9): plain keys 3 and 5, one merge edge 7 with flow 0.5
    const raw = Buffer.alloc(32);
    let at = raw.writeUInt32LE(0x53574d47, 0);
    at = raw.writeUInt32LE(1, at);
    at = raw.writeUInt32LE(1, at);
    at = raw.writeInt32LE(9, at);
    for (const b of [2, 6, 4, 1, 14]) at = raw.writeUInt8(b, at);
    at = raw.writeFloatLE(0.5, at);
    const back = decodeWarmStart(gzipSync(raw.subarray(0, at)), (k) => k, (k) => k - 9);
    expect(back.ordered).toBe(false);
    expect(Array.from(back.zone)).toEqual([0]);
    expect(Array.from(back.edge)).toEqual([3, 5, 7]);
    expect(Array.from(back.weight)).toEqual([1, 1, 0.5]);
  });
});
