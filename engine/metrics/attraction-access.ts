/**
 * Tourists' access to attractions: for each attraction, the mean congested travel time (min)
 * from the tourists' lodging places to it, over the road graph with the run's link times.
 * Lodging places and attractions are road nodes (snapped by the caller); the mean is weighted
 * by lodging weight over the lodgings that reach the attraction (NaN when none does).
 */
import type { RoadGraph } from '../graph/road-graph.ts';
import { Dijkstra } from '../routing/dijkstra.ts';

export interface AccessPlace {
  name: string;
  lon: number;
  lat: number;
  node: number;
}

export interface AttractionAccess {
  name: string;
  lon: number;
  lat: number;
  accessMin: number;
}

export function attractionAccess(
  graph: RoadGraph,
  timeS: Float64Array,
  lodgingNodes: ArrayLike<number>,
  lodgingWeights: ArrayLike<number>,
  attractions: AccessPlace[],
): AttractionAccess[] {
  const sum = new Float64Array(attractions.length);
  const weight = new Float64Array(attractions.length);
  const router = new Dijkstra(graph.nodeCount);
  for (let l = 0; l < lodgingNodes.length; l++) {
    router.tree(graph, timeS, lodgingNodes[l]);
    const w = lodgingWeights[l];
    attractions.forEach((a, k) => {
      if (!router.reached(a.node)) return;
      sum[k] += w * router.dist[a.node];
      weight[k] += w;
    });
  }
  return attractions.map((a, k) => ({ name: a.name, lon: a.lon, lat: a.lat, accessMin: weight[k] > 0 ? sum[k] / weight[k] / 60 : NaN }));
}
