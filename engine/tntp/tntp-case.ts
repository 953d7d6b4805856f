/**
 * A TNTP test case: network, demand and the best-known equilibrium flows laid on the network's
 * edges, and how far a solution's link flows are from them.
 */
import type { AssignmentNetwork, OdDemand } from '../assignment/network.ts';
import { readTntpFlows, readTntpNetwork, readTntpTrips, type TntpNetwork } from './read-tntp.ts';

export interface TntpCase {
  net: TntpNetwork;
  demand: OdDemand;
  /** Best-known flow of each edge of `net`. */
  bestFlow: Float64Array;
}

/** Reads `<dir>/<name>_net.tntp`, `_trips.tntp` and `_flow.tntp`. */
export function loadTntpCase(dir: string, name: string): TntpCase {
  const file = (kind: string) => `${dir}/${name}_${kind}.tntp`;
  const net = readTntpNetwork(file('net'));
  const demand = readTntpTrips(file('trips'), net.zoneCount);
  const best = readTntpFlows(file('flow'));
  const bestFlow = new Float64Array(net.edgeCount);
  for (let i = 0; i < best.flow.length; i++) bestFlow[edgeOf(net, best.tail[i] - 1, best.head[i] - 1)] = best.flow[i];
  return { net, demand, bestFlow };
}

/** max over links of |v − v*| / capacity: flow error in units of each link's capacity. */
export function maxFlowDeviation(net: TntpNetwork, flow: Float64Array, best: Float64Array): number {
  let worst = 0;
  for (let e = 0; e < flow.length; e++) worst = Math.max(worst, Math.abs(flow[e] - best[e]) / net.capacity[e]);
  return worst;
}

/** The edge from node a to node b (0-based ids); throws when there is none. */
export function edgeOf(net: AssignmentNetwork, a: number, b: number): number {
  for (let e = net.firstOut[a]; e < net.firstOut[a + 1]; e++) if (net.head[e] === b) return e;
  throw new Error(`no link ${a + 1} → ${b + 1} in the network`);
}
