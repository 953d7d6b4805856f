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
  const rows = distinctZoneRows(graph.nodeCount, zoneNode);
  const out = new Float32Array(zoneNode.length * zoneNode.length);
  fillZoneTimeRows(zoneTree(graph), timeS, zoneNode, rows, 0, rows.length, out);
  copySharedRows(zoneNode, out);
  return out;
}

/** The search zone times run on (no node is closed to through traffic). */
export function zoneTree(graph: Pick<RoadGraph, 'nodeCount' | 'firstOut' | 'head'>): PathTree {
  return new PathTree({ nodeCount: graph.nodeCount, firstOut: graph.firstOut, head: graph.head, firstThruNode: 0 });
}

/** The first zone on each distinct zone node, ascending; throws on a node outside the graph. */
export function distinctZoneRows(nodeCount: number, zoneNode: ArrayLike<number>): Int32Array {
  const seen = new Set<number>();
  const rows: number[] = [];
  for (let i = 0; i < zoneNode.length; i++) {
    const node = zoneNode[i];
    if (!(node >= 0 && node < nodeCount)) throw new Error(`zone ${i}: road node ${node} is not a node of the graph (0..${nodeCount - 1})`);
    if (!seen.has(node)) {
      seen.add(node);
      rows.push(i);
    }
  }
  return Int32Array.from(rows);
}

/** Rows rows[from .. to-1] of the Z×Z matrix `out`: times from each such zone's node to every zone's. */
export function fillZoneTimeRows(tree: PathTree, timeS: Float64Array, zoneNode: ArrayLike<number>, rows: Int32Array, from: number, to: number, out: Float32Array): void {
  const z = zoneNode.length;
  for (let r = from; r < to; r++) {
    const i = rows[r];
    tree.distances(zoneNode[i], timeS);
    for (let j = 0, at = i * z; j < z; j++) {
      const d = tree.dist[zoneNode[j]];
      out[at + j] = d < Infinity ? d : NaN;
    }
  }
}

/** Every zone's row copied from the first zone on its node (filled by fillZoneTimeRows). */
export function copySharedRows(zoneNode: ArrayLike<number>, out: Float32Array): void {
  const z = zoneNode.length;
  const first = new Map<number, number>();
  for (let i = 0; i < z; i++) {
    const f = first.get(zoneNode[i]);
    if (f === undefined) first.set(zoneNode[i], i);
    else out.copyWithin(i * z, f * z, f * z + z);
  }
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
