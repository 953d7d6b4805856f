/**
 * Zone-to-zone times of a dynamic run: time-dependent shortest-path times on the link times
 * experienced in its last run (td-tree.ts), the mean over departures at the middle of each
 * `intervalS` of the period (07:15 and 07:45 for 07:00–08:00 with 30 min), so a queue that
 * builds during the period shows in the times. Zones sharing a road node share trees and get
 * time 0 between them, as in the static zone-times.ts.
 *
 * Output: Z×Z Float32Array, row-major, seconds; NaN where no path exists at some departure.
 */
import type { RoutingGraph } from './routes.ts';
import type { LinkTimes } from './td-route.ts';
import { TdTree } from './td-tree.ts';

export function tdZoneTimes(graph: RoutingGraph, times: LinkTimes, zoneNode: ArrayLike<number>, fromS: number, toS: number, intervalS: number): Float32Array {
  const z = zoneNode.length;
  const out = new Float32Array(z * z);
  const tree = new TdTree(graph.nodeCount);
  const departures: number[] = [];
  for (let t = fromS; t < toS; t += intervalS) departures.push(t + Math.min(intervalS, toS - t) / 2);
  const rowOf = new Map<number, number>();
  const sum = new Float64Array(z);
  for (let i = 0; i < z; i++) {
    const node = zoneNode[i];
    if (!(node >= 0 && node < graph.nodeCount)) throw new Error(`zone ${i}: road node ${node} is not a node of the graph (0..${graph.nodeCount - 1})`);
    const first = rowOf.get(node);
    if (first !== undefined) {
      out.copyWithin(i * z, first * z, first * z + z);
      continue;
    }
    rowOf.set(node, i);
    sum.fill(0);
    for (const d of departures) {
      tree.grow(graph, times, node, d);
      for (let j = 0; j < z; j++) sum[j] += zoneNode[j] === node ? 0 : tree.timeTo(zoneNode[j]);
    }
    for (let j = 0; j < z; j++) out[i * z + j] = sum[j] < Infinity ? sum[j] / departures.length : NaN;
  }
  return out;
}
