/** Worker task: time-dependent shortest paths for a range of re-routed trips (engine/meso/td-route.ts). */
import { routeTimeDependent, TimeDependentRouter, type TripPaths } from '../engine/meso/td-route.ts';
import type { MesoTdRouteTask } from './meso-td-route-pool.ts';

let router: TimeDependentRouter | undefined;

export default function mesoTdRouteTask(t: MesoTdRouteTask): TripPaths {
  if (!router || router.nodeCount !== t.graph.nodeCount) router = new TimeDependentRouter(t.graph.nodeCount);
  return routeTimeDependent(t.graph, t.times, t.origin, t.dest, t.departS, t.trips, router);
}
