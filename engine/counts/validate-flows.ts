/**
 * Validation of one run's link flows against counts: each count of a matched station that
 * falls in the run's period is compared with the flow on the station's links (GEH, fit.ts).
 *
 * Which counts a run can be compared with: those inside its period's window — for a peak hour
 * (07:00–08:00) the counts of that hour, or of parts of it; for the 'day' period only counts
 * that span a whole day, since a day's flow says nothing of one hour. The others are counted
 * in `outsidePeriod`, never silently left out. A static run's flows are uniform over its
 * period, so a count of part of the hour is compared at the same hourly rate.
 */
import type { PeriodId } from '../demand/time-of-day.ts';
import type { Counts } from './counts.ts';
import { fitStats, geh, type FitStats } from './fit.ts';
import type { StationMatches } from './match-stations.ts';

export interface ValidationPeriod {
  id: PeriodId | string;
  startS: number;
  endS: number;
  /** Hours the run's flow column covers: 1 for the peaks (veh/h), 24 for the day (veh/day). */
  hours: number;
}

export interface ValidationRow {
  /** Indices into Counts.stations and Counts.counts. */
  station: number;
  count: number;
  /** Hourly rates, veh/h. */
  countedVph: number;
  modelledVph: number;
  geh: number;
  /** Vehicles over the count's own period. */
  countedVehicles: number;
  modelledVehicles: number;
}

export interface Validation {
  period: ValidationPeriod;
  stations: number;
  matched: number;
  rows: ValidationRow[];
  /** Counts of matched stations outside the run's period. */
  outsidePeriod: number;
  /** Counts of stations that found no link. */
  ofUnmatched: number;
  fit: FitStats;
  countTotal: number;
  modelTotal: number;
}

/** The window and flow unit of a run's period, from its id and the periods of the demand model. */
export function validationPeriod(id: string, periods: readonly { id: string; startS: number; endS: number }[]): ValidationPeriod {
  const p = periods.find((x) => x.id === id);
  if (!p) throw new RangeError(`validationPeriod: unknown period "${id}"`);
  return id === 'day' ? { id, startS: 0, endS: 24 * 3600, hours: 24 } : { id, startS: p.startS, endS: p.endS, hours: (p.endS - p.startS) / 3600 };
}

export function validateFlows(counts: Counts, matches: StationMatches, flow: ArrayLike<number>, period: ValidationPeriod): Validation {
  const edgesOf = new Map<number, number[]>(matches.matched.map((m) => [m.station, m.edges]));
  const rows: ValidationRow[] = [];
  let outsidePeriod = 0;
  let ofUnmatched = 0;
  counts.counts.forEach((c, k) => {
    const edges = edgesOf.get(c.station);
    if (edges === undefined) {
      ofUnmatched++;
      return;
    }
    const inside = c.startS >= period.startS && c.endS <= period.endS && (period.id !== 'day' || c.endS - c.startS === 24 * 3600);
    if (!inside) {
      outsidePeriod++;
      return;
    }
    const hours = (c.endS - c.startS) / 3600;
    let f = 0;
    for (const e of edges) f += flow[e]!;
    const modelledVph = f / period.hours;
    const countedVph = c.vehicles / hours;
    rows.push({ station: c.station, count: k, countedVph, modelledVph, geh: geh(modelledVph, countedVph), countedVehicles: c.vehicles, modelledVehicles: modelledVph * hours });
  });
  return {
    period,
    stations: counts.stations.length,
    matched: matches.matched.length,
    rows,
    outsidePeriod,
    ofUnmatched,
    fit: fitStats(
      rows.map((r) => r.modelledVph),
      rows.map((r) => r.countedVph),
    ),
    countTotal: rows.reduce((s, r) => s + r.countedVehicles, 0),
    modelTotal: rows.reduce((s, r) => s + r.modelledVehicles, 0),
  };
}
