/**
 * Bus run times and bus flows on the road graph, from patterns matched on the bus graph
 * (match-shapes.ts, bus-graph.ts): a piece of a car edge reads that edge's link time and puts
 * its buses on that edge; a bus-only edge (a corridor closed to cars) runs like a bus lane.
 *
 * Run time of a hop: the bus runs each piece at the edge's time for a bus — the link time given
 * (free-flow, or the assigned congested time of a run), never faster than `maxKmh`; on an edge
 * with a bus lane at `busLaneKmh` (no faster than the edge's free-flow speed) however slow the
 * traffic, or with the traffic where that is faster. Since it leaves one stop from rest and
 * halts at the next, it loses the time of accelerating to the hop's mean running speed v and
 * braking from it, v/2 × (1/a + 1/d); a hop too short to reach v runs a triangle, accelerating
 * then braking, in √(2L(1/a + 1/d)). Plus `stopS` at each stop served between the first and the
 * last (doors open). Plus, at each signalised junction the hop passes (an edge flagged
 * EdgeFlag.Signal whose end the bus reaches, counted by junction as below), the mean delay of a
 * fixed-time signal, signalDelayS.
 *
 * The defaults are published values, set before any comparison with a schedule: 15 s a stop,
 * the TCQSM's default dwell for a typical stop (3rd ed., ch. 6); 1.2 m/s² acceleration and
 * deceleration, the HCM's default transit vehicle rates (4.0 ft/s²); no bus speed cap beyond the
 * link's (the CTB's limits apply to buses as to cars); a bus lane at 40 km/h.
 *
 * Signals: no timing plan of Porto Alegre's signals is at hand, so every signal is taken as the
 * same fixed-time signal, and the bus as arriving at a random moment of its cycle with no queue
 * ahead of it. Its mean wait is the HCM's uniform delay (Webster 1958, first term; the HCM's d1),
 * d = 0.5 C (1 − g/C)² / (1 − min(1, X) g/C), at a degree of saturation X = 0 in free flow
 * (C (1 − g/C)² / 2), or in an assigned run the approach's X = min(1, v/c) (hopTimes: 15 s at
 * v/c 0.5, 22.5 s at capacity; the queue's random and overflow terms, d2, are not added). In
 * the HCM that is control delay: it counts the time lost braking for the red and accelerating
 * away as well as the time stopped, so nothing is added for them (a first version added them
 * once more, (1 − g/C) × v/2 × (1/a + 1/d), 4.6 s at 40 km/h, and its runs were 15 % slower
 * than the schedule at the median; bench/RESULTS.md). The figures, chosen
 * before the comparison with the schedule and the same for every signal, are round values, not
 * a manual's default for this city: C = 90 s, the middle of the usual range of urban fixed-time
 * cycles (about 60–120 s); g/C = 0.5, a two-phase signal (one street against the other) split
 * evenly, lost time ignored. That gives 11.25 s a signal. (A least-squares fit of the time the
 * model lacked without signals gave about 13 s a signal, bench/RESULTS.md; it was known, and is
 * not used.) The terms (cycle, effective green, degree of saturation) are those by which the
 * CONTRAN manual programmes fixed-time signals (Manual Brasileiro de Sinalização de Trânsito, vol. V, Sinalização Semafórica, 2014, ch. 6).
 *
 * Junctions, not signal nodes: OSM often maps one signalised junction as several
 * `highway=traffic_signals` nodes — one where the bus crosses each carriageway of a divided
 * avenue, or one on each approach — and the OSM wiki warns that routers then count signals that
 * apply once (Key:traffic_signals:direction, a tag too rare to rely on: 9 of Porto Alegre's 1,662
 * signal nodes carry it). A bus waits once at a junction, so the signals it passes count by
 * junction: walking the pattern's path, a signal within `signalJunctionM` along the path of the
 * last one counted belongs to the same junction and adds nothing. The extent 30 m is set from
 * what one junction spans, before any comparison with the schedule: the nodes of one junction lie
 * across the road crossed, and an urban divided avenue of two or three 3.5 m lanes each way
 * (7–10.5 m a carriageway) with a median of a few metres is some 20–30 m wide; 30 m, the upper
 * end, is still well under a city block (about 100 m), so two junctions a block apart stay two.
 * Measured from the junction's first node, so a run of close nodes cannot chain into one long
 * junction. An unmatched hop breaks the path: the next signal starts a junction.
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
  /** Dwell at each intermediate stop, seconds. */
  stopS: number;
  /** A bus's top speed (Infinity: the link's own). */
  maxKmh: number;
  busLaneKmh: number;
  /** Acceleration and deceleration, m/s² (0: none lost). */
  accelMps2: number;
  decelMps2: number;
  /** Cycle length of every signal, seconds (0: signals delay no bus). */
  signalCycleS: number;
  /** Effective green over cycle, g/C, for the bus's way through a signal. */
  signalGreenShare: number;
  /** Degree of saturation X of the bus's approach (0: free flow). */
  signalSaturation: number;
  /** Signals within this many metres along the path of the last one counted are one junction (0: every signal node counts). */
  signalJunctionM: number;
}

