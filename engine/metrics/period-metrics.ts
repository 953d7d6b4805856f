/**
 * A dynamic run's period figures from its 15-min series and trip records:
 * - per-edge columns: the period's averages (flow = vehicles leaving per hour; speed =
 *   flow-weighted space-mean speed, free-flow speed where no vehicle left; time = length / speed;
 *   v/c = flow / capacity);
 * - totals over the trips that depart inside the period (not the margins): VKT and VHT as driven
 *   (stuck trips up to their removal), delay of arrived trips, mean time of arrived trips.
 */
import type { Period } from '../demand/time-of-day.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { TripStatus } from '../meso/trip-records.ts';
import type { LinkMetrics } from './link-metrics.ts';
import type { RunDynamic, RunTotals } from './run-result.ts';

/** Per-edge flow, speed, time and v/c averaged over the series bins that start inside the period. */
export function periodAverages(graph: RoadGraph, s: RunDynamic['series'], period: Period): LinkMetrics {
  const m = graph.edgeCount;
  const flow = new Float64Array(m);
  const speedSum = new Float64Array(m);
  let bins = 0;
  for (let b = 0; b < s.binCount; b++) {
    const t = s.startS + b * s.binS;
    if (t < period.startS || t >= period.endS) continue;
    bins++;
    const row = b * m;
    for (let e = 0; e < m; e++) {
      const f = s.flowVph[row + e];
      if (f > 0) {
        flow[e] += f;
        speedSum[e] += f * s.speedKmh[row + e];
      }
    }
  }
  const timeS = new Float64Array(m);
  const vc = new Float32Array(m);
  const speedKmh = new Float32Array(m);
  for (let e = 0; e < m; e++) {
    const v = flow[e] > 0 ? speedSum[e] / flow[e] : graph.lengthM[e] > 0 && graph.freeFlowS[e] > 0 ? (3.6 * graph.lengthM[e]) / graph.freeFlowS[e] : graph.speedKmh[e];
    flow[e] = bins > 0 ? flow[e] / bins : 0;
    speedKmh[e] = v;
    timeS[e] = v > 0 ? (3.6 * graph.lengthM[e]) / v : graph.freeFlowS[e];
    vc[e] = graph.capacityVph[e] > 0 ? flow[e] / graph.capacityVph[e] : 0;
  }
  return { flowVph: flow, timeS, vc, speedKmh };
}

/** Totals over the trips that depart inside the period; `endS` is each trip's arrival, removal or end-of-run time. */
export function periodTotals(d: RunDynamic, endS: Float64Array, period: Period): Omit<RunTotals, 'co2Kg'> {
  const t = d.trips;
  let km = 0;
  let onRoadS = 0;
  let delay = 0;
  let arrived = 0;
  let arrivedS = 0;
  let ran = 0;
  let unreachable = 0;
  for (let i = 0; i < t.count; i++) {
    if (t.departS[i] < period.startS || t.departS[i] >= period.endS) continue;
    if (t.status[i] === TripStatus.Unreachable) unreachable++;
    if (t.status[i] >= 10) continue;
    ran++;
    km += t.distanceM[i] / 1000;
    onRoadS += endS[i] - t.departS[i];
    if (t.status[i] === TripStatus.Arrived) {
      arrived++;
      arrivedS += endS[i] - t.departS[i];
      delay += t.delayS[i];
    }
  }
  return { vkt: km, vht: onRoadS / 3600, delayVh: delay / 3600, meanTripMin: arrived > 0 ? arrivedS / arrived / 60 : 0, trips: ran, unreachableTrips: unreachable };
}
