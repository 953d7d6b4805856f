/**
 * Per-link results of an assignment on a road graph: flow (veh/h), congested time (s, BPR at
 * the final flow), volume/capacity ratio and speed (km/h). Time is travel time only — tolls
 * enter route choice as generalized cost but are not minutes spent on the road.
 *
 * Terms: `flowVph[e]` is indexed by road-graph edge; the BPR parameters are the road network's
 * (engine/assignment/road-network.ts, alpha 0.15, beta 4).
 */
import { ROAD_BPR } from '../assignment/road-network.ts';
import type { RoadGraph } from '../graph/road-graph.ts';

export interface LinkMetrics {
  flowVph: Float64Array;
  timeS: Float64Array;
  vc: Float32Array;
  speedKmh: Float32Array;
}

/**
 * `preloadVph`: background flow (buses in PCE) that adds to the flow in the time and v/c, not in `flowVph`.
 * `capacityFactor` multiplies every capacity, as the period's assignment did (time-of-day.ts; v/c against it).
 */
export function linkMetrics(graph: RoadGraph, flowVph: Float64Array, bpr: { alpha: number; beta: number } = ROAD_BPR, preloadVph?: Float64Array, capacityFactor = 1): LinkMetrics {
  const m = graph.edgeCount;
  if (flowVph.length !== m) throw new Error(`flow has ${flowVph.length} values, expected one per edge (${m})`);
  const timeS = new Float64Array(m);
  const vc = new Float32Array(m);
  const speedKmh = new Float32Array(m);
  const { freeFlowS, capacityVph, lengthM } = graph;
  for (let e = 0; e < m; e++) {
    const x = (preloadVph ? flowVph[e] + preloadVph[e] : flowVph[e]) / (capacityVph[e] * capacityFactor);
    const t = freeFlowS[e] * (1 + bpr.alpha * Math.pow(x, bpr.beta));
    timeS[e] = t;
    vc[e] = x;
    speedKmh[e] = t > 0 ? (lengthM[e] / t) * 3.6 : graph.speedKmh[e];
  }
  return { flowVph, timeS, vc, speedKmh };
}
