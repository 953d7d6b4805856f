/**
 * A run's buses: the city's feed (if any) plus the scenario's transit lines as one timetable,
 * the feed's patterns matched to the bus graph (the base road graph, with the city's bus-only
 * corridors where its OSM extract is at hand: bus-graph.ts), and per round of a run the timetable
 * retimed on the run's link times with what follows from it — buses per hour on each link in
 * passenger-car equivalents (to preload before cars are assigned), each pattern's run time and
 * its trips in the period.
 *
 * Buses in a bus lane run apart from the cars: an edge with a bus lane gets no preload (the
 * lane the buses use is the one the scenario took from the cars). A dedicated transit line
 * preloads nothing either; a line in general traffic does (transit-line.ts).
 */
import type { RoadGraph } from '../graph/road-graph.ts';
import { EdgeIndex } from '../spatial/edge-index.ts';
import { carBusGraph, type BusGraph } from './bus-graph.ts';
import { busPcePerHour, DEFAULT_BUS_TIMES } from './bus-times.ts';
import type { StreetWalk } from './street-walk.ts';
import type { GtfsFeed } from './gtfs.ts';
import { ShapeMatcher, type PatternMatch } from './match-shapes.ts';
import { feedPatternHops, retimed, runSeconds, tripsInWindow, type PatternHops } from './retime.ts';
import { buildTimetable, DEFAULT_WALK, type Timetable } from './timetable.ts';
import { emptyFeed, feedWithLines, lineHopSeconds, linePcePerHour, type LineOnGraph } from './transit-line.ts';

/** Passenger-car equivalents of a city bus (HCM's figure for a standard bus). */
export const BUS_PCE = 2;
/** Service day used for a city with no feed (its lines run every day). */
const NO_FEED_DATE = '20240102';

export interface BusNetwork {
  graph: RoadGraph;
  /** What the feed's patterns are matched on, tied to `graph`. */
  busGraph: BusGraph;
  /** The scheduled timetable: the feed's trips and the lines' (timed at free flow). */
  tt: Timetable;
  /** Per pattern: its match to the bus graph (feed patterns), else null. */
  matches: (PatternMatch | null)[];
  lines: LineOnGraph[];
  /** Per pattern: 2 × line + direction for a transit-line pattern, −1 for a feed pattern. */
  linePattern: Int32Array;
  /** Routes of the feed; routes from this index on are the lines. */
  feedRoutes: number;
  startS: number;
  endS: number;
}

/** `index` indexes `graph`; `busGraph` defaults to `graph` itself; without `walk` riders walk straight lines × detour. */
export function busNetwork(graph: RoadGraph, feed: GtfsFeed | null, date: string | null, lines: LineOnGraph[], startS: number, endS: number, index?: EdgeIndex, busGraph = carBusGraph(graph), walk?: StreetWalk): BusNetwork {
  const base = feed ?? emptyFeed('no feed');
  const free = lines.map((l) => [0, 1].map((d) => lineHopSeconds(graph, l, d, graph.freeFlowS)));
  const withLines = feedWithLines(base, graph, lines, free, startS, endS);
  const tt = buildTimetable(withLines, date ?? NO_FEED_DATE, DEFAULT_WALK, walk);
  const feedRoutes = base.routeId.length;
  if (busGraph.car !== graph) throw new Error('busNetwork: the bus graph belongs to another road graph');
  const matcher = feed ? new ShapeMatcher(busGraph.graph, busGraph.graph === graph && index ? index : new EdgeIndex(busGraph.graph)) : null;
  const matches: (PatternMatch | null)[] = [];
  const linePattern = new Int32Array(tt.patternCount).fill(-1);
  for (let p = 0; p < tt.patternCount; p++) {
    const route = tt.patternRoute[p];
    if (route < feedRoutes) {
      matches.push(matcher!.match(tt, p));
    } else {
      matches.push(null);
      linePattern[p] = 2 * (route - feedRoutes) + withLines.tripDirection[tt.slotTrip[tt.patternTripStart[p]]];
    }
  }
  return { graph, busGraph, tt, matches, lines, linePattern, feedRoutes, startS, endS };
}

export interface BusRound {
  /** The timetable at this round's bus times. */
  tt: Timetable;
  /** Buses per hour × PCE per base-graph edge, to preload. */
  pce: Float64Array;
  /** Per pattern: median run time first to last stop, s, and trips leaving in the period. */
  runS: Float64Array;
  trips: Float64Array;
}

/**
 * The buses at link times `linkS` (per base-graph edge), with `busLane` marking the bus-lane
 * edges and `vc` the links' volume over capacity where the times are assigned ones (the signals'
 * degree of saturation; absent: free flow, X = 0).
 */
export function busRound(bn: BusNetwork, linkS: Float64Array, busLane?: Uint8Array, vc?: ArrayLike<number>): BusRound {
  const { graph, tt } = bn;
  const hops: (PatternHops | null)[] = feedPatternHops(bn.busGraph, bn.matches, linkS, busLane, DEFAULT_BUS_TIMES, vc);
  const lineHops = bn.lines.map((l) => [0, 1].map((d) => lineHopSeconds(graph, l, d, linkS, busLane, DEFAULT_BUS_TIMES, vc)));
  for (let p = 0; p < tt.patternCount; p++) {
    const lp = bn.linePattern[p];
    if (lp >= 0) hops[p] = { hopS: lineHops[lp >> 1][lp & 1], dwell: true };
  }
  const timed = retimed(tt, hops);
  const feedMatches = bn.matches.filter((m): m is PatternMatch => m !== null);
  const pce = busPcePerHour(bn.busGraph, timed, feedMatches, bn.startS, bn.endS, BUS_PCE);
  linePcePerHour(graph, bn.lines, BUS_PCE, pce);
  if (busLane) for (let e = 0; e < graph.edgeCount; e++) if (busLane[e]) pce[e] = 0;
  const runS = new Float64Array(tt.patternCount);
  const trips = new Float64Array(tt.patternCount);
  for (let p = 0; p < tt.patternCount; p++) {
    runS[p] = runSeconds(timed, p);
    trips[p] = tripsInWindow(timed, p, bn.startS, bn.endS);
  }
  return { tt: timed, pce, runS, trips };
}
