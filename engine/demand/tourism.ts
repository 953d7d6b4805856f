/**
 * Tourist flows: visitors per day from the Ministry of Tourism estimates (registry) and the
 * published attraction counts (tourism.json), with monthly seasonality; tours as chains
 * lodging → 1–3 attractions → lodging inside time windows; regional trips between the hub
 * (Cuiabá) and the tourism towns through gateway zones.
 *
 * Terms: a *party* is one vehicle (visitors × vehiclesPerVisitor); a *stop* is an attraction
 * with its zone and road node. Volumes: a month's visitors are perYear × factor / 12, spread
 * evenly over its days, so the 12 months add back to the cited yearly figure exactly.
 */
import type { City } from '../city/registry.ts';
import { AgentsBuilder, sampleIndex, stochasticRound, TripKind } from './agents.ts';
import type { DemandParameters, TourismData } from './parameters.ts';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Assumed door-to-door speed between tour stops, km/h (for the next leg's departure time). */
const TOUR_SPEED_KMH = 40;
/** Day trips leave the attractions between 16:00 and 18:00 (the park closes at 16:00). */
const DAY_TRIP_RETURN_S: [number, number] = [16 * 3600, 18 * 3600];

export interface TouristVolume {
  visitorsPerYear: number;
  visitorsPerDay: number;
  /** Seasonal factor applied (1 without a month or without monthly data). */
  factor: number;
  /** Source ids behind the figure. */
  sources: string[];
}

/** Visitors a day in `city` (in `month` 1–12, or an average day). */
export function touristVolume(city: Pick<City, 'slug' | 'tourism'>, data: TourismData, month?: number): TouristVolume {
  const sources: string[] = [];
  let perYear = 0;
  if (city.tourism) {
    perYear = city.tourism.domesticVisitors + city.tourism.internationalVisitors;
    sources.push('mtur-categorizacao');
  }
  for (const v of data.attractionVolumes) {
    // Lodged visitors also visit the attraction, so the larger figure is the city's visitors.
    if (v.slug === city.slug && v.visitorsPerYear > perYear) {
      perYear = v.visitorsPerYear;
      sources.push('chapada-park-2025');
    }
  }
  const season = data.seasonality.get(city.slug);
  if (month === undefined) return { visitorsPerYear: perYear, visitorsPerDay: perYear / 365, factor: 1, sources };
  const factor = season ? season.factors[month - 1] : 1;
  if (season) sources.push('chapada-park-monthly');
  return { visitorsPerYear: perYear, visitorsPerDay: (perYear * factor) / 12 / DAYS_IN_MONTH[month - 1], factor, sources };
}

/** Regional day-trip parties a day between the hub and `dest`: visitors not lodged there, or all of them. */
export function regionalVisitorsPerDay(dest: Pick<City, 'slug' | 'tourism'>, data: TourismData, month?: number): number {
  const all = touristVolume(dest, data, month);
  const lodged = dest.tourism ? dest.tourism.domesticVisitors + dest.tourism.internationalVisitors : 0;
  // A published attraction count above the lodging figure means day visitors make up the rest.
  const dayShare = all.visitorsPerYear > lodged && lodged > 0 ? (all.visitorsPerYear - lodged) / all.visitorsPerYear : 1;
  return all.visitorsPerDay * dayShare;
}

export interface Place {
  zone: number;
  node: number;
  lon: number;
  lat: number;
}

export interface TourPlan {
  parties: number;
  /** Where tours start and end, with weights. */
  bases: Place[];
  baseWeights: Float64Array;
  stops: Place[];
  stopWeights: Float64Array;
  /** Zone-to-zone distance, km. */
  distKm: (a: Place, b: Place) => number;
  /** A day trip returns between 16:00 and 18:00 from its last stop instead of after the dwell. */
  returnWindow?: [number, number];
}

/** Adds `plan.parties` tours (expected value; stochastic rounding) to `out`; returns the number of tours. */
export function addTours(out: AgentsBuilder, plan: TourPlan, p: DemandParameters, rand: () => number): number {
  if (plan.stops.length === 0 || plan.bases.length === 0) return 0;
  const tours = stochasticRound(plan.parties, rand);
  const baseCum = cumulative(plan.baseWeights);
  const chosen = new Uint8Array(plan.stops.length);
  const picks: number[] = [];
  const maxStops = Math.min(3, plan.stops.length);
  for (let t = 0; t < tours; t++) {
    const base = plan.bases[sampleIndex(baseCum, rand)];
    const k = 1 + Math.floor(rand() * maxStops);
    chosen.fill(0);
    picks.length = 0;
    for (let s = 0; s < k; s++) picks.push(pickStop(plan.stopWeights, chosen, rand));
    const chain = out.newChain();
    let clock = (p.tourStartHour[0] + rand() * (p.tourStartHour[1] - p.tourStartHour[0])) * 3600;
    let here = base;
    for (let s = 0; s <= k; s++) {
      const next = s < k ? plan.stops[picks[s]] : base;
      if (s === k && plan.returnWindow) clock = Math.max(clock, plan.returnWindow[0] + rand() * (plan.returnWindow[1] - plan.returnWindow[0]));
      out.add(TripKind.Tourist, clock, here.zone, next.zone, here.node, next.node, chain, s);
      const travelS = (plan.distKm(here, next) / TOUR_SPEED_KMH) * 3600;
      clock += travelS + (p.dwellMinutes[0] + rand() * (p.dwellMinutes[1] - p.dwellMinutes[0])) * 60;
      here = next;
    }
  }
  return tours;
}

/** Regional trips: `parties` go from the bases to `far` in the tour start window and come back 16:00–18:00. */
export function addRegionalTrips(out: AgentsBuilder, parties: number, bases: Place[], baseWeights: Float64Array, far: Place, outbound: boolean, p: DemandParameters, rand: () => number): number {
  const n = stochasticRound(parties, rand);
  const cum = cumulative(baseWeights);
  for (let t = 0; t < n; t++) {
    const base = bases[sampleIndex(cum, rand)];
    const chain = out.newChain();
    const leave = (p.tourStartHour[0] + rand() * (p.tourStartHour[1] - p.tourStartHour[0])) * 3600;
    const back = DAY_TRIP_RETURN_S[0] + rand() * (DAY_TRIP_RETURN_S[1] - DAY_TRIP_RETURN_S[0]);
    if (outbound) {
      out.add(TripKind.Tourist, leave, base.zone, far.zone, base.node, far.node, chain, 0);
      out.add(TripKind.Tourist, back, far.zone, base.zone, far.node, base.node, chain, 1);
    } else {
      out.add(TripKind.Tourist, leave, far.zone, base.zone, far.node, base.node, chain, 0);
      out.add(TripKind.Tourist, back, base.zone, far.zone, base.node, far.node, chain, 1);
    }
  }
  return n;
}

export const DAY_TRIP_WINDOW = DAY_TRIP_RETURN_S;

function cumulative(w: Float64Array): Float64Array {
  const c = new Float64Array(w.length);
  let s = 0;
  for (let i = 0; i < w.length; i++) c[i] = s += w[i];
  return c;
}

/** A stop not yet chosen, in proportion to its weight. */
function pickStop(weights: Float64Array, chosen: Uint8Array, rand: () => number): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) if (!chosen[i]) total += weights[i];
  let u = rand() * total;
  let last = -1;
  for (let i = 0; i < weights.length; i++) {
    if (chosen[i]) continue;
    last = i;
    u -= weights[i];
    if (u < 0) break;
  }
  chosen[last] = 1;
  return last;
}
