/**
 * Buses where a city has no bus feed (the synthetic stand-ins): a stand-in bus on every zone
 * pair, door to door in `accessWaitS` (walking to and from the stop and waiting) plus the car's
 * congested time × `slowdown` (stops, detours). Model assumptions, labelled as such wherever a
 * result uses them: 10 minutes and 1.6, the order of Brazilian city buses' 15–20 km/h commercial
 * speed against cars' 25–35 km/h in traffic. Not a timetable: no line, no route, no riders per line.
 */
export const BACKGROUND_BUS = { accessWaitS: 600, slowdown: 1.6 } as const;

/** Door-to-door seconds of the stand-in bus per pair from the car times (NaN stays NaN). */
export function backgroundBusSeconds(carS: ArrayLike<number>, out = new Float64Array(carS.length), p = BACKGROUND_BUS): Float64Array {
  for (let i = 0; i < carS.length; i++) out[i] = p.accessWaitS + p.slowdown * carS[i];
  return out;
}
