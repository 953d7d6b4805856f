/**
 * External and through traffic at highway gateways: the vehicles that enter the modelled
 * network at a gateway (gateways.ts) and either cross it to another gateway (through) or end
 * inside it (external–internal), and those that start inside and leave (internal–external), by
 * class: cars (motorcycles included) and trucks, each its own trip kind.
 *
 * Per class c and gateway g, from the daily volumes entering In(g) and leaving Out(g):
 *   through g→h (h ≠ g) = share_c · In(g) · Out(h) / Σ_{k≠g} Out(k)
 *   external→internal at g = In(g) − Σ_h through(g→h), to internal zones in proportion to jobs
 *   internal→external at h = max(0, Out(h) − Σ_g through(g→h)), from zones by population
 * Departures follow the class's 24-hour profile. Trip counts are drawn by stochastic rounding
 * from the seeded generator, so they are fixed by the seed. The through shares and profiles
 * are model assumptions (data/demand/external.json), to be replaced by a calibration.
 */
import { readFileSync } from 'node:fs';
import { TripKind, sampleIndex, stochasticRound, type AgentsBuilder } from './agents.ts';
import { DemandInputError } from './errors.ts';
import { cumulativeProfile, sampleDeparture } from './time-of-day.ts';
import { ZoneKind, type Zones } from './zones.ts';

export const DEFAULT_EXTERNAL_FILE = new URL('../../data/demand/external.json', import.meta.url);

/** Vehicles per day entering the network at a gateway zone and leaving it, by class. */
export interface GatewayVolume {
  /** The gateway's zone (a ZoneKind.Gateway zone). */
  zone: number;
  inCars: number;
  inTrucks: number;
  outCars: number;
  outTrucks: number;
}

export interface ExternalParameters {
  throughShare: { cars: number; trucks: number };
  /** Passenger-car equivalent of a truck in the assignment (engine/assignment/vehicle-classes.ts). */
  pce: { trucks: number };
  /** 24 hourly shares of each class's daily traffic (normalised on load). */
  profile: { cars: Float64Array; trucks: Float64Array };
}

export interface ExternalSummary {
  gateways: number;
  through: number;
  inbound: number;
  outbound: number;
  trucks: number;
}

export function loadExternalParameters(file: URL | string = DEFAULT_EXTERNAL_FILE): ExternalParameters {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { throughShare: { cars: number; trucks: number }; pce?: { trucks: number }; profile: { cars: number[]; trucks: number[] } };
  const profile = (name: 'cars' | 'trucks') => {
    const p = raw.profile?.[name];
    if (!Array.isArray(p) || p.length !== 24 || p.some((x) => !(x >= 0))) throw new DemandInputError(`${String(file)}: profile.${name} — expected 24 hourly shares ≥ 0`);
    const sum = p.reduce((a, b) => a + b, 0);
    return Float64Array.from(p, (x) => x / sum);
  };
  for (const c of ['cars', 'trucks'] as const) {
    const s = raw.throughShare?.[c];
    if (!(typeof s === 'number' && s >= 0 && s <= 1)) throw new DemandInputError(`${String(file)}: throughShare.${c} — expected a share from 0 to 1`);
  }
  const pce = raw.pce?.trucks ?? 1;
  if (!(typeof pce === 'number' && pce >= 1 && pce <= 10)) throw new DemandInputError(`${String(file)}: pce.trucks — expected a passenger-car equivalent from 1 to 10`);
  return { throughShare: raw.throughShare, pce: { trucks: pce }, profile: { cars: profile('cars'), trucks: profile('trucks') } };
}

export function addExternalTrips(out: AgentsBuilder, zones: Zones, volumes: GatewayVolume[], p: ExternalParameters, scale: number, rand: () => number): ExternalSummary {
  const jobsCum = cumulative(zones, zones.jobs);
  const popCum = cumulative(zones, zones.population);
  const summary: ExternalSummary = { gateways: volumes.length, through: 0, inbound: 0, outbound: 0, trucks: 0 };
  for (const cls of ['cars', 'trucks'] as const) {
    const kind = cls === 'cars' ? TripKind.External : TripKind.Truck;
    const dep = cumulativeProfile(p.profile[cls]);
    const inOf = (v: GatewayVolume) => (cls === 'cars' ? v.inCars : v.inTrucks) * scale;
    const outOf = (v: GatewayVolume) => (cls === 'cars' ? v.outCars : v.outTrucks) * scale;
    const arriving = new Float64Array(volumes.length);
    const trip = (n: number, oz: number, dz: number) => {
      for (let k = 0; k < n; k++) out.add(kind, sampleDeparture(dep, rand), oz, dz, zones.node[oz]!, zones.node[dz]!, out.newChain(), 0);
      if (cls === 'trucks') summary.trucks += n;
      return n;
    };
    volumes.forEach((g, i) => {
      const others = volumes.reduce((s, h, j) => s + (j === i ? 0 : outOf(h)), 0);
      let through = 0;
      volumes.forEach((h, j) => {
        if (j === i || others <= 0) return;
        const t = (p.throughShare[cls] * inOf(g) * outOf(h)) / others;
        arriving[j] += t;
        through += t;
        summary.through += trip(stochasticRound(t, rand), g.zone, h.zone);
      });
      const inbound = stochasticRound(Math.max(0, inOf(g) - through), rand);
      if (jobsCum.total > 0) for (let k = 0; k < inbound; k++) summary.inbound += trip(1, g.zone, jobsCum.zones[sampleIndex(jobsCum.cum, rand)]!);
    });
    volumes.forEach((h, j) => {
      const outbound = stochasticRound(Math.max(0, outOf(h) - arriving[j]!), rand);
      if (popCum.total > 0) for (let k = 0; k < outbound; k++) summary.outbound += trip(1, popCum.zones[sampleIndex(popCum.cum, rand)]!, h.zone);
    });
  }
  return summary;
}

/** Running sums of a weight over the internal (cell) zones, for drawing a zone in proportion to it. */
function cumulative(zones: Zones, weight: Float64Array): { zones: Uint32Array; cum: Float64Array; total: number } {
  const ids: number[] = [];
  for (let z = 0; z < zones.count; z++) if (zones.kind[z] === ZoneKind.Cell && weight[z]! > 0) ids.push(z);
  const cum = new Float64Array(ids.length);
  let s = 0;
  ids.forEach((z, k) => (cum[k] = s += weight[z]!));
  return { zones: Uint32Array.from(ids), cum, total: s };
}
