/**
 * RunResult: everything one model run produced, per link and per zone pair, plus its totals.
 * It is what `result.fb` stores (engine/metrics/result-file.ts), what compare() joins, and what
 * the viewer draws. Per-edge arrays are indexed by the run's own graph edges.
 *
 * Join keys: an edge is identified across runs by (osmWayId, dir, tail and head position) —
 * see edgeKey() — so runs on graphs with added, removed or reversed links still line up.
 * Units: vehicles per hour, seconds, metres, km/h; totals per period as named.
 */
import type { IterationRecord } from '../assignment/result.ts';

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
  /** 1 where an intervention touched the edge. */
  changed: Uint8Array;
  /** Polyline of edge e: points geometryOffsets[e] .. geometryOffsets[e+1]-1, lon,lat pairs. */
  geometryOffsets: Uint32Array;
  geometryCoords: Float64Array;
}

export interface RunZones {
  count: number;
  /** Zone id as text (H3 cell, or gateway name). */
  ids: string[];
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
  assignment: { method: string; iterations: number; relativeGap: number; seconds: number };
  /** Tourists' mean access time to each attraction, minutes (from their lodging zones). */
  attractions: { name: string; lon: number; lat: number; accessMin: number }[];
  interventions: { intervention: number; type: string; edges: number; note: string }[];
}

/** The join key of an edge across runs. */
export function edgeKey(wayId: number, dir: number, tailLon: number, tailLat: number, headLon: number, headLat: number): string {
  return `${wayId}:${dir}:${tailLon.toFixed(6)},${tailLat.toFixed(6)}>${headLon.toFixed(6)},${headLat.toFixed(6)}`;
}
