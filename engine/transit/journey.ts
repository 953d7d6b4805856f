/**
 * Journeys between two points: walk to the stops within `accessRadiusM` of the origin (stops
 * found in an rbush over the stop points, walked at straight-line distance × detour), RAPTOR
 * from there, walk from the stops within the radius of the destination, and the journey with the
 * earliest arrival rebuilt leg by leg from RAPTOR's labels (fewest vehicles among equal
 * arrivals). Walking the whole way is a journey too, and wins when it arrives first.
 */
import { haversineM } from '../spatial/geo.ts';
import { Label, NONE, type Raptor, type Source } from './raptor.ts';
import { walkMetres, walkSeconds, type Timetable } from './timetable.ts';

export interface Place {
  lon: number;
  lat: number;
}

export interface StopRef {
  stop: string;
  name: string;
  lon: number;
  lat: number;
}

export interface Leg {
  mode: 'walk' | 'bus';
  /** The route's short name (bus legs). */
  line?: string;
  lineName?: string;
  trip?: string;
  from: StopRef | Place;
  to: StopRef | Place;
  departS: number;
  arriveS: number;
  /** Stops passed, boarding and alighting included (bus legs). */
  stops?: number;
}

export interface Journey {
  departS: number;
  arriveS: number;
  durationS: number;
  vehicles: number;
  walkS: number;
  legs: Leg[];
}

export interface JourneyOptions {
  /** Walking access and egress radius, straight-line metres. */
  accessRadiusM: number;
}

export const DEFAULT_JOURNEY: JourneyOptions = { accessRadiusM: 800 };

/** The stops within the radius of a place, with their walking seconds. */
export function stopsNear(tt: Timetable, at: Place, radiusM: number): { stop: number; walkS: number }[] {
  const near = [...tt.stopIndex.near(at.lon, at.lat, radiusM)];
  if (!tt.streets) return near.map((s) => ({ stop: s, walkS: walkSeconds(tt, tt.stopIndex.distanceM(s, at.lon, at.lat)) }));
  const metres = walkMetres(tt.streets, tt.stopIndex, { ...tt.walk, radiusM }, -1, at.lon, at.lat, near);
  return near.flatMap((s, i) => (metres[i] === Infinity ? [] : [{ stop: s, walkS: Math.round(metres[i] / tt.walk.speedMps) }]));
}

/** Runs RAPTOR from a place leaving at `departS` (one-to-all); returns the sources used. */
export function runFrom(router: Raptor, from: Place, departS: number, options = DEFAULT_JOURNEY): Source[] {
  const sources = stopsNear(router.tt, from, options.accessRadiusM).map(({ stop, walkS }) => ({ stop, time: departS + walkS, walkS }));
  router.run(sources);
  return sources;
}

/** The earliest-arriving journey from `from` to `to` leaving at `departS`. */
export function planJourney(router: Raptor, from: Place, to: Place, departS: number, options = DEFAULT_JOURNEY): Journey {
  const tt = router.tt;
  runFrom(router, from, departS, options);
  const walkAll = departS + walkSeconds(tt, haversineM(from.lon, from.lat, to.lon, to.lat));
  let bestArr = NONE;
  let bestK = -1;
  let bestStop = -1;
  const egress = stopsNear(tt, to, options.accessRadiusM);
  for (let k = 0; k <= router.maxRounds; k++) {
    for (const { stop, walkS } of egress) {
      const a = router.tau[k * router.stops + stop];
      if (a !== NONE && a + walkS < bestArr) [bestArr, bestK, bestStop] = [a + walkS, k, stop];
    }
  }
  if (bestK <= 0 || walkAll <= bestArr) {
    return { departS, arriveS: walkAll, durationS: walkAll - departS, vehicles: 0, walkS: walkAll - departS, legs: [{ mode: 'walk', from, to, departS, arriveS: walkAll }] };
  }
  const legs = rebuild(router, bestK, bestStop, from, departS);
  const last = router.tau[bestK * router.stops + bestStop];
  legs.push({ mode: 'walk', from: stopRef(tt, bestStop), to, departS: last, arriveS: bestArr });
  const walkS = legs.filter((l) => l.mode === 'walk').reduce((sum, l) => sum + l.arriveS - l.departS, 0);
  return { departS, arriveS: bestArr, durationS: bestArr - departS, vehicles: legs.filter((l) => l.mode === 'bus').length, walkS, legs };
}

/** The legs that reach stop s in round k, from the origin. */
export function rebuild(router: Raptor, k: number, s: number, from: Place, departS: number): Leg[] {
  const tt = router.tt;
  const S = router.stops;
  const legs: Leg[] = [];
  let vehicleNext = false; // after a footpath, the stop walked from was reached by a vehicle in the same round (by access in round 0)
  while (k >= 0) {
    const at = k * S + s;
    const kind = vehicleNext ? (k === 0 ? Label.Access : Label.Vehicle) : router.kind[at];
    vehicleNext = false;
    if (kind === Label.Inherited) {
      k--;
      continue;
    }
    if (kind === Label.Access) {
      legs.push({ mode: 'walk', from, to: stopRef(tt, s), departS, arriveS: departS + router.accessS[s] });
      break;
    }
    if (kind === Label.Foot) {
      const o = router.footFrom[at];
      legs.push({ mode: 'walk', from: stopRef(tt, o), to: stopRef(tt, s), departS: router.vehicleArr[k * S + o], arriveS: router.tau[at] });
      s = o;
      vehicleNext = true;
      continue;
    }
    const p = router.vPattern[at];
    const slot = router.vSlot[at];
    const b = router.vBoard[at];
    const a = router.vAlight[at];
    const n = tt.patternStopStart[p + 1] - tt.patternStopStart[p];
    const base = tt.patternTimeStart[p] + (slot - tt.patternTripStart[p]) * n;
    const boardStop = tt.patternStops[tt.patternStopStart[p] + b];
    const route = tt.patternRoute[p];
    legs.push({
      mode: 'bus',
      line: tt.feed.routeShortName[route] || tt.feed.routeId[route],
      lineName: tt.feed.routeLongName[route],
      trip: tt.feed.tripId[tt.slotTrip[slot]],
      from: stopRef(tt, boardStop),
      to: stopRef(tt, s),
      departS: tt.dep[base + b],
      arriveS: tt.arr[base + a],
      stops: a - b + 1,
    });
    s = boardStop;
    k--;
  }
  return legs.reverse();
}

export function stopRef(tt: Timetable, s: number): StopRef {
  return { stop: tt.feed.stopId[s], name: tt.feed.stopName[s], lon: tt.feed.stopLon[s], lat: tt.feed.stopLat[s] };
}
