/**
 * Zone-to-zone transit times for a period: for each origin zone, rRAPTOR (range-raptor.ts) over
 * the departures every `stepS` in [startS, endS), latest first, from the zone's centre (walking
 * access); after each departure, for each destination zone the earliest arrival over its egress
 * stops, or walking all the way when that is sooner. The period's figure is the mean
 * door-to-door time over the departures, waiting at the first stop included. Output
 * origin-major: `out[o * n + d]` in seconds.
 *
 * Origins are independent rows: `zoneTimeRows` computes a range of them from plain columns (a
 * worker thread's share, workers/transit-zone-times-pool.ts); `zoneTransitTimes` all of them here.
 */
import { haversineM } from '../spatial/geo.ts';
import { DEFAULT_JOURNEY, stopsNear, type Place } from './journey.ts';
import { NONE } from './raptor.ts';
import { RangeRaptor } from './range-raptor.ts';
import { walkSeconds, type RaptorColumns, type Timetable } from './timetable.ts';

export interface ZoneTimesResult {
  /** Mean door-to-door seconds, origin-major. */
  seconds: Float64Array;
  /** Share of the departures on which a bus journey beat walking, per pair. */
  busShare: Float32Array;
  departures: number;
}

/** Everything a range of origin rows needs, as plain columns. */
export interface ZoneTimesProblem {
  tt: RaptorColumns;
  maxRounds: number;
  lon: Float64Array;
  lat: Float64Array;
  /** The stops near zone z (its access and its egress alike): nearStop[nearStart[z] .. nearStart[z + 1]). */
  nearStart: Uint32Array;
  nearStop: Uint32Array;
  nearWalkS: Int32Array;
  /** Departure seconds, ascending. */
  departures: Int32Array;
}

export function zoneTimesProblem(tt: Timetable, zones: readonly Place[], startS: number, endS: number, stepS = 600, options = DEFAULT_JOURNEY, maxRounds = 5): ZoneTimesProblem {
  const near: { stop: number; walkS: number }[] = [];
  const nearStart = new Uint32Array(zones.length + 1);
  zones.forEach((z, i) => {
    near.push(...stopsNear(tt, z, options.accessRadiusM));
    nearStart[i + 1] = near.length;
  });
  const departures: number[] = [];
  for (let t = startS; t < endS; t += stepS) departures.push(t);
  return {
    tt: raptorColumns(tt),
    maxRounds,
    lon: Float64Array.from(zones, (z) => z.lon),
    lat: Float64Array.from(zones, (z) => z.lat),
    nearStart,
    nearStop: Uint32Array.from(near, (x) => x.stop),
    nearWalkS: Int32Array.from(near, (x) => x.walkS),
    departures: Int32Array.from(departures),
  };
}

/** Rows [from, to) of the zone times: seconds and bus shares, (to − from) × n each. */
export function zoneTimeRows(p: ZoneTimesProblem, from: number, to: number, router = new RangeRaptor(p.tt, p.maxRounds)): { seconds: Float64Array; busShare: Float32Array } {
  const { tt, lon, lat, nearStart, nearStop, nearWalkS, departures } = p;
  const n = lon.length;
  const seconds = new Float64Array((to - from) * n);
  const busShare = new Float32Array((to - from) * n);
  const walk = new Float64Array(n);
  const final = router.maxRounds * router.stops;
  const tau = router.tau;
  const k = Math.max(1, departures.length);
  for (let o = from; o < to; o++) {
    const row = (o - from) * n;
    for (let d = 0; d < n; d++) walk[d] = walkSeconds(tt, haversineM(lon[o], lat[o], lon[d], lat[d]));
    router.reset();
    for (let j = departures.length - 1; j >= 0; j--) {
      const t = departures[j];
      const sources = [];
      for (let i = nearStart[o]; i < nearStart[o + 1]; i++) sources.push({ stop: nearStop[i], time: t + nearWalkS[i], walkS: nearWalkS[i] });
      router.depart(t, sources);
      for (let d = 0; d < n; d++) {
        let arrive = NONE;
        for (let i = nearStart[d]; i < nearStart[d + 1]; i++) {
          const a = tau[final + nearStop[i]];
          if (a !== NONE && a + nearWalkS[i] < arrive) arrive = a + nearWalkS[i];
        }
        const bus = arrive !== NONE && arrive - t < walk[d];
        seconds[row + d] += bus ? arrive - t : walk[d];
        if (bus) busShare[row + d] += 1;
      }
    }
    for (let d = 0; d < n; d++) {
      seconds[row + d] /= k;
      busShare[row + d] /= k;
    }
  }
  return { seconds, busShare };
}

/** All rows in this thread. */
export function zoneTransitTimes(tt: Timetable, zones: readonly Place[], startS: number, endS: number, stepS = 600, options = DEFAULT_JOURNEY, maxRounds = 5): ZoneTimesResult {
  const p = zoneTimesProblem(tt, zones, startS, endS, stepS, options, maxRounds);
  return { ...zoneTimeRows(p, 0, zones.length), departures: p.departures.length };
}

/** The timetable without its feed and stop index: what a worker thread needs, nothing it must clone. */
function raptorColumns(tt: Timetable): RaptorColumns {
  const { walk, stopCount, patternCount, patternStopStart, patternStops, patternTripStart, patternTimeStart, arr, dep, stopPatternStart, stopPattern, stopPatternPos, transferStart, transferStop, transferS } = tt;
  return { walk, stopCount, patternCount, patternStopStart, patternStops, patternTripStart, patternTimeStart, arr, dep, stopPatternStart, stopPattern, stopPatternPos, transferStart, transferStop, transferS };
}
