/**
 * RunResult: everything one model run produced, per link and per zone pair, plus its totals.
 * It is what `result.fb` stores (engine/metrics/result-file.ts), what compare() joins, and what
 * the viewer draws. Per-edge arrays are indexed by the run's own graph edges.
 *
 * Join keys: an edge is identified across runs by (osmWayId, dir, tail and head position) —
 * see edgeKey() — so runs on graphs with added, removed or reversed links still line up.
 * Units: vehicles per hour, seconds, metres, km/h; totals per period as named.
 *
 * A dynamic (mesoscopic) run also carries `dynamic`: per-trip records, 15-min link series and
 * sampled trajectories; its per-edge flow, time, v/c and speed columns then hold the period's
 * averages from the simulation, so readers written for static runs still work.
 */
import { EdgeFlag } from '../graph/edge-flags.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import type { MesoIteration } from '../meso/simulate.ts';
import type { LinkMetrics } from './link-metrics.ts';
import type { IterationRecord } from '../assignment/result.ts';
import type { InterventionLog } from '../scenario/applied.ts';
import type { WayNames } from '../graph/way-names.ts';

export interface RunMeta {
  city: string;
  cityName: string;
  scenario: string;
  name: string;
  model: 'static' | 'dynamic';
  period: string;
  seed: number;
  /** True when the city runs on a synthetic stand-in street network. */
  synthetic: boolean;
  graphName: string;
  /** Hash of every input (scenario, graph file, code version): the run's cache key. */
  inputHash: string;
  version: string;
  createdAt: string;
}

export interface RunEdges {
  count: number;
  osmWayId: Float64Array;
  /** 0 along the OSM way's drawing direction, 1 against it. */
  dir: Uint8Array;
  roadClass: Uint8Array;
  lanes: Uint8Array;
  lengthM: Float64Array;
  capacityVph: Float64Array;
  freeFlowS: Float64Array;
  flowVph: Float64Array;
  timeS: Float64Array;
  vc: Float32Array;
  speedKmh: Float32Array;
  /** What an intervention did to the edge (EdgeChange): 0 nothing, 1 changed, 2 closed in a time window, 3 added. */
  changed: Uint8Array;
  /** Polyline of edge e: points geometryOffsets[e] .. geometryOffsets[e+1]-1, lon,lat pairs. */
  geometryOffsets: Uint32Array;
  geometryCoords: Float64Array;
  /** Runs with trucks as a class of their own: trucks per hour on each edge, part of flowVph (vehicles). */
  trucksVph?: Float64Array;
}

/** A run's edge columns: the graph's own, the link metrics, and the edges an intervention touched. */
export function runEdges(graph: RoadGraph, links: LinkMetrics, changed: Uint8Array, trucksVph?: Float64Array): RunEdges {
  return {
    count: graph.edgeCount,
    osmWayId: graph.osmWayId,
    dir: Uint8Array.from(graph.flags, (f) => (f & EdgeFlag.Reverse ? 1 : 0)),
    roadClass: graph.roadClass,
    lanes: graph.lanes,
    lengthM: graph.lengthM,
    capacityVph: graph.capacityVph,
    freeFlowS: graph.freeFlowS,
    flowVph: links.flowVph,
    timeS: links.timeS,
    vc: links.vc,
    speedKmh: links.speedKmh,
    changed,
    geometryOffsets: graph.geometry.offsets,
    geometryCoords: graph.geometry.coords,
    ...(trucksVph ? { trucksVph } : {}),
  };
}

/** Codes of RunEdges.changed. A link closed all day is not in the run (compare finds it in A only). */
export const EdgeChange = { None: 0, Changed: 1, ClosedInWindow: 2, Added: 3 } as const;

export interface RunZones {
  count: number;
  /** Zone id as text (H3 cell, or gateway name). */
  ids: string[];
  /** Zone names for people (engine/demand/zone-names.ts; '' where none); absent in older runs. */
  names?: string[];
  lon: Float64Array;
  lat: Float64Array;
  /** Congested travel time from zone i to zone j, seconds, row-major (NaN when unreachable). */
  timeS: Float32Array;
  /** Trips of the modelled period from zone i to zone j, row-major. */
  trips: Float32Array;
}

