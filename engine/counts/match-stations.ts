/**
 * Places count stations on a network's links: for each station, the edge indices whose flows
 * add up to what it counts. The same matches serve validation (fit.ts) and calibration.
 *
 * A station with a position is matched by distance (the rbush edge index), road class and
 * bearing: among the links within `maxDistanceM`, those of the station's OSM class (else the
 * same class with or without `_link`, else a neighbouring class such as primary for secondary)
 * are kept, and of these the nearest one going the station's way. A station without direction
 * counts both directions: the nearest link plus the nearest one going the opposite way (the
 * other direction of a two-way street, or the other carriageway of a divided road); on a
 * one-way street the one link alone, except on a motorway or trunk, where a lone one-way link is
 * half of a divided road whose other carriageway the network lacks (such a station is unmatched). A station given by way id alone is placed on the way's
 * longest link. A station that cannot be placed — outside the network's extent, no street near,
 * no road of its class, none going its way — is returned in `unmatched` with the reason, never
 * dropped.
 */
import { EdgeFlag } from '../graph/edge-flags.ts';
import { ROAD_CLASSES, roadClassCode, roadClassName } from '../graph/road-class.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { M_PER_DEG, metresPerDegreeLon } from '../spatial/geo.ts';
import { EdgeIndex, type EdgeHit } from '../spatial/edge-index.ts';
import type { Counts, CountStation } from './counts.ts';

/** The edge columns matching reads; a run's edges (RunEdges) have them, and graphMatchEdges() makes them from a graph. */
export interface MatchEdges {
  count: number;
  osmWayId: Float64Array;
  /** 0 along the OSM way's drawing direction, 1 against it. */
  dir: Uint8Array;
  roadClass: Uint8Array;
  geometryOffsets: Uint32Array;
  geometryCoords: Float64Array;
}

export interface MatchOptions {
  /** Farthest a link may lie from the station, metres (default 50). */
  maxDistanceM?: number;
  /** Largest angle between a station's bearing and a link's, degrees (default 60). */
  bearingToleranceDeg?: number;
}

export interface StationMatch {
  /** Index into Counts.stations. */
  station: number;
  /** The edges whose flows add up to the station's count: one direction, or both. */
  edges: number[];
  /** Metres from the station to the first edge (NaN for a station given by way only). */
  distanceM: number;
  /** Road class of the first edge. */
  roadClass: string;
  /** How the class agrees with the station's: same, same with or without _link, neighbouring, or the station gave none. */
  classAgreement: 'same' | 'link' | 'near' | 'unknown';
}

export interface UnmatchedStation {
  station: number;
  reason: string;
}

export interface StationMatches {
  matched: StationMatch[];
  unmatched: UnmatchedStation[];
}

const DEFAULTS: Required<MatchOptions> = { maxDistanceM: 50, bearingToleranceDeg: 60 };
const CANDIDATES = 32;
const NOT_STREETS = new Set([roadClassCode('connector'), roadClassCode('abstract')]);
/** Classes built as two one-way carriageways (a one-way link of them is half the road). */
const DIVIDED = new Set(['motorway', 'trunk'].map(roadClassCode));

/** Matches every station of `counts` to `edges`; stations keep their order in both lists. */
export function matchStations(counts: Counts, edges: MatchEdges, options: MatchOptions = {}): StationMatches {
  const opts = { ...DEFAULTS, ...options };
  const index = new EdgeIndex({ edgeCount: edges.count, geometry: { offsets: edges.geometryOffsets, coords: edges.geometryCoords } });
  const out: StationMatches = { matched: [], unmatched: [] };
  const box = extent(edges);
  counts.stations.forEach((station, s) => {
    const outside = !Number.isNaN(station.lon) && (station.lon < box[0] || station.lon > box[2] || station.lat < box[1] || station.lat > box[3]);
    const m = outside
      ? { station: s, reason: `outside the network (lon ${box[0].toFixed(3)} to ${box[2].toFixed(3)}, lat ${box[1].toFixed(3)} to ${box[3].toFixed(3)})` }
      : Number.isNaN(station.lon)
        ? matchByWay(station, s, edges, opts)
        : matchByPosition(station, s, edges, index, opts);
    if ('reason' in m) out.unmatched.push(m);
    else out.matched.push(m);
  });
  return out;
}

/** A graph's edges in the shape matching reads (for calibration, before any run exists). */
export function graphMatchEdges(graph: RoadGraph): MatchEdges {
  return {
    count: graph.edgeCount,
    osmWayId: graph.osmWayId,
    dir: Uint8Array.from(graph.flags, (f) => (f & EdgeFlag.Reverse ? 1 : 0)),
    roadClass: graph.roadClass,
    geometryOffsets: graph.geometry.offsets,
    geometryCoords: graph.geometry.coords,
  };
}

