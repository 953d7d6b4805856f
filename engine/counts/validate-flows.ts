/**
 * Validation of one run's link flows against counts: each observation of the run's period
 * (observations.ts) is compared with the flow on its station's links by GEH (fit.ts). A static
 * run's flows are uniform over its period, so a count of part of the hour is compared at the
 * same hourly rate.
 */
import type { Counts } from './counts.ts';
import { fitStats, geh, type FitStats } from './fit.ts';
import type { StationMatches } from './match-stations.ts';
import { modelledVph, observations, type ObservationPeriod } from './observations.ts';

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
  period: ObservationPeriod;
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

export function validateFlows(counts: Counts, matches: StationMatches, flow: ArrayLike<number>, period: ObservationPeriod): Validation {
  const o = observations(counts, matches, period);
  const model = modelledVph(new Float64Array(o.count), o, flow);
  const rows: ValidationRow[] = [];
  for (let i = 0; i < o.count; i++) {
    const c = o.observedVph[i]!;
    const m = model[i]!;
    rows.push({ station: o.station[i]!, count: o.countIndex[i]!, countedVph: c, modelledVph: m, geh: geh(m, c), countedVehicles: counts.counts[o.countIndex[i]!]!.vehicles, modelledVehicles: m * o.hours[i]! });
  }
  return {
    period,
    stations: counts.stations.length,
    matched: matches.matched.length,
    rows,
    outsidePeriod: o.outsidePeriod,
    ofUnmatched: o.ofUnmatched,
    fit: fitStats(model, o.observedVph),
    countTotal: rows.reduce((s, r) => s + r.countedVehicles, 0),
    modelTotal: rows.reduce((s, r) => s + r.modelledVehicles, 0),
  };
}