export interface RunTotals {
  /** Vehicle-kilometres and vehicle-hours travelled in the period. */
  vkt: number;
  vht: number;
  /** Vehicle-hours above free-flow time. */
  delayVh: number;
  /** Mean trip time, minutes, weighted by trips. */
  meanTripMin: number;
  trips: number;
  unreachableTrips: number;
  co2Kg: number;
}

export interface RunResult {
  meta: RunMeta;
  edges: RunEdges;
  zones: RunZones;
  totals: RunTotals;
  convergence: IterationRecord[];
  /** How the assignment ended (AssignmentStatus); kept in summary.json, not in result.fb. */
  assignment: { method: string; status?: string; iterations: number; relativeGap: number; seconds: number };
  /** Tourists' mean access time to each attraction, minutes (from their lodging zones). */
  attractions: { name: string; lon: number; lat: number; accessMin: number }[];
  interventions: InterventionLog[];
  /** Names of the run's ways (engine/graph/way-names.ts); empty for runs written before names were kept. */
  wayNames?: WayNames;
  /** Dynamic runs only. */
  dynamic?: RunDynamic;
}

export interface DynamicSummary {
  /** Trips that departed; conservation: vehicles = arrived + stuck. */
  vehicles: number;
  arrived: number;
  /** Removed after the stuck time-out plus still on the road when the run ended. */
  stuck: number;
  stuckTimedOut: number;
  unfinished: number;
  meanTravelTimeS: number;
  vehicleSeconds: number;
  vehicleKm: number;
  rejected: { unknownNode: number; outsideHorizon: number; sameNode: number; unreachable: number };
  /** Departures simulated fall in [windowStartS, windowEndS), seconds after midnight. */
  windowStartS: number;
  windowEndS: number;
  /** Queue-model runs (the equilibrium loop's iterations). */
  iterations: number;
  /** Relative gap of all vehicles in the last run (engine/meso/relative-gap.ts); NaN without the equilibrium loop. */
  relativeGap: number;
  seconds: number;
  conserved: boolean;
  /** Links closed in time windows. */
  timedClosures: number;
  /** Trips bound behind a closure in their time, ended where it begins (engine/meso/simulate.ts); 0 in files written before it was kept. */
  endedAtClosure: number;
  /** Vehicles squeezed onto a full link after waiting at its entry (engine/meso/queue-sim.ts): how much gridlock had to be dissolved. */
  squeezed: number;
  /** Trips whose path was drawn from the equilibrium's origin flows (the others: shortest path on equilibrium times). */
  routesDrawn: number;
  /** Each queue-model run, first to last (the equilibrium's convergence). */
  history: MesoIteration[];
}

/** One row per simulated trip. `id` = chain × 256 + leg of the demand agent: the join key across runs of one seed. */
export interface DynamicTrips {
  count: number;
  id: Float64Array;
  /** 0 commute, 1 tourist, 2 event (engine/demand/agents.ts). */
  kind: Uint8Array;
  /** engine/meso/trip-records.ts TripStatus: 2 arrived, 3 stuck, 4 unfinished, ≥ 10 did not run. */
  status: Uint8Array;
  departS: Float64Array;
  /** NaN unless arrived. */
  arriveS: Float64Array;
  distanceM: Float64Array;
  /** NaN unless arrived. */
  delayS: Float64Array;
}

/** Per-edge series in bins of binS from startS, bin-major: edge e in bin b at [b * edges.count + e]. */
export interface DynamicSeries {
  binS: number;
  startS: number;
  binCount: number;
  flowVph: Float32Array;
  /** NaN in bins where no vehicle left the edge. */
  speedKmh: Float32Array;
  densityVpkm: Float32Array;
  queueVeh: Float32Array;
}

/** deck.gl TripsLayer layout; `trip[i]` is sampled vehicle i's row in DynamicTrips. */
export interface DynamicTrajectories {
  count: number;
  trip: Int32Array;
  startIndices: Uint32Array;
  coords: Float64Array;
  timestamps: Float32Array;
}

export interface RunDynamic {
  summary: DynamicSummary;
  trips: DynamicTrips;
  series: DynamicSeries;
  trajectories: DynamicTrajectories;
}

/** The join key of an edge across runs. */
export function edgeKey(wayId: number, dir: number, tailLon: number, tailLat: number, headLon: number, headLat: number): string {
  return `${wayId}:${dir}:${tailLon.toFixed(6)},${tailLat.toFixed(6)}>${headLon.toFixed(6)},${headLat.toFixed(6)}`;
}
