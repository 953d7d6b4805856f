/**
 * Per-trip records of a queue-model run, one row per input trip (same index as the TripSet):
 * status, departure, arrival (or removal / end time), distance driven and delay.
 *
 * Terms: travel time = end − departure (waiting to enter the first link included); free-flow
 * time = Σ free-flow steps of the route; delay = travel time − free-flow time (arrived trips).
 * Trips that never ran carry their rejection reason as status and NaN times.
 */
import type { MesoNetwork } from './meso-network.ts';
import type { MesoPlan, QueueSimRun } from './queue-sim.ts';

/** Trip status: the vehicle statuses of queue-sim (1–4) plus reasons a trip did not run. */
export const TripStatus = { Arrived: 2, Stuck: 3, Unfinished: 4, UnknownNode: 10, OutsideHorizon: 11, SameNode: 12, Unreachable: 13 } as const;
export const TRIP_STATUS_NAMES: Record<number, string> = {
  2: 'arrived',
  3: 'stuck',
  4: 'unfinished',
  10: 'unknown-node',
  11: 'outside-horizon',
  12: 'same-node',
  13: 'unreachable',
};

export interface TripRecords {
  count: number;
  status: Uint8Array;
  departS: Float64Array;
  /** Arrival (arrived), removal (stuck) or end of run (unfinished); NaN for trips that did not run. */
  endS: Float64Array;
  distanceM: Float64Array;
  freeFlowS: Float64Array;
  delayS: Float64Array;
}

/** `rejected[t]` is a TripStatus reason (≥ 10) or 0 for trips that ran. */
export function tripRecords(net: MesoNetwork, plan: MesoPlan, run: QueueSimRun, rejected: Uint8Array): TripRecords {
  const n = plan.vehicleCount;
  const status = new Uint8Array(n);
  const departS = new Float64Array(n);
  const endS = new Float64Array(n).fill(NaN);
  const distanceM = new Float64Array(n);
  const freeFlowS = new Float64Array(n);
  const delayS = new Float64Array(n).fill(NaN);
  for (let t = 0; t < n; t++) {
    departS[t] = plan.departS[t];
    if (rejected[t]) {
      status[t] = rejected[t];
      continue;
    }
    status[t] = run.status[t];
    endS[t] = run.endS[t];
    let dist = 0;
    let fft = 0;
    const r0 = plan.routeStart[t];
    // distance counts links completed (all of them for arrived trips)
    const done = run.status[t] === TripStatus.Arrived ? plan.routeStart[t + 1] - r0 : run.reached[t];
    for (let i = 0; i < plan.routeStart[t + 1] - r0; i++) {
      const e = plan.routeLinks[r0 + i];
      fft += net.fftSteps[e];
      if (i < done) dist += net.lengthM[e];
    }
    distanceM[t] = dist;
    freeFlowS[t] = fft;
    if (status[t] === TripStatus.Arrived) delayS[t] = endS[t] - departS[t] - fft;
  }
  return { count: n, status, departS, endS, distanceM, freeFlowS, delayS };
}
