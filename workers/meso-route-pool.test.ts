import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { importOsm } from '../engine/osm/import-osm.ts';
import { simulate } from '../engine/meso/simulate.ts';
import { tripSet } from '../engine/meso/trips.ts';
import { mulberry32 } from '../engine/util/random.ts';
import { routeOnPool } from './meso-route-pool.ts';
import { bestPathsOnPool } from './meso-best-path-pool.ts';

describe('mesoscopic run with routing on the worker pool', () => {
  const graph = importOsm(fileURLToPath(new URL('../data/osm/porto-alegre/poa_osm.pbf', import.meta.url))).graph;

  it('gives identical routes and results for 1, 2 and 4 workers', async () => {
    const r = mulberry32(17);
    const n = 800;
    const origins = Array.from({ length: 60 }, () => Math.floor(r() * graph.nodeCount));
    const trips = tripSet(
      Array.from({ length: n }, () => Math.floor(r() * 1200)),
      Array.from({ length: n }, () => origins[Math.floor(r() * origins.length)]),
      Array.from({ length: n }, () => Math.floor(r() * graph.nodeCount)),
    );
    const results = [];
    for (const workers of [1, 2, 4]) {
      results.push(await simulate(graph, trips, { horizonS: 3600, trajectoryEvery: 0, route: (g, cost, o, d, use) => routeOnPool(g, cost, o, d, use, workers) }));
    }
    const [one, ...others] = results;
    expect(one.summary.vehicles).toBeGreaterThan(700);
    for (const x of others) {
      expect(Array.from(x.plan.routeStart)).toEqual(Array.from(one.plan.routeStart));
      expect(Array.from(x.plan.routeLinks)).toEqual(Array.from(one.plan.routeLinks));
      expect(Array.from(x.run.endS)).toEqual(Array.from(one.run.endS));
      expect(x.summary.vehicleSeconds).toBe(one.summary.vehicleSeconds);
    }
  }, 60_000);

  it('iterates the dynamic equilibrium on time-dependent best paths identically for 1, 2 and 4 workers', async () => {
    const r = mulberry32(29);
    // 3,000 trips from 30 origins within 5 min: queues form, so vehicles have better paths to move to
    const n = 3000;
    const origins = Array.from({ length: 30 }, () => Math.floor(r() * graph.nodeCount));
    const trips = tripSet(
      Array.from({ length: n }, () => Math.floor(r() * 300)),
      Array.from({ length: n }, () => origins[Math.floor(r() * origins.length)]),
      Array.from({ length: n }, () => Math.floor(r() * graph.nodeCount)),
    );
    const results = [];
    for (const workers of [1, 2, 4]) {
      const paths = bestPathsOnPool(workers);
      results.push(await simulate(graph, trips, { horizonS: 3600, trajectoryEvery: 0, equilibrium: { maxRuns: 3, gap: 0, scheme: 'capacity' }, bestPathFn: paths.find }).finally(() => paths.close()));
    }
    const [one, ...others] = results;
    const first = await simulate(graph, trips, { horizonS: 3600, trajectoryEvery: 0 });
    // the re-routing changed some routes, and changed them the same way on every worker count
    expect(Array.from(one.plan.routeLinks)).not.toEqual(Array.from(first.plan.routeLinks));
    for (const x of others) {
      expect(Array.from(x.plan.routeStart)).toEqual(Array.from(one.plan.routeStart));
      expect(Array.from(x.plan.routeLinks)).toEqual(Array.from(one.plan.routeLinks));
      expect(x.summary.vehicleSeconds).toBe(one.summary.vehicleSeconds);
      expect(x.summary.history).toEqual(one.summary.history);
    }
  }, 60_000);
});
