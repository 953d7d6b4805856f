/**
 * A scenario's `transit-line` on the road graph and in the timetable.
 *
 * Stops: points snap to the nearest connected node of the base graph; way ids put a stop at the
 * middle edge of each way (its head node), in the order listed. Each hop between two stops is the
 * shortest path by length over the base graph (A*), one path per direction, so one-way streets
 * are respected. Run time of a hop: on a dedicated line, length at the line's speed; in general
 * traffic, each edge at the line's speed or its congested time, whichever is slower, except on
 * a bus lane, where it keeps its speed; and, as for the city's buses (bus-times.ts), the time
 * lost leaving each stop from rest and braking at the next, and the mean delay of a fixed-time
 * signal at each signalised junction passed (edges flagged EdgeFlag.Signal, their nodes within
 * `signalJunctionM` of a junction's first counted once; the signal at the last stop of a
 * direction is not passed). A dedicated line pays it too: signal priority is not modelled.
 * Plus `dwellS` at each intermediate stop (DEFAULT_BUS_TIMES.stopS).
 *
 * The line enters the timetable as a route of its own: trips each way every `headwayMin` from an
 * hour before the period's start to its end, on a service that runs every day, so RAPTOR finds
 * it beside the feed's routes (a city without a feed gets a feed of its lines only).
 */
import { EdgeFlag } from '../graph/edge-flags.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { AStar, minCostPerMetre } from '../routing/astar.ts';
import { indexWays, nearestNode } from '../scenario/graph-lookup.ts';
import { ScenarioError, type TransitLine } from '../scenario/scenario.ts';
import { DEFAULT_BUS_TIMES, JunctionCounter, signalDelayS, stopToStopSeconds, uniformDelayS, type BusTimeOptions } from './bus-times.ts';
import type { GtfsFeed } from './gtfs.ts';

export interface LineOnGraph {
  name: string;
  headwayS: number;
  kmh: number;
  dedicated: boolean;
  /** Stop nodes of the base graph in running order. */
  stopNode: Uint32Array;
  /** Per direction (0: as listed, 1: reversed): hop h runs edges[hopStart[h] .. hopStart[h+1]-1]. */
  dir: { hopStart: Uint32Array; edges: Uint32Array }[];
  lengthM: number;
}

/** The line's stops and hop paths on `graph`; a stop that cannot be placed or a hop with no path is a ScenarioError naming the field. */
export function lineOnGraph(graph: RoadGraph, line: TransitLine, at: string): LineOnGraph {
  const nodes: number[] = [];
  if (line.stops) {
    line.stops.forEach(([lon, lat], k) => {
      const snap = nearestNode(graph, lon, lat);
      if (snap.node < 0 || snap.distanceM > 300) throw new ScenarioError(`${at}.stops[${k}]: the nearest street node is ${Math.round(snap.distanceM)} m away, expected a stop within 300 m of the road graph`);
      nodes.push(snap.node);
    });
  } else {
    const ways = indexWays(graph);
    line.ways!.forEach((id, k) => {
      const edges = ways.get(id);
      if (!edges || edges.length === 0) throw new ScenarioError(`${at}.ways[${k}]: way ${id} is not in the road graph, expected a way id of it`);
      nodes.push(graph.head[edges[edges.length >> 1]]);
    });
  }
  const astar = new AStar(graph.nodeCount);
  const rate = minCostPerMetre(graph, graph.lengthM);
  const dir = [nodes, [...nodes].reverse()].map((seq, d) => {
    const hopStart = [0];
    const edges: number[] = [];
    for (let h = 0; h + 1 < seq.length; h++) {
      if (seq[h] !== seq[h + 1]) {
        const c = astar.route(graph, graph.lengthM, seq[h], seq[h + 1], rate);
        if (c === Infinity) {
          const k = d === 0 ? h + 1 : seq.length - 1 - h - 1;
          throw new ScenarioError(`${at}.${line.stops ? 'stops' : 'ways'}[${k}]: no street path ${d === 0 ? 'from the stop before' : 'to the stop before'}, expected stops joined by streets both ways`);
        }
        edges.push(...astar.pathTo(seq[h + 1], graph.tail));
      }
      hopStart.push(edges.length);
    }
    return { hopStart: Uint32Array.from(hopStart), edges: Uint32Array.from(edges) };
  });
  let lengthM = 0;
  for (const e of dir[0].edges) lengthM += graph.lengthM[e];
  return { name: line.name, headwayS: Math.round(line.headwayMin * 60), kmh: line.kmh, dedicated: line.dedicated !== false, stopNode: Uint32Array.from(nodes), dir, lengthM };
}

