/** Worker task: routes a range of route blocks (engine/meso/routes.ts) and returns them. */
import { routeBlock, RouteSearch, type RouteBlock } from '../engine/meso/routes.ts';
import type { MesoRouteTask } from './meso-route-pool.ts';

let search: RouteSearch | undefined;

export default function mesoRouteTask(t: MesoRouteTask): RouteBlock[] {
  if (!search || search.nodeCount !== t.graph.nodeCount) search = new RouteSearch(t.graph.nodeCount);
  const out: RouteBlock[] = [];
  for (let b = t.blockFrom; b < t.blockTo; b++) out.push(routeBlock(t.graph, t.cost, t.origin, t.dest, t.byOrigin, t.cuts[b], t.cuts[b + 1], search));
  return out;
}
