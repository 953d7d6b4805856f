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
  const routeStart = new Int32Array(n + 1);
  const links: number[] = [];
  const path: number[] = [];
  let drawn = 0;
  for (let t = 0; t < n; t++) {
    routeStart[t + 1] = links.length;
    if (!use[t]) continue;
    const o = zoneAt.get(origin[t]);
    const d = zoneAt.get(dest[t]);
    if (o === undefined || d === undefined) continue;
    path.length = 0;
    if (sampler.path(o, d, (step) => unitHash(seed, t, step, 0x0d1a), path) === 0) continue;
    for (const e of path) if (net.roadEdge[e] >= 0) links.push(net.roadEdge[e]);
    routeStart[t + 1] = links.length;
    drawn++;
  }
  return { routeStart, routeLinks: Int32Array.from(links), drawn };
}
