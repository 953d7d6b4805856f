/**
 * Timetable: a feed's trips of one service day arranged for RAPTOR, in typed arrays.
 *
 * Terms: a *pattern* is a sequence of stops run by trips of one route that never overtake one
 * another (trips of a route with the same stops are grouped, sorted by departure, and split
 * where one would overtake another, so within a pattern trip k + 1 is never earlier than trip k
 * at any stop). Pattern p has stops `patternStops[patternStopStart[p] ..]` (n of them) and
 * trips `patternTripStart[p] .. patternTripStart[p + 1] - 1`; trip slot j of p at its stop i
 * arrives `arr[patternTimeStart[p] + (j - patternTripStart[p]) * n + i]` (departure in `dep`).
 * `stopPattern*` list, per stop, the patterns through it and the stop's position in each.
 * Footpaths (transfers) join stops within `radiusM` of each other (straight line), timed at
 * `speedMps` over the walk along the streets where both stops lie on the walking graph given
 * (street-walk.ts; a pair more than `detour` × 2 × `radiusM` apart on foot gets no footpath),
 * else over the straight-line distance × `detour`: the feed covers the whole city while the
 * street extract may cover only part of it.
 */
import { PoiIndex } from '../spatial/poi-index.ts';
import type { StreetPoint, StreetWalk } from './street-walk.ts';
import { activeServices } from './calendar.ts';
import type { GtfsFeed } from './gtfs.ts';

export interface WalkOptions {
  /** Walking speed, m/s (1.2: a common planning figure). */
  speedMps: number;
  /** Walking distance over straight-line distance (1.3 on an urban grid). */
  detour: number;
  /** Longest footpath between two stops, straight-line metres. */
  radiusM: number;
}

export const DEFAULT_WALK: WalkOptions = { speedMps: 1.2, detour: 1.3, radiusM: 400 };

export interface Timetable {
  feed: GtfsFeed;
  /** The service day, YYYYMMDD. */
  date: string;
  walk: WalkOptions;
  stopCount: number;
  patternCount: number;
  patternRoute: Uint32Array;
  patternStopStart: Uint32Array;
  patternStops: Uint32Array;
  patternTripStart: Uint32Array;
  /** Feed trip of each trip slot. */
  slotTrip: Uint32Array;
  patternTimeStart: Uint32Array;
  arr: Int32Array;
  dep: Int32Array;
  stopPatternStart: Uint32Array;
  stopPattern: Uint32Array;
  stopPatternPos: Uint32Array;
  transferStart: Uint32Array;
  transferStop: Uint32Array;
  transferS: Int32Array;
  /** The stops as points, for walking access and egress. */
  stopIndex: PoiIndex;
  /** Walking along the streets, and where each stop meets them (null: off the street extract). */
  streets?: { walk: StreetWalk; stopPoint: (StreetPoint | null)[] };
}

/** The columns RAPTOR reads: plain typed arrays, posted to worker threads as they are. */
export type RaptorColumns = Pick<
  Timetable,
  'walk' | 'stopCount' | 'patternCount' | 'patternStopStart' | 'patternStops' | 'patternTripStart' | 'patternTimeStart' | 'arr' | 'dep' | 'stopPatternStart' | 'stopPattern' | 'stopPatternPos' | 'transferStart' | 'transferStop' | 'transferS'
>;

