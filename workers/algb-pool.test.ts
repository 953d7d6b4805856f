/**
 * The Algorithm B pool started ahead of its run: the next run of as many threads takes it and
 * gives the in-process flows; a pool no run took is stopped on release.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { algorithmB } from '../engine/assignment/algorithm-b.ts';
import { readTntpNetwork, readTntpTrips } from '../engine/tntp/read-tntp.ts';
import { poolBushRunner, prestartBushPool, releaseSpareBushPool } from './algb-pool.ts';

const dir = fileURLToPath(new URL('../data/tntp/SiouxFalls', import.meta.url));
const net = readTntpNetwork(`${dir}/SiouxFalls_net.tntp`);
const demand = readTntpTrips(`${dir}/SiouxFalls_trips.tntp`, net.zoneCount);
const run = (workers: number) => algorithmB(net, demand, { method: 'algb', gap: 1e-8, maxIter: 200, workers, bushPool: poolBushRunner });

describe('prestartBushPool', () => {
  it('hands its threads to the next run, with the in-process result', async () => {
    const one = await run(1);
    prestartBushPool(2);
    const two = await run(2);
    expect(two.workers).toBe(2);
    expect(Array.from(two.flow)).toEqual(Array.from(one.flow));
    await releaseSpareBushPool();
  });

  it('stops a pool no run took', async () => {
    prestartBushPool(2);
    await expect(releaseSpareBushPool()).resolves.toBeUndefined();
    await expect(releaseSpareBushPool()).resolves.toBeUndefined();
  });
});
