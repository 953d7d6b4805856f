/**
 * How the vehicles moved before a run fared in it (a diagnostic of the equilibrium loop,
 * printed by bench/dynamic-profile.ts): the time their new paths were predicted to take, on the
 * previous run's link times, against the time they took; and their share of the run's excess
 * (relative-gap.ts's numerator). Movers that take far longer than predicted mean the moves
 * interact (overshoot); movers that take what was predicted, while the gap stays, mean the
 * excess sits with vehicles that were not moved.
 */
import { VehicleStatus, type QueueSimRun } from './queue-sim.ts';

export interface MoverCheck {
  movers: number;
  /** Σ predicted and Σ experienced seconds of the movers that ran. */
  predictedS: number;
  experiencedS: number;
  /** The movers' part of Σ (experienced − best) over all vehicles. */
  excessShare: number;
}

/** `predictedS[v]`: vehicle v's predicted time when moved before this run, NaN when not moved; trips and bestS as relativeGap's. */
export function moverCheck(predictedS: Float64Array, run: QueueSimRun, departS: Int32Array, trips: Int32Array, bestS: Float64Array): MoverCheck {
  let movers = 0;
  let predicted = 0;
  let experienced = 0;
  let excess = 0;
  let moverExcess = 0;
  for (let i = 0; i < trips.length; i++) {
    const t = trips[i];
    if (run.status[t] === VehicleStatus.Pending || !Number.isFinite(bestS[i])) continue;
    const took = run.endS[t] - departS[t];
    excess += took - bestS[i];
    if (Number.isNaN(predictedS[t])) continue;
    movers++;
    predicted += predictedS[t];
    experienced += took;
    moverExcess += took - bestS[i];
  }
  return { movers, predictedS: predicted, experiencedS: experienced, excessShare: excess > 0 ? moverExcess / excess : NaN };
}