function matchByPosition(station: CountStation, s: number, edges: MatchEdges, index: EdgeIndex, opts: Required<MatchOptions>): StationMatch | UnmatchedStation {
  const R = opts.maxDistanceM;
  let hits = index.nearestEdges(station.lon, station.lat, CANDIDATES, R).filter((h) => !NOT_STREETS.has(edges.roadClass[h.edge]!));
  if (hits.length === 0) return { station: s, reason: `no street within ${R} m` };
  if (!Number.isNaN(station.way)) {
    const onWay = hits.filter((h) => edges.osmWayId[h.edge] === station.way);
    if (onWay.length === 0) return { station: s, reason: `way ${station.way} has no link within ${R} m` };
    hits = onWay;
  }
  const agreement = hits.map((h) => classDistance(station.highway, edges.roadClass[h.edge]!));
  const best = Math.min(...agreement);
  if (best > 1) {
    const h = hits[0]!;
    return { station: s, reason: `no ${station.highway} road within ${R} m (nearest: ${roadClassName(edges.roadClass[h.edge]!)} at ${Math.round(h.distanceM)} m)` };
  }
  const group = hits.filter((_, i) => agreement[i] === best);
  const bearing = (h: EdgeHit) => bearingAt(edges, h.edge, h.point);
  const d = station.direction;
  let first: EdgeHit | undefined;
  if (d.kind === 'bearing') {
    first = group.find((h) => angleBetween(bearing(h), d.degrees) <= opts.bearingToleranceDeg);
    if (!first) return { station: s, reason: `no ${roadClassName(edges.roadClass[group[0]!.edge]!)} link heading ${d.degrees}° ± ${opts.bearingToleranceDeg}° within ${R} m` };
  } else if (d.kind === 'way') {
    first = group.find((h) => edges.dir[h.edge] === (d.reverse ? 1 : 0));
    if (!first) return { station: s, reason: `way ${station.way} has no link ${d.reverse ? 'against' : 'along'} its drawing direction within ${R} m` };
  } else first = group[0]!;
  const chosen = [first.edge];
  if (d.kind === 'both') {
    const b0 = bearing(first);
    // the other direction: nearest link going the opposite way, of a class as close as the first's
    const other = hits.find((h, i) => h.edge !== first.edge && agreement[i]! <= best && angleBetween(bearing(h), b0) >= 180 - opts.bearingToleranceDeg);
    if (other) chosen.push(other.edge);
    // a divided highway counted both ways where the network holds one carriageway (the other cut off, e.g. by an extract's edge): half a count, refused
    else if (DIVIDED.has(edges.roadClass[first.edge]!)) return { station: s, reason: `counts both directions of a ${roadClassName(edges.roadClass[first.edge]!)}, but the network holds only the carriageway heading ${Math.round(b0)}° within ${R} m (the other is missing)` };
  }
  return { station: s, edges: chosen, distanceM: first.distanceM, roadClass: roadClassName(edges.roadClass[first.edge]!), classAgreement: agreementName(station.highway, best) };
}

function matchByWay(station: CountStation, s: number, edges: MatchEdges, opts: Required<MatchOptions>): StationMatch | UnmatchedStation {
  const onWay: number[] = [];
  for (let e = 0; e < edges.count; e++) if (edges.osmWayId[e] === station.way) onWay.push(e);
  if (onWay.length === 0) return { station: s, reason: `way ${station.way} is not in the network` };
  const length = (e: number) => polylineLengthM(edges, e);
  const d = station.direction;
  const fits = (e: number) => (d.kind === 'both' ? true : d.kind === 'way' ? edges.dir[e] === (d.reverse ? 1 : 0) : angleBetween(overallBearing(edges, e), d.degrees) <= opts.bearingToleranceDeg);
  const candidates = onWay.filter(fits).sort((a, b) => length(b) - length(a) || a - b);
  if (candidates.length === 0) return { station: s, reason: `way ${station.way} has no link going ${d.kind === 'way' ? (d.reverse ? 'backward' : 'forward') : d.kind === 'bearing' ? `${d.degrees}°` : ''}`.trimEnd() };
  const first = candidates[0]!;
  const chosen = [first];
  if (d.kind === 'both') {
    const twin = onWay.find((e) => e !== first && edges.dir[e] !== edges.dir[first] && sameEndsReversed(edges, e, first));
    if (twin !== undefined) chosen.push(twin);
  }
  const cls = edges.roadClass[first]!;
  return { station: s, edges: chosen, distanceM: NaN, roadClass: roadClassName(cls), classAgreement: agreementName(station.highway, classDistance(station.highway, cls)) };
}