export const DEFAULT_BUS_TIMES: BusTimeOptions = { stopS: 15, maxKmh: Infinity, busLaneKmh: 40, accelMps2: 1.2, decelMps2: 1.2, signalCycleS: 90, signalGreenShare: 0.5, signalSaturation: 0, signalJunctionM: 30 };

/**
 * Counts the signals met along a path by junction: `run` the metres between, `signal` at each
 * signal node reached; it is a new junction unless it lies within `junctionM` of the last one
 * counted.
 */
export class JunctionCounter {
  private at = 0;
  private junctionAt = -Infinity;
  constructor(readonly junctionM: number) {}
  run(metres: number): void {
    this.at += metres;
  }
  /** A signal node where the bus now is: true when it starts a junction (and so counts). */
  signal(): boolean {
    if (this.junctionM > 0 && this.at - this.junctionAt <= this.junctionM) return false;
    this.junctionAt = this.at;
    return true;
  }
  /** The path between is unknown (an unmatched hop): the next signal starts a junction. */
  reset(): void {
    this.junctionAt = -Infinity;
  }
}

/**
 * Seconds of each hop of a matched pattern (NaN where the hop is not matched), from stop to stop
 * at rest, dwell excluded. `linkS`, `busLane` and `vc` are per car-graph edge. With `vc` (an
 * assigned run's volume over capacity, buses included) each junction's signal delay is taken at
 * X = min(1, v/c) of the link entering it — the edge that reaches the junction's first signal
 * node, the bus's approach — so a congested approach delays the bus more; where the bus runs
 * apart from the cars (a bus lane, a bus-only corridor) it stays at `signalSaturation`, the bus
 * alone in its lane. Without `vc` (free flow, the schedule check) every signal is at
 * `signalSaturation`.
 */
export function hopTimes(bg: BusGraph, m: PatternMatch, linkS: Float64Array, options = DEFAULT_BUS_TIMES, busLane?: Uint8Array, vc?: ArrayLike<number>): Float64Array {
  const out = new Float64Array(m.hopMatched.length);
  const length = bg.graph.lengthM;
  for (let h = 0; h < out.length; h++) {
    if (!m.hopMatched[h]) {
      out[h] = NaN;
      continue;
    }
    let s = 0;
    let metres = 0;
    for (let i = m.hopStart[h]; i < m.hopStart[h + 1]; i++) {
      s += m.pieceShare[i] * busEdgeSeconds(bg, m.pieceEdge[i], linkS, options, busLane);
      metres += m.pieceShare[i] * length[m.pieceEdge[i]];
    }
    out[h] = stopToStopSeconds(metres, s, options);
  }
  const carEdge = bg.carEdge;
  const free = signalDelayS(options);
  visitSignals(bg, m, options.signalJunctionM, (h, e) => {
    // the link entering the junction: its car edge's v/c, unless the bus runs apart from the cars there
    const c = carEdge[e];
    out[h] += vc && c >= 0 && !(busLane && busLane[c]) ? uniformDelayS(options.signalCycleS, options.signalGreenShare, vc[c]) : free;
  });
  return out;
}

