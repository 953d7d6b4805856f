/**
 * Sampled vehicle trajectories for deck.gl's TripsLayer: for each sampled vehicle a path of
 * lon,lat points (the route's link polylines) and a timestamp per point, seconds after
 * midnight. Within a link, time is spread over the polyline by distance from the time the
 * vehicle entered it to the time it left; a vehicle's path stops where it arrived, was removed
 * (stuck) or was when the run ended.
 *
 * Layout (TripsLayer binary data): vehicle i's points are startIndices[i] .. startIndices[i+1]-1,
 * positions at coords[2p], coords[2p+1], times at timestamps[p]; `vehicle[i]` is its trip index.
 */
import type { RoadGraph } from '../graph/road-graph.ts';
import { VehicleStatus, type MesoPlan, type QueueSimRun } from './queue-sim.ts';

export interface Trajectories {
  count: number;
  vehicle: Int32Array;
  startIndices: Uint32Array;
  coords: Float64Array;
  timestamps: Float32Array;
}

/** Samples every `every`-th vehicle that ran (by trip index), at most `max` of them. */
export function trajectories(graph: RoadGraph, plan: MesoPlan, run: QueueSimRun, every = 10, max = 20_000): Trajectories {
  const picked: number[] = [];
  for (let v = 0; v < plan.vehicleCount && picked.length < max; v += Math.max(1, every)) {
    if (run.status[v] !== VehicleStatus.Pending && plan.routeStart[v + 1] > plan.routeStart[v] && run.enterS[plan.routeStart[v]] >= 0) picked.push(v);
  }
  const { offsets, coords: geo } = graph.geometry;
  let points = 0;
  for (const v of picked) {
    for (let i = plan.routeStart[v]; i < plan.routeStart[v + 1] && run.enterS[i] >= 0; i++) {
      const e = plan.routeLinks[i];
      points += offsets[e + 1] - offsets[e];
    }
  }
  const startIndices = new Uint32Array(picked.length + 1);
  const coords = new Float64Array(2 * points);
  const timestamps = new Float32Array(points);
  let p = 0;
  picked.forEach((v, k) => {
    startIndices[k] = p;
    const r1 = plan.routeStart[v + 1];
    for (let i = plan.routeStart[v]; i < r1 && run.enterS[i] >= 0; i++) {
      const e = plan.routeLinks[i];
      const inS = run.enterS[i];
      const outS = i + 1 < r1 && run.enterS[i + 1] >= 0 ? run.enterS[i + 1] : run.endS[v];
      const g0 = offsets[e];
      const g1 = offsets[e + 1];
      // cumulative planar length along the polyline (degrees, longitude scaled by cos(lat))
      const k0 = Math.cos((geo[2 * g0 + 1] * Math.PI) / 180);
      let total = 0;
      for (let g = g0 + 1; g < g1; g++) total += Math.hypot((geo[2 * g] - geo[2 * g - 2]) * k0, geo[2 * g + 1] - geo[2 * g - 1]);
      let along = 0;
      for (let g = i === plan.routeStart[v] ? g0 : g0 + 1; g < g1; g++) {
        if (g > g0) along += Math.hypot((geo[2 * g] - geo[2 * g - 2]) * k0, geo[2 * g + 1] - geo[2 * g - 1]);
        coords[2 * p] = geo[2 * g];
        coords[2 * p + 1] = geo[2 * g + 1];
        timestamps[p] = inS + (total > 0 ? (along / total) * (outS - inS) : g === g0 ? 0 : outS - inS);
        p++;
      }
    }
  });
  startIndices[picked.length] = p;
  return { count: picked.length, vehicle: Int32Array.from(picked), startIndices, coords: coords.slice(0, 2 * p), timestamps: timestamps.slice(0, p) };
}
