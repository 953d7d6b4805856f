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

/**
 * The same matrix from an assignment's zone costs (AssignmentResult.zoneCosts, over the road
 * assignment network whose zone k sits at road node netZoneNodes[k]), where the assignment's
 * cost is the travel time that timeS holds: the last gap check's searches, at the final flows,
 * already found these paths (its connectors cost nothing). Zones whose node has no row there
 * (no demand of their own) are searched as zoneTimes does.
 */
export function zoneTimesFromCosts(graph: RoadGraph, timeS: Float64Array, zoneNode: ArrayLike<number>, netZoneNodes: ArrayLike<number>, costs: { origins: Int32Array; cost: Float32Array }): Float32Array {
  const z = zoneNode.length;
  const netZones = netZoneNodes.length;
  const netZoneAt = new Int32Array(graph.nodeCount).fill(-1);
  for (let k = 0; k < netZones; k++) netZoneAt[netZoneNodes[k]] = k;
  const rowOf = new Int32Array(netZones).fill(-1);
  for (let r = 0; r < costs.origins.length; r++) rowOf[costs.origins[r]] = r;
  const column = new Int32Array(z);
  for (let j = 0; j < z; j++) column[j] = netZoneAt[zoneNode[j]];
  // every zone must be a column of the costs; else all rows are searched
  const complete = !column.includes(-1);
  const out = new Float32Array(z * z);
  const searched: number[] = [];
  for (const i of distinctZoneRows(graph.nodeCount, zoneNode)) {
    const r = complete ? rowOf[column[i]] : -1;
    if (r < 0) {
      searched.push(i);
      continue;
    }
    for (let j = 0, at = i * z, from = r * netZones; j < z; j++) out[at + j] = costs.cost[from + column[j]];
  }
  if (searched.length > 0) fillZoneTimeRows(zoneTree(graph), timeS, zoneNode, Int32Array.from(searched), 0, searched.length, out);
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
