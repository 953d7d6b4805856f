import { describe, expect, it } from 'vitest';
import { randomGridGraph } from '../engine/graph/random-graph.ts';
import { zoneTimes } from '../engine/metrics/zone-times.ts';
import { zoneTimesOnPool } from './zone-times-pool.ts';

describe('zone times on a pool', () => {
  const graph = randomGridGraph({ seed: 7, cols: 40, rows: 40, oneWayShare: 0.2, missingShare: 0.05 });
  // 300 zones on 260-odd distinct nodes: rows shared between zones on one node
  const zoneNode = Uint32Array.from({ length: 300 }, (_, i) => (i * 7919) % (i < 260 ? graph.nodeCount : 97));
  const timeS = Float64Array.from(graph.freeFlowS, (t, e) => t * (1 + (e % 5) / 10));
  const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

  it('gives the in-process matrix bit for bit with 1, 2 and 3 threads', async () => {
    const one = zoneTimes(graph, timeS, zoneNode);
    expect(one.some((x) => x > 0)).toBe(true);
    for (const workers of [1, 2, 3]) expect(bytes(await zoneTimesOnPool(graph, timeS, zoneNode, workers)).equals(bytes(one))).toBe(true);
  });

  it('names a zone whose node is not in the graph', async () => {
    const bad = Uint32Array.from(zoneNode);
    bad[5] = graph.nodeCount + 3;
    await expect(zoneTimesOnPool(graph, timeS, bad, 2)).rejects.toThrow(/^zone 5: road node \d+ is not a node of the graph/);
  });
});
