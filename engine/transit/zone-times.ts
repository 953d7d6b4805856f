/**
 * Zone-to-zone transit times for a period: for each origin zone and each departure every
 * `stepS` in [startS, endS), RAPTOR one-to-all from the zone's centre (walking access), then for
 * each destination zone the earliest arrival over its egress stops, or walking all the way when
 * that is sooner. The period's figure is the mean door-to-door time over the departures,
 * waiting at the first stop included. Output first: `out[o * n + d]` in seconds.
 */
import { haversineM } from '../spatial/geo.ts';
import { DEFAULT_JOURNEY, runFrom, stopsNear, type Place } from './journey.ts';
import { NONE, type Raptor } from './raptor.ts';
import { walkSeconds } from './timetable.ts';

export interface ZoneTimesResult {
  /** Mean door-to-door seconds, origin-major. */
  seconds: Float64Array;
  /** Share of the departures on which a bus journey beat walking, per pair. */
  busShare: Float32Array;
  departures: number;
}

export function zoneTransitTimes(router: Raptor, zones: readonly Place[], startS: number, endS: number, stepS = 600, options = DEFAULT_JOURNEY): ZoneTimesResult {
  const n = zones.length;
  const tt = router.tt;
  const egressStart = new Uint32Array(n + 1);
  const eStop: number[] = [];
  const eWalk: number[] = [];
  zones.forEach((z, d) => {
    for (const { stop, walkS } of stopsNear(tt, z, options.accessRadiusM)) {
      eStop.push(stop);
      eWalk.push(walkS);
    }
    egressStart[d + 1] = eStop.length;
  });
  const egressStop = Uint32Array.from(eStop);
  const egressWalk = Int32Array.from(eWalk);
  const seconds = new Float64Array(n * n);
  const busShare = new Float32Array(n * n);
  const departures: number[] = [];
  for (let t = startS; t < endS; t += stepS) departures.push(t);
  const best = router.best;
  for (let o = 0; o < n; o++) {
    for (const t of departures) {
      runFrom(router, zones[o], t, options);
      for (let d = 0; d < n; d++) {
        const walk = walkSeconds(tt, haversineM(zones[o].lon, zones[o].lat, zones[d].lon, zones[d].lat));
        let arrive = NONE;
        for (let i = egressStart[d]; i < egressStart[d + 1]; i++) {
          const a = best[egressStop[i]];
          if (a !== NONE && a + egressWalk[i] < arrive) arrive = a + egressWalk[i];
        }
        const bus = arrive !== NONE && arrive - t < walk;
        seconds[o * n + d] += bus ? arrive - t : walk;
        if (bus) busShare[o * n + d] += 1;
      }
    }
  }
  const k = Math.max(1, departures.length);
  for (let i = 0; i < n * n; i++) {
    seconds[i] /= k;
    busShare[i] /= k;
  }
  return { seconds, busShare, departures: departures.length };
}
