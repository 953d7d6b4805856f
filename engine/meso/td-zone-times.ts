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
import { zoneRows } from '../metrics/zone-times.ts';
import { TdTree } from './td-tree.ts';

export function tdZoneTimes(graph: RoutingGraph, times: LinkTimes, zoneNode: ArrayLike<number>, fromS: number, toS: number, intervalS: number): Float32Array {
  const z = zoneNode.length;
  const tree = new TdTree(graph.nodeCount);
  const departures: number[] = [];
  for (let t = fromS; t < toS; t += intervalS) departures.push(t + Math.min(intervalS, toS - t) / 2);
  const sum = new Float64Array(z);
  return zoneRows(graph.nodeCount, zoneNode, (node, row) => {
    sum.fill(0);
    for (const d of departures) {
      tree.grow(graph, times, node, d);
      for (let j = 0; j < z; j++) sum[j] += zoneNode[j] === node ? 0 : tree.timeTo(zoneNode[j]);
    }
    for (let j = 0; j < z; j++) row[j] = sum[j] < Infinity ? sum[j] / departures.length : NaN;
  });
}
