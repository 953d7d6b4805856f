/**
 * Bus times from the road: a timetable whose patterns run at modelled hop times instead of the
 * feed's, for RAPTOR to route riders on what the buses meet in a run.
 *
 * Each trip keeps its scheduled departure from its first stop. A feed pattern's matched hop
 * takes the modelled time (bus-times.ts: the run's congested link times, bus-lane speed where a
 * bus lane applies, the signal delay at the v/c of each junction's approach) plus `stopS` at
 * each intermediate stop; an unmatched hop keeps its scheduled time. A transit-line pattern takes its line's hop times (transit-line.ts). Every trip of a
 * pattern gets the same hop times, so trips still never overtake one another.
 */
import type { BusGraph } from './bus-graph.ts';
import { DEFAULT_BUS_TIMES, hopTimes, type BusTimeOptions } from './bus-times.ts';
import type { PatternMatch } from './match-shapes.ts';
import type { Timetable } from './timetable.ts';

/** Per pattern: modelled seconds of each hop (NaN: keep the schedule), and whether to add the stop time. */
export interface PatternHops {
  hopS: Float64Array;
  dwell: boolean;
}

/** The modelled hops of the feed patterns that were matched (null where not); `vc`, an assigned run's v/c per car edge, sets each signal's degree of saturation (hopTimes). */
export function feedPatternHops(bg: BusGraph, matches: readonly (PatternMatch | null)[], linkS: Float64Array, busLane?: Uint8Array, options: BusTimeOptions = DEFAULT_BUS_TIMES, vc?: ArrayLike<number>): (PatternHops | null)[] {
  return matches.map((m) => (m ? { hopS: hopTimes(bg, m, linkS, options, busLane, vc), dwell: true } : null));
}

/** A copy of `tt` with arrival and departure times from `hops` (pattern-indexed; null keeps a pattern's times). */
export function retimed(tt: Timetable, hops: readonly (PatternHops | null)[], stopS = DEFAULT_BUS_TIMES.stopS): Timetable {
  const arr = tt.arr.slice();
  const dep = tt.dep.slice();
  for (let p = 0; p < tt.patternCount; p++) {
    const h = hops[p];
    if (!h) continue;
    const n = tt.patternStopStart[p + 1] - tt.patternStopStart[p];
    for (let j = tt.patternTripStart[p]; j < tt.patternTripStart[p + 1]; j++) {
      const at = tt.patternTimeStart[p] + (j - tt.patternTripStart[p]) * n;
      let time = tt.dep[at];
      for (let i = 1; i < n; i++) {
        const model = h.hopS[i - 1];
        const scheduled = tt.arr[at + i] - tt.dep[at + i - 1];
        time += model === model ? Math.round(model) : scheduled;
        arr[at + i] = time;
        const dwell = i < n - 1 ? (model === model && h.dwell ? stopS : tt.dep[at + i] - tt.arr[at + i]) : 0;
        time += dwell;
        dep[at + i] = time;
      }
    }
  }
  return { ...tt, arr, dep };
}

/** Trips of pattern p leaving their first stop in [startS, endS). */
export function tripsInWindow(tt: Timetable, p: number, startS: number, endS: number): number {
  const n = tt.patternStopStart[p + 1] - tt.patternStopStart[p];
  let k = 0;
  for (let j = tt.patternTripStart[p]; j < tt.patternTripStart[p + 1]; j++) {
    const d = tt.dep[tt.patternTimeStart[p] + (j - tt.patternTripStart[p]) * n];
    if (d >= startS && d < endS) k++;
  }
  return k;
}

/** Median first-to-last run time of pattern p's trips, seconds. */
export function runSeconds(tt: Timetable, p: number): number {
  const n = tt.patternStopStart[p + 1] - tt.patternStopStart[p];
  const s: number[] = [];
  for (let j = tt.patternTripStart[p]; j < tt.patternTripStart[p + 1]; j++) {
    const at = tt.patternTimeStart[p] + (j - tt.patternTripStart[p]) * n;
    s.push(tt.arr[at + n - 1] - tt.dep[at]);
  }
  s.sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[s.length >> 1];
}
