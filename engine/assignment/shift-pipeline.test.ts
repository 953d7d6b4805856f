/**
 * The pipelined shifting round: alone it moves flow and keeps trips conserved; on two threads
 * (a real pool) it gives the bits of one (Terrassa at 1, 2 and 4 workers: algorithm-b-city.test.ts);
 * and a thread whose partner never comes ends with an error instead of waiting forever.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readTntpNetwork, readTntpTrips } from '../tntp/read-tntp.ts';
import { LinkState } from './algorithm-b-links.ts';
import { BushWorkspace, slotOutput } from './algorithm-b-workspace.ts';
import { bushStorage } from './bush.ts';
import { ShiftPipeline, shiftBuffers } from './shift-pipeline.ts';
import { algorithmB } from './algorithm-b.ts';
import { poolBushRunner } from '../../workers/algb-pool.ts';

const dir = fileURLToPath(new URL('../../data/tntp/SiouxFalls', import.meta.url));
const net = readTntpNetwork(`${dir}/SiouxFalls_net.tntp`);
const demand = readTntpTrips(`${dir}/SiouxFalls_trips.tntp`, net.zoneCount);
const origins = Int32Array.from({ length: net.zoneCount }, (_, o) => o);

/** First bushes at free flow, loaded on shared link columns. */
function planted() {
  const storage = bushStorage(net, origins.length, true);
  const links = new LinkState(net, true);
  const buffers = shiftBuffers(net.edgeCount, origins.length, true);
  const ws = new BushWorkspace(net, demand, origins, storage, links, undefined, buffers);
  ws.run('plant', 0, origins.length, slotOutput(origins.length, true));
  for (let s = 0; s < origins.length; s++) for (let k = 0; k < storage.size[s]; k++) links.flow[storage.edges[s * net.edgeCount + k]] += storage.flow[s * net.edgeCount + k];
  links.refreshAll();
  return { ws, links, buffers };
}

describe('ShiftPipeline', () => {
  it('moves flow toward equilibrium in one round, alone', () => {
    const { ws, links } = planted();
    ws.run('update', 0, origins.length, slotOutput(origins.length, true));
    const before = Array.from(links.flow);
    const largest = ws.shifter().round();
    expect(largest).toBeGreaterThan(0);
    expect(Array.from(links.flow)).not.toEqual(before);
    // flow is conserved at every node: in − out = trips ending − trips starting there
    const balance = new Float64Array(net.nodeCount);
    for (let e = 0; e < net.edgeCount; e++) {
      balance[net.head[e]] += links.flow[e];
      balance[net.tail[e]] -= links.flow[e];
    }
    for (let o = 0; o < net.zoneCount; o++) {
      for (let k = demand.rowStart[o]; k < demand.rowStart[o + 1]; k++) {
        if (demand.dest[k] === o) continue;
        balance[demand.dest[k]] -= demand.flow[k];
        balance[o] += demand.flow[k];
      }
    }
    for (const b of balance) expect(Math.abs(b)).toBeLessThan(1e-6);
  });

  it('gives the same flows on two threads as on one (Sioux Falls, gap 1e-10)', async () => {
    const options = { method: 'algb' as const, gap: 1e-10, maxIter: 500, bushPool: poolBushRunner };
    const one = await algorithmB(net, demand, { ...options, workers: 1 });
    const two = await algorithmB(net, demand, { ...options, workers: 2 });
    expect(two.workers).toBe(2);
    expect(two.iterations).toBe(one.iterations);
    expect(Array.from(two.flow)).toEqual(Array.from(one.flow));
  });

  it('stops with an error when the other thread makes no progress', () => {
    const { ws, links, buffers } = planted();
    // the even half of a two-thread round whose odd half never runs
    const lonely = new ShiftPipeline(ws.bushes, links, buffers, 300);
    lonely.prepareShared();
    const started = performance.now();
    expect(() => lonely.round(0)).toThrow(/^Algorithm B: the other shifting thread made no progress for 0\.3 s/);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