/** Calls `visit(h, e)` at each signalised junction the matched pattern passes (hopSignals), with the hop and the edge entering it. */
function visitSignals(bg: BusGraph, m: PatternMatch, junctionM: number, visit: (h: number, e: number) => void): void {
  const { flags, lengthM } = bg.graph;
  const junctions = new JunctionCounter(junctionM);
  for (let h = 0; h < m.hopMatched.length; h++) {
    if (!m.hopMatched[h]) {
      junctions.reset();
      continue;
    }
    const last = m.hopStart[h + 1] - 1;
    for (let i = m.hopStart[h]; i <= last; i++) {
      const e = m.pieceEdge[i];
      junctions.run(m.pieceShare[i] * lengthM[e]);
      if (i < last && flags[e] & EdgeFlag.Signal && junctions.signal()) visit(h, e);
    }
  }
}

/**
 * Per hop, the signalised junctions it passes (module comment): the signals of its pieces that
 * reach their edge's end, every piece but the last (the next stop lies on the last one, before
 * its end; the next hop's first piece reaches it), counted by junction over the whole pattern
 * (a stop may lie between two nodes of one junction). `junctionM` 0 counts every signal node.
 */
export function hopSignals(bg: BusGraph, m: PatternMatch, junctionM = DEFAULT_BUS_TIMES.signalJunctionM): Uint32Array {
  const out = new Uint32Array(m.hopMatched.length);
  visitSignals(bg, m, junctionM, (h) => out[h]++);
  return out;
}

/** Mean seconds a bus loses at one signal: the HCM's uniform (control) delay 0.5 C (1 − g/C)² / (1 − min(1, X) g/C). */
export function signalDelayS(options = DEFAULT_BUS_TIMES): number {
  return uniformDelayS(options.signalCycleS, options.signalGreenShare, options.signalSaturation);
}

/** The HCM's uniform delay at cycle `c` s, green share `g` and degree of saturation `x` (capped at 1; NaN or below 0 read as 0). */
export function uniformDelayS(c: number, g: number, x: number): number {
  if (!(c > 0 && g < 1)) return 0;
  const red = 1 - g;
  return (0.5 * c * red * red) / (1 - (x > 0 ? Math.min(1, x) : 0) * g);
}

/**
 * Seconds over `metres` from rest to rest for a bus that would run them in `runningS` at speed:
 * the running time plus the time lost accelerating and braking, or the triangle when too short.
 */
export function stopToStopSeconds(metres: number, runningS: number, options = DEFAULT_BUS_TIMES): number {
  const { accelMps2: a, decelMps2: d } = options;
  if (!(metres > 0 && runningS > 0 && a > 0 && d > 0)) return runningS;
  const k = 1 / a + 1 / d;
  const v = metres / runningS;
  return metres >= (v * v * k) / 2 ? runningS + (v * k) / 2 : Math.sqrt(2 * metres * k);
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
  const traffic = Math.max(floor, bg.carShare[e] * linkS[c]);
  // a bus lane never holds a bus below the speed of the traffic beside it
  if (busLane && busLane[c]) return Math.min(traffic, Math.max(floor, g.freeFlowS[e], lane));
  return traffic;
}

/** Modelled run time of the whole pattern, first stop to last (NaN unless every hop is matched). */
export function patternRunTime(bg: BusGraph, m: PatternMatch, linkS: Float64Array, options = DEFAULT_BUS_TIMES, busLane?: Uint8Array, vc?: ArrayLike<number>): number {
  const hops = hopTimes(bg, m, linkS, options, busLane, vc);
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
