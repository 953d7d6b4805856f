/**
 * Routes for the queue model drawn from a static equilibrium's origin-based flows
 * (engine/assignment/origin-paths.ts), trip by trip, as road-graph link lists.
 *
 * Terms: a trip runs from road node `origin[t]` to `dest[t]`; it is drawn when both nodes are
 * zone nodes of the assignment network (RoadAssignmentNetwork.zoneNodes) and the origin's
 * flows reach the destination. Other trips (an event venue that is not a zone node, or an OD
 * pair with no demand in the assigned period) get an empty route here, and the caller routes
 * them on link costs. Connectors are dropped from the drawn paths. A trip's path depends only
 * on (seed, trip index, its nodes, the flows): the same for any worker count or trip order.
 */
import type { OriginFlows } from '../assignment/origin-paths.ts';
import { OriginPathSampler } from '../assignment/origin-paths.ts';
import type { RoadAssignmentNetwork } from '../assignment/road-network.ts';
import { unitHash } from './queue-sim.ts';

export interface DrawnRoutes {
  routeStart: Int32Array;
  routeLinks: Int32Array;
  /** Trips given a path drawn from the flows. */
  drawn: number;
}

export function equilibriumRoutes(net: RoadAssignmentNetwork, flows: OriginFlows, origin: Int32Array, dest: Int32Array, use: Uint8Array, seed: number): DrawnRoutes {
  const sampler = new OriginPathSampler(net, flows);
  const zoneAt = new Map<number, number>();
  net.zoneNodes.forEach((node, z) => zoneAt.set(node, z));
  const n = origin.length;
  // Paths are drawn origin zone by origin zone (the sampler reads one origin's flows at a
  // time), then listed in trip order.
  const zoneOf = new Int32Array(n).fill(-1);
  for (let t = 0; t < n; t++) {
    if (!use[t]) continue;
    const o = zoneAt.get(origin[t]);
    if (o !== undefined && zoneAt.has(dest[t])) zoneOf[t] = o;
  }
  const byZone = Array.from({ length: n }, (_, t) => t)
    .filter((t) => zoneOf[t] >= 0)
    .sort((a, b) => zoneOf[a] - zoneOf[b] || a - b);
  const paths: (Int32Array | undefined)[] = new Array(n);
  const path: number[] = [];
  let drawn = 0;
  for (const t of byZone) {
    path.length = 0;
    if (sampler.path(zoneOf[t], zoneAt.get(dest[t])!, (step) => unitHash(seed, t, step, 0x0d1a), path) === 0) continue;
    paths[t] = Int32Array.from(path.filter((e) => net.roadEdge[e] >= 0), (e) => net.roadEdge[e]);
    drawn++;
  }
  const routeStart = new Int32Array(n + 1);
  for (let t = 0; t < n; t++) routeStart[t + 1] = routeStart[t] + (paths[t]?.length ?? 0);
  const routeLinks = new Int32Array(routeStart[n]);
  for (let t = 0; t < n; t++) if (paths[t]) routeLinks.set(paths[t]!, routeStart[t]);
  return { routeStart, routeLinks, drawn };
}
