/**
 * The relative gap of a dynamic run, over all vehicles that ran (the standard measure of
 * dynamic user equilibrium; Chiu et al. 2011, "Dynamic Traffic Assignment: A Primer", TRB):
 *
 *   gap = Σ_v (experienced time of v − best time-dependent path time for v's departure) / Σ_v experienced time of v
 *
 * Experienced time is arrival − departure (for a vehicle removed as stuck or still on the road
 * at the end, up to then: a lower bound); the best time is best-paths.ts's, on the link times
 * experienced in the same run. A vehicle faster than the estimate adds a negative term (the
 * estimate averages link times over bins). Vehicles with no path for their departure are left out.
 */
import { VehicleStatus, type QueueSimRun } from './queue-sim.ts';

export function relativeGap(run: QueueSimRun, departS: Int32Array, trips: Int32Array, bestS: Float64Array): number {
  let excess = 0;
  let total = 0;
  for (let i = 0; i < trips.length; i++) {
    const t = trips[i];
    if (run.status[t] === VehicleStatus.Pending || !Number.isFinite(bestS[i])) continue;
    const took = run.endS[t] - departS[t];
    excess += took - bestS[i];
    total += took;
  }
  return total > 0 ? excess / total : NaN;
}
