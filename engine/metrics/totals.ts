/**
 * Network totals of a run: vehicle-kilometres (VKT) and vehicle-hours (VHT) travelled, delay
 * (vehicle-hours above free-flow time), and the trip figures from the zone-pair times.
 *
 * Units: flows in veh/h, so for a one-hour period (the peaks) VKT is veh·km in that hour and
 * VHT veh·h; for the 'day' period they are per day. Mean trip time is trip-weighted over the
 * zone pairs a path joins (a pair whose zones share a road node counts with time 0); trips
 * on pairs with no path are counted apart as unreachable.
 */
import type { RoadGraph } from '../graph/road-graph.ts';

export interface LinkTotals {
  vkt: number;
  vht: number;
  delayVh: number;
}

export interface TripTotals {
  meanTripMin: number;
  trips: number;
  unreachableTrips: number;
}

export function linkTotals(graph: RoadGraph, flowVph: Float64Array, timeS: Float64Array): LinkTotals {
  let vkt = 0;
  let vhtS = 0;
  let delayS = 0;
  const { lengthM, freeFlowS } = graph;
  for (let e = 0; e < graph.edgeCount; e++) {
    const v = flowVph[e];
    if (v === 0) continue;
    vkt += v * lengthM[e];
    vhtS += v * timeS[e];
    delayS += v * (timeS[e] - freeFlowS[e]);
  }
  return { vkt: vkt / 1000, vht: vhtS / 3600, delayVh: delayS / 3600 };
}

/** Trip totals from Z×Z congested times (s, NaN unreachable) and Z×Z trips, both row-major. */
export function tripTotals(timeS: ArrayLike<number>, trips: ArrayLike<number>): TripTotals {
  if (timeS.length !== trips.length) throw new Error(`zone times have ${timeS.length} values but trips ${trips.length}`);
  let total = 0;
  let reached = 0;
  let weighted = 0;
  let unreachable = 0;
  for (let k = 0; k < trips.length; k++) {
    const q = trips[k];
    if (q === 0) continue;
    total += q;
    const t = timeS[k];
    if (Number.isFinite(t)) {
      reached += q;
      weighted += q * t;
    } else unreachable += q;
  }
  return { meanTripMin: reached > 0 ? weighted / reached / 60 : 0, trips: total, unreachableTrips: unreachable };
}