/**
 * Seconds of each hop in direction d: at the line's speed, or (in general traffic, off the bus
 * lanes) no faster than `linkS`, plus the signal delay of the junctions passed — with `vc` (an
 * assigned run's v/c per edge) at X = min(1, v/c) of the link entering each junction where the
 * line runs in the traffic, as for the city's buses (bus-times.ts hopTimes); on a dedicated line
 * or a bus lane at `signalSaturation`.
 */
export function lineHopSeconds(graph: RoadGraph, line: LineOnGraph, d: number, linkS: Float64Array, busLane?: Uint8Array, options: BusTimeOptions = DEFAULT_BUS_TIMES, vc?: ArrayLike<number>): Float64Array {
  const { hopStart, edges } = line.dir[d];
  const out = new Float64Array(hopStart.length - 1);
  const free = signalDelayS(options);
  visitLineSignals(graph, line, d, options.signalJunctionM, (h, e) => {
    out[h] += vc && !line.dedicated && !(busLane && busLane[e]) ? uniformDelayS(options.signalCycleS, options.signalGreenShare, vc[e]) : free;
  });
  for (let h = 0; h < out.length; h++) {
    let s = 0;
    let metres = 0;
    for (let i = hopStart[h]; i < hopStart[h + 1]; i++) {
      const e = edges[i];
      const own = (graph.lengthM[e] / line.kmh) * 3.6;
      s += line.dedicated || (busLane && busLane[e]) ? own : Math.max(own, linkS[e]);
      metres += graph.lengthM[e];
    }
    out[h] += stopToStopSeconds(metres, s, options);
  }
  return out;
}

/**
 * Per hop in direction d, the signalised junctions passed: each edge flagged EdgeFlag.Signal
 * (the signal at its head) but the direction's last, whose head is the terminus, counted by
 * junction along the whole direction (bus-times.ts). A stop at a signal node meets it on the hop
 * that arrives there.
 */
export function lineHopSignals(graph: RoadGraph, line: LineOnGraph, d: number, junctionM = DEFAULT_BUS_TIMES.signalJunctionM): Uint32Array {
  const out = new Uint32Array(line.dir[d].hopStart.length - 1);
  visitLineSignals(graph, line, d, junctionM, (h) => out[h]++);
  return out;
}

/** Calls `visit(h, e)` at each junction of lineHopSignals, with the hop and the edge entering it. */
function visitLineSignals(graph: RoadGraph, line: LineOnGraph, d: number, junctionM: number, visit: (h: number, e: number) => void): void {
  const { hopStart, edges } = line.dir[d];
  const junctions = new JunctionCounter(junctionM);
  for (let h = 0; h + 1 < hopStart.length; h++) {
    for (let i = hopStart[h]; i < hopStart[h + 1]; i++) {
      const e = edges[i];
      junctions.run(graph.lengthM[e]);
      if (i < edges.length - 1 && graph.flags[e] & EdgeFlag.Signal && junctions.signal()) visit(h, e);
    }
  }
}

/** Buses per hour × pce on each edge a line in general traffic runs (dedicated lines add nothing; bus-lane edges are zeroed by the caller). */
export function linePcePerHour(graph: RoadGraph, lines: readonly LineOnGraph[], pce = 2, out: Float64Array = new Float64Array(graph.edgeCount)): Float64Array {
  for (const line of lines) {
    if (line.dedicated) continue;
    for (const d of line.dir) for (const e of d.edges) out[e] += (3600 / line.headwayS) * pce;
  }
  return out;
}

export const LINE_SERVICE = 'gemeo-transit-line';
const ROUTE_TYPE_BUS = 3;

/**
 * `feed` with the lines added as routes (ids `line-<k>`), their stops at the stop nodes, and
 * trips each way every headway over [startS − 1 h, endS), timed by `hopS[k][d]` + dwell.
 */
