/**
 * Riders on the patterns: each zone pair's bus trips put on the journey RAPTOR finds for one
 * departure (the middle of the period), so a pattern's riders are the boardings on it and its
 * hop loads the persons on each hop. An all-or-nothing transit assignment: no crowding, one
 * journey per pair.
 */
import { haversineM } from '../spatial/geo.ts';
import { DEFAULT_JOURNEY, runFrom, stopsNear, type Place } from './journey.ts';
import { Label, NONE, type Raptor } from './raptor.ts';
import { walkSeconds } from './timetable.ts';

export interface PatternLoads {
  /** Boardings per pattern. */
  riders: Float64Array;
  /** Persons on each hop: indexed like tt.patternStops (hop i of pattern p at patternStopStart[p] + i). */
  hopLoad: Float64Array;
  /** Persons whose journey used a bus. */
  busRiders: number;
}

/** `trips[o * n + d]`: bus person trips between zones o and d (zones as in `zones`). */
export function patternLoads(router: Raptor, zones: readonly Place[], trips: Float64Array, departS: number, options = DEFAULT_JOURNEY): PatternLoads {
  const tt = router.tt;
  const n = zones.length;
  const S = router.stops;
  const riders = new Float64Array(tt.patternCount);
  const hopLoad = new Float64Array(tt.patternStops.length);
  const egress = zones.map((z) => stopsNear(tt, z, options.accessRadiusM));
  let busRiders = 0;
  for (let o = 0; o < n; o++) {
    let any = false;
    for (let d = 0; d < n && !any; d++) any = trips[o * n + d] > 0;
    if (!any) continue;
    runFrom(router, zones[o], departS, options);
    for (let d = 0; d < n; d++) {
      const q = trips[o * n + d];
      if (!(q > 0)) continue;
      const walkAll = departS + walkSeconds(tt, haversineM(zones[o].lon, zones[o].lat, zones[d].lon, zones[d].lat));
      let bestArr = NONE;
      let k = -1;
      let s = -1;
      for (let r = 0; r <= router.maxRounds; r++) {
        for (const { stop, walkS } of egress[d]) {
          const a = router.tau[r * S + stop];
          if (a !== NONE && a + walkS < bestArr) [bestArr, k, s] = [a + walkS, r, stop];
        }
      }
      if (k <= 0 || walkAll <= bestArr) continue;
      busRiders += q;
      let vehicleNext = false;
      while (k >= 0) {
        const at = k * S + s;
        const kind = vehicleNext ? (k === 0 ? Label.Access : Label.Vehicle) : router.kind[at];
        vehicleNext = false;
        if (kind === Label.Inherited) {
          k--;
          continue;
        }
        if (kind === Label.Access) break;
        if (kind === Label.Foot) {
          s = router.footFrom[at];
          vehicleNext = true;
          continue;
        }
        const p = router.vPattern[at];
        const b = router.vBoard[at];
        const a = router.vAlight[at];
        riders[p] += q;
        const first = tt.patternStopStart[p];
        for (let i = b; i < a; i++) hopLoad[first + i] += q;
        s = tt.patternStops[first + b];
        k--;
      }
    }
  }
  return { riders, hopLoad, busRiders };
}
