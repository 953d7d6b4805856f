/**
 * Buses where a city has no bus feed (the synthetic stand-ins): a stand-in bus on every zone
 * pair, door to door in `accessWaitS` (walking to and from the stop and waiting) plus the car's
 * congested time × `slowdown` (stops, detours, transfers). Model assumptions, labelled as such
 * wherever a result uses them. The slowdown 2.0 follows the one published comparison at hand:
 * Cuiabá's BRT express is to run Terminal Coxipó–Centro and back in 42 min against 1 h 27 by
 * today's bus (data/mt/published-figures.csv), today's bus taking 2.07 times as long as a BRT
 * that runs about at car speed; 10 minutes of access and wait is a round planning figure. Not
 * a timetable: no line, no route, no riders per line.
 */
export const BACKGROUND_BUS = { accessWaitS: 600, slowdown: 2.0 } as const;

/** Door-to-door seconds of the stand-in bus per pair from the car times (NaN stays NaN). */
export function backgroundBusSeconds(carS: ArrayLike<number>, out = new Float64Array(carS.length), p: { accessWaitS: number; slowdown: number } = BACKGROUND_BUS): Float64Array {
  for (let i = 0; i < carS.length; i++) out[i] = p.accessWaitS + p.slowdown * carS[i];
  return out;
}