export function feedWithLines(feed: GtfsFeed, graph: RoadGraph, lines: readonly LineOnGraph[], hopS: readonly (readonly Float64Array[])[], startS: number, endS: number, dwellS = DEFAULT_BUS_TIMES.stopS): GtfsFeed {
  const stopId = [...feed.stopId];
  const stopName = [...feed.stopName];
  const lon = [...feed.stopLon];
  const lat = [...feed.stopLat];
  const routeId = [...feed.routeId];
  const routeShort = [...feed.routeShortName];
  const routeLong = [...feed.routeLongName];
  const routeType = [...feed.routeType];
  const tripId = [...feed.tripId];
  const tripRoute = [...feed.tripRoute];
  const tripService = [...feed.tripService];
  const tripShape = [...feed.tripShape];
  const tripDirection = [...feed.tripDirection];
  const tripStart = [...feed.tripStart];
  const stStop = [...feed.stStop];
  const stArr = [...feed.stArrival];
  const stDep = [...feed.stDeparture];
  tripStart.pop(); // the closing offset; pushed back at the end
  lines.forEach((line, k) => {
    const first = stopId.length;
    line.stopNode.forEach((n, i) => {
      stopId.push(`line-${k}-${i}`);
      stopName.push(`${line.name} ${i + 1}`);
      lon.push(graph.nodeLon[n]);
      lat.push(graph.nodeLat[n]);
    });
    const route = routeId.length;
    routeId.push(`line-${k}`);
    routeShort.push(line.name);
    routeLong.push(line.name);
    routeType.push(ROUTE_TYPE_BUS);
    const n = line.stopNode.length;
    for (let d = 0; d < 2; d++) {
      const hops = hopS[k][d];
      for (let t = startS - 3600, j = 0; t < endS; t += line.headwayS, j++) {
        tripId.push(`line-${k}-${d}-${j}`);
        tripRoute.push(route);
        tripService.push(LINE_SERVICE);
        tripShape.push('');
        tripDirection.push(d);
        tripStart.push(stStop.length);
        let time = t;
        for (let i = 0; i < n; i++) {
          const s = d === 0 ? first + i : first + n - 1 - i;
          if (i > 0) time += Math.round(hops[i - 1]);
          stStop.push(s);
          stArr.push(time);
          const leave = i > 0 && i < n - 1 ? time + dwellS : time;
          stDep.push(leave);
          time = leave;
        }
      }
    }
  });
  tripStart.push(stStop.length);
  const services = new Map(feed.services);
  services.set(LINE_SERVICE, { days: [true, true, true, true, true, true, true], start: '00000000', end: '99999999', added: new Set(), removed: new Set() });
  return {
    ...feed,
    stopId,
    stopName,
    stopLon: Float64Array.from(lon),
    stopLat: Float64Array.from(lat),
    routeId,
    routeShortName: routeShort,
    routeLongName: routeLong,
    routeType: Uint16Array.from(routeType),
    tripId,
    tripRoute: Uint32Array.from(tripRoute),
    tripService,
    tripShape,
    tripDirection: Uint8Array.from(tripDirection),
    tripStart: Uint32Array.from(tripStart),
    stStop: Uint32Array.from(stStop),
    stArrival: Int32Array.from(stArr),
    stDeparture: Int32Array.from(stDep),
    services,
  };
}

/** A feed with no stops, routes or trips (a city without a bus feed, before its lines are added). */
export function emptyFeed(name: string): GtfsFeed {
  return {
    name,
    stopId: [],
    stopName: [],
    stopLon: new Float64Array(0),
    stopLat: new Float64Array(0),
    routeId: [],
    routeShortName: [],
    routeLongName: [],
    routeType: new Uint16Array(0),
    tripId: [],
    tripRoute: new Uint32Array(0),
    tripService: [],
    tripShape: [],
    tripDirection: new Uint8Array(0),
    tripStart: Uint32Array.of(0),
    stStop: new Uint32Array(0),
    stArrival: new Int32Array(0),
    stDeparture: new Int32Array(0),
    services: new Map(),
    shapes: new Map(),
    frequencyTrips: 0,
  } as GtfsFeed;
}
