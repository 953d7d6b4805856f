/**
 * Routing for the queue model on a worker pool: the route blocks of engine/meso/routes.ts are
 * dealt to workers as contiguous block ranges; each worker returns its blocks' routes and the
 * main thread joins them in block order — the same routes as in-thread routing, for any
 * worker count. Graph columns and costs are SharedArrayBuffer views, posted without copying.
 */
import { joinRoutes, routeAll, routeBlockPlan, type RouteBlock, type RoutingGraph } from '../engine/meso/routes.ts';
import { createWorkerPool } from './pool.ts';

/** What one task receives. */
export interface MesoRouteTask {
  graph: RoutingGraph;
  cost: Float64Array;
  origin: Int32Array;
  dest: Int32Array;
  byOrigin: Int32Array;
  cuts: Int32Array;
  blockFrom: number;
  blockTo: number;
}

export async function routeOnPool(graph: RoutingGraph, cost: Float64Array, origin: Int32Array, dest: Int32Array, use: Uint8Array, workers: number): Promise<{ routeStart: Int32Array; routeLinks: Int32Array }> {
  if (workers <= 1) return routeAll(graph, cost, origin, dest, use);
  const plan = routeBlockPlan(origin, use);
  const blockCount = plan.cuts.length - 1;
  const g: RoutingGraph = { nodeCount: graph.nodeCount, firstOut: graph.firstOut, head: graph.head, tail: graph.tail };
  const tasks: MesoRouteTask[] = [];
  for (let w = 0; w < workers; w++) {
    const blockFrom = Math.floor((w * blockCount) / workers);
    const blockTo = Math.floor(((w + 1) * blockCount) / workers);
    if (blockTo > blockFrom) tasks.push({ graph: g, cost, origin, dest, byOrigin: plan.byOrigin, cuts: plan.cuts, blockFrom, blockTo });
  }
  if (tasks.length === 0) return joinRoutes(origin.length, []);
  const pool = createWorkerPool(new URL('./meso-route-task.ts', import.meta.url), tasks.length);
  try {
    const parts = await Promise.all(tasks.map((t) => pool.run<RouteBlock[]>(t)));
    return joinRoutes(origin.length, parts.flat());
  } finally {
    await pool.destroy();
  }
}
