/**
 * Time of day: the analysis periods and the 24-hour departure profiles.
 *
 * Terms: times are seconds after midnight of the modelled day; a profile is 24 hourly shares
 * summing to 1 (hour h covers [h·3600, (h+1)·3600)). Periods are windows [startS, endS); the
 * peak periods are one hour long, so their matrices read as vehicles per hour.
 */

export type PeriodId = 'am-peak' | 'midday' | 'pm-peak' | 'day';

export interface Period {
  id: PeriodId;
  startS: number;
  endS: number;
  /**
   * Link capacities are multiplied by this in the period's static assignment (default 1: an
   * hour's flow against an hour's capacity). The day's trips load the network at once, so the
   * day is assigned against its peak hour's equivalent: capacity × 1/K, K the share of the day's
   * traffic in the design hour.
   */
  capacityFactor?: number;
}

/** The 07:00 and 18:00 hours are the OD 2017 morning and evening peak hours (sources.ts). */
export const PERIODS: readonly Period[] = [
  { id: 'am-peak', startS: 7 * 3600, endS: 8 * 3600 },
  { id: 'midday', startS: 12 * 3600, endS: 13 * 3600 },
  { id: 'pm-peak', startS: 18 * 3600, endS: 19 * 3600 },
  // The day also holds late trips that spill past midnight (an event ending at 23:00). Its
  // capacity factor is 1/K with K = 0.10, the design-hour share of daily traffic typical of
  // rural and suburban highways (HCM 6th edition, TRB 2016: K factors of about 0.09–0.10).
  { id: 'day', startS: 0, endS: 48 * 3600, capacityFactor: 10 },
];

export function isPeriodId(id: string): id is PeriodId {
  return PERIODS.some((p) => p.id === id);
}

/** Share of a profile's departures inside [startS, endS), departures spread evenly within each hour. */
export function profileShare(profile: Float64Array, startS: number, endS: number): number {
  let s = 0;
  for (let h = 0; h < 24; h++) {
    const a = Math.max(startS, h * 3600);
    const b = Math.min(endS, (h + 1) * 3600);
    if (b > a) s += (profile[h] * (b - a)) / 3600;
  }
  return s;
}

/** A departure second drawn from the profile (hour by its share, uniform within the hour). */
export function sampleDeparture(cumulative: Float64Array, rand: () => number): number {
  const u = rand() * cumulative[23];
  let h = 0;
  while (h < 23 && cumulative[h] <= u) h++;
  return Math.floor((h + rand()) * 3600);
}

/** Running sums of a profile, for sampleDeparture. */
export function cumulativeProfile(profile: Float64Array): Float64Array {
  const c = new Float64Array(24);
  let s = 0;
  for (let h = 0; h < 24; h++) c[h] = s += profile[h];
  return c;
}
