/**
 * Zone-pair congested travel times: one Dijkstra tree per distinct zone node over the road
 * graph with the final link times (travel time, not generalized cost, so tolls do not add
 * minutes), read at every zone node. Zones sharing a road node share a tree and get time 0
 * between them.
 *
 * Output: Z×Z Float32Array, row-major, seconds; NaN where no path exists.
 */
import type { RoadGraph } from '../graph/road-graph.ts';
import { Dijkstra } from '../routing/dijkstra.ts';

export function zoneTimes(graph: RoadGraph, timeS: Float64Array, zoneNode: ArrayLike<number>): Float32Array {
  const z = zoneNode.length;
  const out = new Float32Array(z * z);
  const router = new Dijkstra(graph.nodeCount);
  // Zones of each node, so one tree serves every zone on it.
  const rowOf = new Map<number, number>();
  for (let i = 0; i < z; i++) {
    const node = zoneNode[i];
    if (!(node >= 0 && node < graph.nodeCount)) throw new Error(`zone ${i}: road node ${node} is not a node of the graph (0..${graph.nodeCount - 1})`);
    const first = rowOf.get(node);
    if (first !== undefined) {
      out.copyWithin(i * z, first * z, first * z + z);
      continue;
    }
    rowOf.set(node, i);
    router.tree(graph, timeS, node);
    const row = i * z;
    for (let j = 0; j < z; j++) out[row + j] = router.reached(zoneNode[j]) ? router.dist[zoneNode[j]] : NaN;
  }
  return out;
}
