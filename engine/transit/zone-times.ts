/**
 * Zone-to-zone transit times for a period: for each origin zone, rRAPTOR (range-raptor.ts) over
 * the departures every `stepS` in [startS, endS), latest first, from the zone's centre (walking
 * access); after each departure, for each destination zone the earliest arrival over its egress
 * stops, or walking all the way when that is sooner. The period's figure is the mean
 * door-to-door time over the departures, waiting at the first stop included. Output
 * origin-major: `out[o * n + d]` in seconds.
 */
import { haversineM } from '../spatial/geo.ts';
import { DEFAULT_JOURNEY, stopsNear, type Place } from './journey.ts';
import { NONE } from './raptor.ts';
import type { RangeRaptor } from './range-raptor.ts';
import { walkSeconds } from './timetable.ts';

export interface ZoneTimesResult {
  /** Mean door-to-door seconds, origin-major. */
  seconds: Float64Array;
  /** Share of the departures on which a bus journey beat walking, per pair. */
  busShare: Float32Array;
  departures: number;
}

export function zoneTransitTimes(router: RangeRaptor, zones: readonly Place[], startS: number, endS: number, stepS = 600, options = DEFAULT_JOURNEY): ZoneTimesResult {
  const n = zones.length;
  const tt = router.tt;
  // the stops near each zone, its access and its egress alike
  const nearStart = new Uint32Array(n + 1);
  const near: { stop: number; walkS: number }[] = [];
  zones.forEach((z, d) => {
    near.push(...stopsNear(tt, z, options.accessRadiusM));
    nearStart[d + 1] = near.length;
  });
  const nearStop = Uint32Array.from(near, (x) => x.stop);
  const nearWalk = Int32Array.from(near, (x) => x.walkS);
  const seconds = new Float64Array(n * n);
  const busShare = new Float32Array(n * n);
  const departures: number[] = [];
  for (let t = startS; t < endS; t += stepS) departures.push(t);
  const walk = new Float64Array(n);
  const final = router.maxRounds * router.stops;
  const tau = router.tau;
  for (let o = 0; o < n; o++) {
    for (let d = 0; d < n; d++) walk[d] = walkSeconds(tt, haversineM(zones[o].lon, zones[o].lat, zones[d].lon, zones[d].lat));
    router.reset();
    for (let j = departures.length - 1; j >= 0; j--) {
      const t = departures[j];
      const sources = [];
      for (let i = nearStart[o]; i < nearStart[o + 1]; i++) sources.push({ stop: nearStop[i], time: t + nearWalk[i], walkS: nearWalk[i] });
      router.depart(t, sources);
      for (let d = 0; d < n; d++) {
        let arrive = NONE;
        for (let i = nearStart[d]; i < nearStart[d + 1]; i++) {
          const a = tau[final + nearStop[i]];
          if (a !== NONE && a + nearWalk[i] < arrive) arrive = a + nearWalk[i];
        }
        const bus = arrive !== NONE && arrive - t < walk[d];
        seconds[o * n + d] += bus ? arrive - t : walk[d];
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
