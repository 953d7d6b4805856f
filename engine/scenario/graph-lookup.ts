/**
 * Lookups that turn a scenario's outside-world references into graph ids: the edges of each OSM
 * way id, whether a way runs both ways, and the graph node an added link's end snaps to.
 *
 * Terms: a way is *two-way* when the graph holds edges of it in both directions (some with the
 * Reverse flag, some without); a node is *connected* when some edge starts or ends at it.
 */
import { EdgeFlag } from '../graph/edge-flags.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { haversineM, M_PER_DEG, metresPerDegreeLon } from '../spatial/geo.ts';

/** An added link's end snaps to the nearest connected node within this distance, metres. */
export const SNAP_DISTANCE_M = 300;

/** Edge ids of each way id of the graph, ascending. */
export function indexWays(graph: RoadGraph): Map<number, number[]> {
  const ways = new Map<number, number[]>();
  for (let e = 0; e < graph.edgeCount; e++) {
    const id = graph.osmWayId[e];
    const list = ways.get(id);
    if (list) list.push(e);
    else ways.set(id, [e]);
  }
  return ways;
}

/** True when the way's edges run in both directions. */
export function isTwoWay(graph: RoadGraph, edges: readonly number[]): boolean {
  let forward = false;
  let backward = false;
  for (const e of edges) {
    if (graph.flags[e] & EdgeFlag.Reverse) backward = true;
    else forward = true;
  }
  return forward && backward;
}

/** The connected node nearest to (lon, lat) — the lower id on a tie — and its distance in metres; node -1 when the graph has none. */
export function nearestNode(graph: RoadGraph, lon: number, lat: number): { node: number; distanceM: number } {
  const kx = metresPerDegreeLon(lat);
  const connected = new Uint8Array(graph.nodeCount);
  for (let e = 0; e < graph.edgeCount; e++) connected[graph.tail[e]] = connected[graph.head[e]] = 1;
  let best = -1;
  let bestD2 = Infinity;
  for (let n = 0; n < graph.nodeCount; n++) {
    if (!connected[n]) continue;
    const dx = (graph.nodeLon[n] - lon) * kx;
    const dy = (graph.nodeLat[n] - lat) * M_PER_DEG;
    const d2 = dx * dx + dy * dy;
    if (d2 < bestD2) {
      bestD2 = d2;
      best = n;
    }
  }
  return { node: best, distanceM: best < 0 ? Infinity : haversineM(lon, lat, graph.nodeLon[best], graph.nodeLat[best]) };
}
