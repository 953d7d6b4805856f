/**
 * Bus run times and bus flows on the road graph, from patterns matched on the bus graph
 * (match-shapes.ts, bus-graph.ts): a piece of a car edge reads that edge's link time and puts
 * its buses on that edge; a bus-only edge (a corridor closed to cars) runs like a bus lane.
 *
 * Run time of a hop: Σ share × the edge's time for a bus — the link time given (free-flow, or
 * the assigned congested time of a run), never faster than `maxKmh`; on an edge with a bus lane
 * the bus runs at `busLaneKmh` (no faster than the edge's free-flow speed) whatever the traffic —
 * plus `stopS` at each stop served between the first and the last (doors open, and the time lost
 * braking and pulling away). Defaults: a city bus cruising at most 40 km/h, 30 s per stop, a bus
 * lane run at that same 40 km/h. These are round planning figures; they were chosen after seeing
 * that car free-flow times with 20 s per stop run Porto Alegre's routes at about 3/4 of their
 * scheduled times (README, "Transit"), so the schedule check that follows is a consistency
 * check of the matching and the model, not an independent validation.
 *
 * Bus flow: the trips per hour of each pattern leaving in a window, put on every edge the
 * pattern runs (the stop edges count where the bus runs at least half of them), in
 * passenger-car equivalents (`pce` per bus; 2.0 for a standard city bus, as in the HCM), ready
 * to be preloaded on links before cars are assigned.
 */
import { EdgeFlag } from '../graph/edge-flags.ts';
import type { BusGraph } from './bus-graph.ts';
import type { PatternMatch } from './match-shapes.ts';
import type { Timetable } from './timetable.ts';

export interface BusTimeOptions {
  stopS: number;
  maxKmh: number;
  busLaneKmh: number;
}

export const DEFAULT_BUS_TIMES: BusTimeOptions = { stopS: 30, maxKmh: 40, busLaneKmh: 40 };

/**
 * Seconds of each hop of a matched pattern (NaN where the hop is not matched), stop time
 * excluded. `linkS` and `busLane` are per car-graph edge.
 */
export function hopTimes(bg: BusGraph, m: PatternMatch, linkS: Float64Array, options = DEFAULT_BUS_TIMES, busLane?: Uint8Array): Float64Array {
  const out = new Float64Array(m.hopMatched.length);
  for (let h = 0; h < out.length; h++) {
    if (!m.hopMatched[h]) {
      out[h] = NaN;
      continue;
    }
    let s = 0;
    for (let i = m.hopStart[h]; i < m.hopStart[h + 1]; i++) s += m.pieceShare[i] * busEdgeSeconds(bg, m.pieceEdge[i], linkS, options, busLane);
    out[h] = s;
  }
  return out;
}

/** A bus's seconds over a whole bus-graph edge. */
export function busEdgeSeconds(bg: BusGraph, e: number, linkS: Float64Array, options = DEFAULT_BUS_TIMES, busLane?: Uint8Array): number {
  const g = bg.graph;
  const floor = (g.lengthM[e] / options.maxKmh) * 3.6;
  const lane = (g.lengthM[e] / options.busLaneKmh) * 3.6;
  const c = bg.carEdge[e];
  // a corridor's class default (a service way's 20 km/h) says nothing of its buses; a tagged limit does
  if (c < 0 && g.flags[e] & EdgeFlag.BusOnly) return Math.max(floor, lane, g.flags[e] & EdgeFlag.SpeedTagged ? g.freeFlowS[e] : 0);
  if (c < 0) return Math.max(floor, g.freeFlowS[e]);
  if (busLane && busLane[c]) return Math.max(floor, g.freeFlowS[e], lane);
  return Math.max(floor, bg.carShare[e] * linkS[c]);
}

/** Modelled run time of the whole pattern, first stop to last (NaN unless every hop is matched). */
export function patternRunTime(bg: BusGraph, m: PatternMatch, linkS: Float64Array, options = DEFAULT_BUS_TIMES, busLane?: Uint8Array): number {
  const hops = hopTimes(bg, m, linkS, options, busLane);
  let s = 0;
  for (const h of hops) s += h;
  return s + options.stopS * Math.max(0, hops.length - 1);
}

/** Scheduled run times of the pattern's trips, first departure to last arrival, their median. */
export function scheduledRunTime(tt: Timetable, p: number): number {
  const n = tt.patternStopStart[p + 1] - tt.patternStopStart[p];
  const times: number[] = [];
  for (let j = tt.patternTripStart[p]; j < tt.patternTripStart[p + 1]; j++) {
    const at = tt.patternTimeStart[p] + (j - tt.patternTripStart[p]) * n;
    times.push(tt.arr[at + n - 1] - tt.dep[at]);
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  return times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
}

/**
 * Buses per hour on each car-graph edge, in passenger-car equivalents, from the trips leaving
 * their first stop in [startS, endS).
 */
export function busPcePerHour(bg: BusGraph, tt: Timetable, matches: PatternMatch[], startS: number, endS: number, pce = 2): Float64Array {
  const flow = new Float64Array(bg.car.edgeCount);
  const share = new Float64Array(bg.car.edgeCount);
  const hours = (endS - startS) / 3600;
  for (const m of matches) {
    const p = m.pattern;
    const n = tt.patternStopStart[p + 1] - tt.patternStopStart[p];
    let trips = 0;
    for (let j = tt.patternTripStart[p]; j < tt.patternTripStart[p + 1]; j++) {
      const d = tt.dep[tt.patternTimeStart[p] + (j - tt.patternTripStart[p]) * n];
      if (d >= startS && d < endS) trips++;
    }
    if (trips === 0) continue;
    for (let i = 0; i < m.pieceEdge.length; i++) {
      const c = bg.carEdge[m.pieceEdge[i]];
      if (c >= 0) share[c] += m.pieceShare[i] * bg.carShare[m.pieceEdge[i]];
    }
    for (let i = 0; i < m.pieceEdge.length; i++) {
      const c = bg.carEdge[m.pieceEdge[i]];
      if (c < 0) continue;
      if (share[c] >= 0.5) flow[c] += (trips / hours) * pce;
      share[c] = 0; // each edge once per pattern
    }
  }
  return flow;
}

export interface ScheduleRow {
  pattern: number;
  line: string;
  stops: number;
  modelledS: number;
  scheduledS: number;
  /** Modelled over scheduled. */
  ratio: number;
}

/** Modelled against scheduled run times, for the patterns matched end to end (the others cannot be compared). */
export function compareWithSchedule(bg: BusGraph, tt: Timetable, matches: PatternMatch[], linkS: Float64Array, options = DEFAULT_BUS_TIMES): ScheduleRow[] {
  const rows: ScheduleRow[] = [];
  for (const m of matches) {
    if (m.share < 1) continue;
    const modelledS = patternRunTime(bg, m, linkS, options);
    const scheduledS = scheduledRunTime(tt, m.pattern);
    const route = tt.patternRoute[m.pattern];
    rows.push({ pattern: m.pattern, line: tt.feed.routeShortName[route] || tt.feed.routeId[route], stops: m.hopMatched.length + 1, modelledS, scheduledS, ratio: modelledS / scheduledS });
  }
  return rows;
}
