/**
 * Trip generation for commuters: productions (home-to-work vehicle trips leaving each zone per
 * weekday) from the resident population, attractions from the jobs, scaled so both total the
 * same (the doubly constrained gravity model needs it). Also the zone-to-zone distance matrix
 * the deterrence function reads.
 *
 * rate = workTripsPerResident × vehicleTripsPerPersonTrip × scale (see data/demand/parameters.json).
 */
import { cellArea } from 'h3-js';
import { haversineM } from '../spatial/geo.ts';
import type { DemandParameters } from './parameters.ts';
import { ZoneKind, type Zones } from './zones.ts';

export interface Generation {
  /** Home-to-work vehicle trips produced by each zone per day. */
  productions: Float64Array;
  /** Home-to-work vehicle trips attracted by each zone per day (same total). */
  attractions: Float64Array;
  total: number;
  /** Person trips behind `total` (before the vehicle share). */
  personTrips: number;
}

export function generateCommute(zones: Zones, p: DemandParameters, scale: number): Generation {
  const rate = p.workTripsPerResident * p.vehicleTripsPerPersonTrip * scale;
  const n = zones.count;
  const productions = new Float64Array(n);
  let total = 0;
  let jobs = 0;
  for (let z = 0; z < n; z++) {
    if (zones.kind[z] !== ZoneKind.Cell) continue;
    productions[z] = zones.population[z] * rate;
    total += productions[z];
    jobs += zones.jobs[z];
  }
  const attractions = new Float64Array(n);
  // Zones with jobs but no residents still attract; with no jobs anywhere, work stays home-zone.
  for (let z = 0; z < n; z++) {
    if (zones.kind[z] !== ZoneKind.Cell) continue;
    attractions[z] = jobs > 0 ? (zones.jobs[z] * total) / jobs : productions[z];
  }
  const personRate = p.workTripsPerResident * scale;
  let personTrips = 0;
  for (let z = 0; z < n; z++) if (zones.kind[z] === ZoneKind.Cell) personTrips += zones.population[z] * personRate;
  return { productions, attractions, total, personTrips };
}

/**
 * Dense n × n zone-to-zone distances in km: the straight line between the zones' graph nodes
 * times the detour factor; within a zone, the mean distance from the centre of a disc of the
 * cell's area to a point in it (2/3 of its radius), times the detour factor.
 */
export function zoneDistanceKm(zones: Zones, detourFactor: number): Float64Array {
  const n = zones.count;
  const d = new Float64Array(n * n);
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  for (let z = 0; z < n; z++) {
    lon[z] = zones.lon[z];
    lat[z] = zones.lat[z];
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const km = (haversineM(lon[i], lat[i], lon[j], lat[j]) / 1000) * detourFactor;
      d[i * n + j] = km;
      d[j * n + i] = km;
    }
    d[i * n + i] = zones.kind[i] === ZoneKind.Cell ? ((2 / 3) * Math.sqrt(cellArea(zones.id[i], 'km2') / Math.PI)) * detourFactor : 0;
  }
  return d;
}