/** The timetable of `date` (YYYYMMDD). */
export function buildTimetable(feed: GtfsFeed, date: string, walk: WalkOptions = DEFAULT_WALK, streetWalk?: StreetWalk): Timetable {
  const running = activeServices(feed, date);
  const groups = new Map<string, number[]>();
  for (let t = 0; t < feed.tripId.length; t++) {
    if (!running.has(feed.tripService[t])) continue;
    const key = `${feed.tripRoute[t]}|${feed.stStop.subarray(feed.tripStart[t], feed.tripStart[t + 1]).join(',')}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(t);
  }
  const { tripStart, stArrival, stDeparture } = feed;
  // split each group into non-overtaking patterns
  const patterns: number[][] = [];
  for (const trips of groups.values()) {
    trips.sort((a, b) => stDeparture[tripStart[a]] - stDeparture[tripStart[b]] || a - b);
    const open: number[][] = [];
    for (const t of trips) {
      const fits = open.find((p) => notBefore(p[p.length - 1], t));
      if (fits) fits.push(t);
      else open.push([t]);
    }
    patterns.push(...open);
  }
  function notBefore(a: number, b: number): boolean {
    for (let i = 0, n = tripStart[a + 1] - tripStart[a]; i < n; i++) {
      if (stArrival[tripStart[b] + i] < stArrival[tripStart[a] + i] || stDeparture[tripStart[b] + i] < stDeparture[tripStart[a] + i]) return false;
    }
    return true;
  }

  const P = patterns.length;
  const patternRoute = new Uint32Array(P);
  const patternStopStart = new Uint32Array(P + 1);
  const patternTripStart = new Uint32Array(P + 1);
  const patternTimeStart = new Uint32Array(P + 1);
  for (let p = 0; p < P; p++) {
    const n = tripStart[patterns[p][0] + 1] - tripStart[patterns[p][0]];
    patternStopStart[p + 1] = patternStopStart[p] + n;
    patternTripStart[p + 1] = patternTripStart[p] + patterns[p].length;
    patternTimeStart[p + 1] = patternTimeStart[p] + n * patterns[p].length;
  }
  const patternStops = new Uint32Array(patternStopStart[P]);
  const slotTrip = new Uint32Array(patternTripStart[P]);
  const arr = new Int32Array(patternTimeStart[P]);
  const dep = new Int32Array(patternTimeStart[P]);
  for (let p = 0; p < P; p++) {
    const first = patterns[p][0];
    const n = patternStopStart[p + 1] - patternStopStart[p];
    patternRoute[p] = feed.tripRoute[first];
    patternStops.set(feed.stStop.subarray(tripStart[first], tripStart[first] + n), patternStopStart[p]);
    patterns[p].forEach((t, j) => {
      slotTrip[patternTripStart[p] + j] = t;
      arr.set(stArrival.subarray(tripStart[t], tripStart[t] + n), patternTimeStart[p] + j * n);
      dep.set(stDeparture.subarray(tripStart[t], tripStart[t] + n), patternTimeStart[p] + j * n);
    });
  }

  const S = feed.stopId.length;
  const stopPatternStart = new Uint32Array(S + 1);
  for (let i = 0; i < patternStops.length; i++) stopPatternStart[patternStops[i] + 1]++;
  for (let s = 0; s < S; s++) stopPatternStart[s + 1] += stopPatternStart[s];
  const fill = stopPatternStart.slice(0, S);
  const stopPattern = new Uint32Array(patternStops.length);
  const stopPatternPos = new Uint32Array(patternStops.length);
  for (let p = 0; p < P; p++) {
    for (let i = patternStopStart[p]; i < patternStopStart[p + 1]; i++) {
      const k = fill[patternStops[i]]++;
      stopPattern[k] = p;
      stopPatternPos[k] = i - patternStopStart[p];
    }
  }

  const stopIndex = new PoiIndex(feed.stopLon, feed.stopLat);
  const streets = streetWalk ? { walk: streetWalk, stopPoint: Array.from({ length: S }, (_, s) => streetWalk.snap(feed.stopLon[s], feed.stopLat[s])) } : undefined;
  const transferStart = new Uint32Array(S + 1);
  const to: number[] = [];
  const secs: number[] = [];
  for (let s = 0; s < S; s++) {
    const near = [...stopIndex.near(feed.stopLon[s], feed.stopLat[s], walk.radiusM)].filter((o) => o !== s);
    const metres = walkMetres(streets, stopIndex, walk, s, feed.stopLon[s], feed.stopLat[s], near);
    for (let i = 0; i < near.length; i++) {
      if (metres[i] === Infinity) continue;
      to.push(near[i]);
      secs.push(Math.round(metres[i] / walk.speedMps));
    }
    transferStart[s + 1] = to.length;
  }

  return {
    feed, date, walk, stopCount: S, patternCount: P,
    patternRoute, patternStopStart, patternStops, patternTripStart, slotTrip, patternTimeStart, arr, dep,
    stopPatternStart, stopPattern, stopPatternPos,
    transferStart, transferStop: Uint32Array.from(to), transferS: Int32Array.from(secs),
    stopIndex,
    ...(streets ? { streets } : {}),
  };
}

/**
 * Walking metres from a place (or stop `from`, −1 for a place) to each of the stops `near`:
 * along the streets where both lie on them, else straight × detour. Infinity: no walk within
 * detour × 2 × radius on the streets.
 */
export function walkMetres(streets: Timetable['streets'], stopIndex: PoiIndex, walk: WalkOptions, from: number, lon: number, lat: number, near: readonly number[]): Float64Array {
  const out = new Float64Array(near.length);
  const start = streets ? (from >= 0 ? streets.stopPoint[from] : streets.walk.snap(lon, lat)) : null;
  const onStreets: number[] = [];
  for (let i = 0; i < near.length; i++) {
    if (start && streets!.stopPoint[near[i]]) onStreets.push(i);
    else out[i] = stopIndex.distanceM(near[i], lon, lat) * walk.detour;
  }
  if (onStreets.length) {
    const m = streets!.walk.metres(start!, onStreets.map((i) => streets!.stopPoint[near[i]]!), walk.detour * 2 * walk.radiusM);
    onStreets.forEach((i, k) => (out[i] = m[k]));
  }
  return out;
}

/** Walking seconds over a straight-line distance, by the timetable's walking options. */
export function walkSeconds(tt: Pick<Timetable, 'walk'>, metres: number): number {
  return Math.round((metres * tt.walk.detour) / tt.walk.speedMps);
}