/** [minLon, minLat, maxLon, maxLat] of the edges' geometry. */
function extent(edges: MatchEdges): [number, number, number, number] {
  const xy = edges.geometryCoords;
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let p = 0; p + 1 < xy.length; p += 2) {
    if (xy[p]! < box[0]) box[0] = xy[p]!;
    if (xy[p + 1]! < box[1]) box[1] = xy[p + 1]!;
    if (xy[p]! > box[2]) box[2] = xy[p]!;
    if (xy[p + 1]! > box[3]) box[3] = xy[p + 1]!;
  }
  return box;
}

/** Ranks of the street classes, by base class; a difference of one rank is a neighbouring class. */
const RANK: Record<string, number> = { motorway: 0, trunk: 1, primary: 2, secondary: 3, tertiary: 4, unclassified: 5, residential: 5, road: 5, living_street: 6, service: 6 };

/** 0 same class, 0.5 same base class (with or without _link), 1 neighbouring rank, 9 otherwise. */
function classDistance(stationClass: string | null, code: number): number {
  if (stationClass === null) return 0;
  const name = ROAD_CLASSES[code]!;
  if (name === stationClass) return 0;
  const base = (c: string) => c.replace(/_link$/, '');
  if (base(name) === base(stationClass)) return 0.5;
  const a = RANK[base(name)];
  const b = RANK[base(stationClass)];
  return a !== undefined && b !== undefined && Math.abs(a - b) === 1 ? 1 : 9;
}

function agreementName(stationClass: string | null, distance: number): StationMatch['classAgreement'] {
  if (stationClass === null) return 'unknown';
  return distance === 0 ? 'same' : distance === 0.5 ? 'link' : 'near';
}

/** Compass bearing (degrees) of edge e's segment nearest to `point`, in the edge's direction of travel. */
export function bearingAt(edges: MatchEdges, e: number, point: [number, number]): number {
  const xy = edges.geometryCoords;
  const kx = metresPerDegreeLon(point[1]);
  let best = Infinity;
  let bearing = 0;
  for (let p = edges.geometryOffsets[e]!; p + 1 < edges.geometryOffsets[e + 1]!; p++) {
    const ax = (xy[2 * p]! - point[0]) * kx;
    const ay = (xy[2 * p + 1]! - point[1]) * M_PER_DEG;
    const bx = (xy[2 * p + 2]! - point[0]) * kx;
    const by = (xy[2 * p + 3]! - point[1]) * M_PER_DEG;
    const dx = bx - ax;
    const dy = by - ay;
    const l2 = dx * dx + dy * dy;
    if (l2 === 0) continue;
    const t = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / l2));
    const d = Math.hypot(ax + t * dx, ay + t * dy);
    if (d < best) {
      best = d;
      bearing = compass(dx, dy);
    }
  }
  return bearing;
}

/** Compass bearing from an edge's first point to its last. */
function overallBearing(edges: MatchEdges, e: number): number {
  const xy = edges.geometryCoords;
  const p = edges.geometryOffsets[e]!;
  const q = edges.geometryOffsets[e + 1]! - 1;
  return compass((xy[2 * q]! - xy[2 * p]!) * metresPerDegreeLon(xy[2 * p + 1]!), (xy[2 * q + 1]! - xy[2 * p + 1]!) * M_PER_DEG);
}

function compass(dx: number, dy: number): number {
  const deg = (Math.atan2(dx, dy) * 180) / Math.PI;
  return deg < 0 ? deg + 360 : deg;
}

/** The angle between two bearings, 0..180 degrees. */
export function angleBetween(a: number, b: number): number {
  const d = Math.abs((((a - b) % 360) + 360) % 360);
  return d > 180 ? 360 - d : d;
}

function polylineLengthM(edges: MatchEdges, e: number): number {
  const xy = edges.geometryCoords;
  let len = 0;
  for (let p = edges.geometryOffsets[e]!; p + 1 < edges.geometryOffsets[e + 1]!; p++) {
    len += Math.hypot((xy[2 * p + 2]! - xy[2 * p]!) * metresPerDegreeLon(xy[2 * p + 1]!), (xy[2 * p + 3]! - xy[2 * p + 1]!) * M_PER_DEG);
  }
  return len;
}

function sameEndsReversed(edges: MatchEdges, a: number, b: number): boolean {
  const xy = edges.geometryCoords;
  const o = edges.geometryOffsets;
  const [a0, a1, b0, b1] = [o[a]!, o[a + 1]! - 1, o[b]!, o[b + 1]! - 1];
  return xy[2 * a0] === xy[2 * b1] && xy[2 * a0 + 1] === xy[2 * b1 + 1] && xy[2 * a1] === xy[2 * b0] && xy[2 * a1 + 1] === xy[2 * b0 + 1];
}
