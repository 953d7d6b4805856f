/** Worker task: best time-dependent paths for a range of trips (engine/meso/best-paths.ts). */
import { bestPaths } from '../engine/meso/best-paths.ts';
import type { TripPaths } from '../engine/meso/td-route.ts';
import { TdTree } from '../engine/meso/td-tree.ts';
import type { MesoBestPathTask } from './meso-best-path-pool.ts';

let tree: TdTree | undefined;

export default function mesoBestPathTask(t: MesoBestPathTask): TripPaths {
  if (!tree || tree.nodeCount !== t.graph.nodeCount) tree = new TdTree(t.graph.nodeCount);
  return bestPaths(t.graph, t.times, t.origin, t.dest, t.departS, t.trips, t.intervalS, tree);
}
