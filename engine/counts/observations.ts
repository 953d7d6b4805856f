/**
 * Observations: the counts of matched stations that a run of one period can be compared with,
 * as typed arrays for methods that loop over them many times (validation now, an OD matrix
 * estimation later). Observation i is count `count[i]` of station `station[i]`; its modelled
 * value is the sum of the flows on edges `edges[edgeStart[i] .. edgeStart[i + 1] - 1]` (one
 * direction, or both), compared at the hourly rate `observedVph[i]`.
 *
 * Which counts fit a period: those inside its window — for a peak hour the counts of that hour
 * or of parts of it; for the 'day' period only counts spanning a whole day, since a day's flow
 * says nothing of one hour. The others are counted in `outsidePeriod`, and the counts of
 * stations without a link in `ofUnmatched`, never silently left out.
 */
import type { PeriodId } from '../demand/time-of-day.ts';
import type { Counts } from './counts.ts';
import type { StationMatches } from './match-stations.ts';

export interface ObservationPeriod {
  id: PeriodId | string;
  startS: number;
  endS: number;
  /** Hours the run's flow column covers: 1 for the peaks (veh/h), 24 for the day (veh/day). */
  hours: number;
}

export interface Observations {
  period: ObservationPeriod;
  count: number;
  /** Per observation: index into Counts.stations and Counts.counts. */
  station: Uint32Array;
  countIndex: Uint32Array;
  /** Vehicles counted per hour, and the hours the count covers. */
  observedVph: Float64Array;
  hours: Float64Array;
  /** CSR: the edges of observation i are edges[edgeStart[i] .. edgeStart[i + 1] - 1]. */
  edgeStart: Uint32Array;
  edges: Uint32Array;
  outsidePeriod: number;
  ofUnmatched: number;
}

/** The window and flow unit of a run's period, from its id and the periods of the demand model. */
export function observationPeriod(id: string, periods: readonly { id: string; startS: number; endS: number }[]): ObservationPeriod {
  const p = periods.find((x) => x.id === id);
  if (!p) throw new RangeError(`observationPeriod: unknown period "${id}"`);
  return id === 'day' ? { id, startS: 0, endS: 24 * 3600, hours: 24 } : { id, startS: p.startS, endS: p.endS, hours: (p.endS - p.startS) / 3600 };
}

export function observations(counts: Counts, matches: StationMatches, period: ObservationPeriod): Observations {
  const edgesOf = new Map<number, number[]>(matches.matched.map((m) => [m.station, m.edges]));
  const picked: number[] = [];
  let outsidePeriod = 0;
  let ofUnmatched = 0;
  let edgeTotal = 0;
  counts.counts.forEach((c, k) => {
    const edges = edgesOf.get(c.station);
    if (edges === undefined) ofUnmatched++;
    else if (c.startS >= period.startS && c.endS <= period.endS && (period.id !== 'day' || c.endS - c.startS === 24 * 3600)) {
      picked.push(k);
      edgeTotal += edges.length;
    } else outsidePeriod++;
  });
  const n = picked.length;
  const o: Observations = {
    period,
    count: n,
    station: new Uint32Array(n),
    countIndex: Uint32Array.from(picked),
    observedVph: new Float64Array(n),
    hours: new Float64Array(n),
    edgeStart: new Uint32Array(n + 1),
    edges: new Uint32Array(edgeTotal),
    outsidePeriod,
    ofUnmatched,
  };
  let at = 0;
  picked.forEach((k, i) => {
    const c = counts.counts[k]!;
    o.station[i] = c.station;
    o.hours[i] = (c.endS - c.startS) / 3600;
    o.observedVph[i] = c.vehicles / o.hours[i]!;
    o.edgeStart[i] = at;
    for (const e of edgesOf.get(c.station)!) o.edges[at++] = e;
  });
  o.edgeStart[n] = at;
  return o;
}

/** Modelled hourly rate of each observation from a run's flow column (veh/h, or veh/day for the day period): output first. */
export function modelledVph(out: Float64Array, o: Observations, flow: ArrayLike<number>): Float64Array {
  for (let i = 0; i < o.count; i++) {
    let f = 0;
    for (let k = o.edgeStart[i]!; k < o.edgeStart[i + 1]!; k++) f += flow[o.edges[k]!]!;
    out[i] = f / o.period.hours;
  }
  return out;
}
