import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assign } from '../engine/assignment/assign.ts';
import { readTntpNetwork, readTntpTrips } from '../engine/tntp/read-tntp.ts';
import { poolAonLoader } from './aon-pool.ts';

const tntp = (kind: string) => fileURLToPath(new URL(`../data/tntp/Anaheim/Anaheim_${kind}.tntp`, import.meta.url));
const net = readTntpNetwork(tntp('net'));
const demand = readTntpTrips(tntp('trips'), net.zoneCount);
const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('assignment on the worker pool', () => {
  it('gives bit-identical flows, gap and objective for 1, 2 and 4 workers (Anaheim, BFW)', async () => {
    const runs = [];
    for (const workers of [1, 2, 4]) runs.push(await assign(net, demand, { method: 'bfw', gap: 0, maxIter: 12, workers, parallel: poolAonLoader }));
    expect(runs.map((r) => r.workers)).toEqual([1, 2, 4]);
    for (const r of runs) {
      expect(r.iterations).toBe(12);
      expect(bytes(r.flow).equals(bytes(runs[0].flow))).toBe(true);
      expect(r.relativeGap).toBe(runs[0].relativeGap);
      expect(r.beckmann).toBe(runs[0].beckmann);
      expect(r.history.map((h) => h.step)).toEqual(runs[0].history.map((h) => h.step));
    }
  });
});
