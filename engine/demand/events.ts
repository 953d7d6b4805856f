/**
 * Events: a place, an attendance and a time window add vehicle trips to the place before the
 * start and back after the end. Attendees come from the zones in proportion to their
 * population; vehicles = attendance × vehiclesPerAttendee × scale.
 */
import { pointInCityPolygon, type City } from '../city/registry.ts';
import { AgentsBuilder, sampleIndex, stochasticRound, TripKind } from './agents.ts';
import { DemandInputError } from './errors.ts';
import type { DemandParameters } from './parameters.ts';

export interface DemandEvent {
  name: string;
  lon: number;
  lat: number;
  attendance: number;
  /** Seconds after midnight. */
  startS: number;
  endS: number;
}

/** Throws a one-line DemandInputError when the event is malformed or outside the city polygon. */
export function checkEvent(ev: DemandEvent, city: Pick<City, 'name' | 'polygon'>, i: number): void {
  const label = `event ${i} ("${ev.name ?? ''}")`;
  if (!Number.isFinite(ev.lon) || !Number.isFinite(ev.lat) || Math.abs(ev.lon) > 180 || Math.abs(ev.lat) > 90) {
    throw new DemandInputError(`${label}: position is [${ev.lon}, ${ev.lat}], expected [lon, lat] in degrees`);
  }
  if (!pointInCityPolygon([ev.lon, ev.lat], city.polygon)) {
    throw new DemandInputError(`${label}: position [${ev.lon}, ${ev.lat}] is outside ${city.name}, expected a point inside the city polygon`);
  }
  if (!(Number.isFinite(ev.attendance) && ev.attendance >= 0)) throw new DemandInputError(`${label}: attendance is ${ev.attendance}, expected a number ≥ 0`);
  if (!(Number.isFinite(ev.startS) && Number.isFinite(ev.endS) && ev.startS >= 0 && ev.endS >= ev.startS && ev.endS <= 48 * 3600)) {
    throw new DemandInputError(`${label}: window is [${ev.startS}, ${ev.endS}] s, expected 0 ≤ start ≤ end ≤ 172800 seconds after midnight`);
  }
}

/** Adds the event's arrival and departure trips; returns the number of attendee vehicles. */
export function addEventTrips(
  out: AgentsBuilder,
  ev: DemandEvent,
  place: { zone: number; node: number },
  originCum: Float64Array,
  originNode: Uint32Array,
  p: DemandParameters,
  scale: number,
  rand: () => number,
): number {
  const vehicles = stochasticRound(ev.attendance * p.vehiclesPerAttendee * scale, rand);
  for (let v = 0; v < vehicles; v++) {
    const z = sampleIndex(originCum, rand);
    const chain = out.newChain();
    const arrive = ev.startS - p.arrivalBeforeStartS * rand();
    const leave = ev.endS + p.departureAfterEndS * rand();
    out.add(TripKind.Event, arrive, z, place.zone, originNode[z], place.node, chain, 0);
    out.add(TripKind.Event, leave, place.zone, z, place.node, originNode[z], chain, 1);
  }
  return vehicles;
}
