/**
 * Zone-pair congested travel times: one shortest-path search per distinct zone node over the
 * road graph with the final link times (the label-correcting search of Algorithm B's gap check,
 * about 3× faster than a heap Dijkstra on city graphs) (travel time, not generalized cost, so tolls do not add
 * minutes), read at every zone node. Zones sharing a road node share a tree and get time 0
 * between them.
 *
 * Output: Z×Z Float32Array, row-major, seconds; NaN where no path exists.
 */
import type { RoadGraph } from '../graph/road-graph.ts';
import { PathTree } from '../assignment/algorithm-b-paths.ts';

export function zoneTimes(graph: RoadGraph, timeS: Float64Array, zoneNode: ArrayLike<number>): Float32Array {
  const tree = new PathTree({ nodeCount: graph.nodeCount, firstOut: graph.firstOut, head: graph.head, firstThruNode: 0 });
  return zoneRows(graph.nodeCount, zoneNode, (node, row) => {
    tree.distances(node, timeS);
    for (let j = 0; j < row.length; j++) {
      const d = tree.dist[zoneNode[j]];
      row[j] = d < Infinity ? d : NaN;
    }
  });
}

/**
 * A Z×Z zone matrix filled one row per distinct zone node: `fill(node, row)` writes the row of the
 * first zone on a node, and every other zone on it gets a copy (so one tree serves them all).
 */
export function zoneRows(nodeCount: number, zoneNode: ArrayLike<number>, fill: (node: number, row: Float32Array) => void): Float32Array {
  const z = zoneNode.length;
  const out = new Float32Array(z * z);
  const rowOf = new Map<number, number>();
  for (let i = 0; i < z; i++) {
    const node = zoneNode[i];
    if (!(node >= 0 && node < nodeCount)) throw new Error(`zone ${i}: road node ${node} is not a node of the graph (0..${nodeCount - 1})`);
    const first = rowOf.get(node);
    if (first !== undefined) {
      out.copyWithin(i * z, first * z, first * z + z);
      continue;
    }
    rowOf.set(node, i);
    fill(node, out.subarray(i * z, i * z + z));
  }
  return out;
}
