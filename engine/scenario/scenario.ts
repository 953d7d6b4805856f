/**
 * Scenarios: what a planner asks — a city, a demand period and a list of interventions — as
 * data. A scenario file is JSON of this shape (published as scenarios/scenario.schema.json);
 * interventions name streets by OSM way id (stable across re-imports; negative ids are the
 * generated roads of a synthetic stand-in network) or by name (`street`, resolved to the way ids
 * of the city's graph by streets.ts before anything is applied; `ways` is empty until then).
 *
 * Terms: clock times are "HH:MM" (24 h) of the modelled day; positions are [lon, lat] WGS84.
 */
import type { AssignmentMethod } from '../assignment/result.ts';
import type { PeriodId } from '../demand/time-of-day.ts';

export type ClockTime = string;
export type LonLat = [number, number];

export interface Scenario {
  city: string;
  name: string;
  description?: string;
  model: 'static' | 'dynamic';
  period: PeriodId;
  seed: number;
  /**
   * `external`: add external and through traffic at the highway gateways (engine/demand/external.ts), or at the cordon gateways of an OSM extract in a city with none (app/cordon-gateways.ts); off by default.
   * `calibration`: a calibration file of `gemeo calibrate` (relative to the scenario file) whose OD cell factors multiply the demand.
   */
  demand: { scale: number; tourists: boolean; month?: number; external?: boolean; calibration?: string };
  /** Optional overrides of the assignment defaults (Algorithm B to relative gap 1e-4). */
  assignment?: { method?: AssignmentMethod; gap?: number; maxIter?: number };
  /**
   * Dynamic model only: the dynamic-equilibrium loop — at most `reroute` iterations after the first
   * queue-model run, stopping once the relative gap of all vehicles is at most `gap` (default 0.02);
   * `scheme` 'capacity' (default: as 'swap', each drawn vehicle checked against the queue the
   * movers before it add), 'swap' (vehicles move to their best path in proportion to their
   * excess time, step `step`/√k) or 'sample' (a `share` of all vehicles moves each iteration).
   */
  dynamic?: { reroute?: number; share?: number; gap?: number; scheme?: 'capacity' | 'swap' | 'sample'; step?: number };
  /**
   * Transit modelling (engine/transit/): buses preloaded on the links, bus run times, zone transit
   * times and the car–bus–walk mode choice; `rounds` of mode choice and assignment (default 2).
   * Off when absent, so runs without it keep their results and cache keys.
   */
  transit?: { rounds?: number };
  interventions: Intervention[];
}

/** Every intervention may carry a `note`: what the way ids are, for the people who read the file. */
export type Intervention = InterventionBody & { note?: string };

/** The ways an intervention acts on: way ids, or a street name that resolves to them. */
type OnWays = { ways: number[]; street?: string };

type InterventionBody =
  | ({ type: 'close'; from?: ClockTime; to?: ClockTime } & OnWays)
  | ({ type: 'lanes'; lanes: number } & OnWays)
  | ({ type: 'speed'; kmh: number } & OnWays)
  | ({ type: 'capacity'; factor: number } & OnWays)
  | ({ type: 'bus-lane' } & OnWays)
  | ({ type: 'reverse' } & OnWays)
  | ({ type: 'toll'; brl: number } & OnWays)
  | { type: 'add-link'; from: LonLat; to: LonLat; class: string; lanes: number; kmh?: number; oneway?: boolean; name?: string }
  | { type: 'close-area'; polygon: LonLat[]; from?: ClockTime; to?: ClockTime }
  | { type: 'event'; at: LonLat; attendance: number; from: ClockTime; to: ClockTime; name?: string }
  | TransitLine;

/**
 * A new bus line (a BRT, say): stops as points in running order, or as way ids (a stop at the
 * middle of each way, in the order given); a bus every `headwayMin` minutes each way at a
 * running speed of `kmh` between stops (plus the dwell at each stop); `dedicated` (default true):
 * its own right of way, so traffic neither slows it nor is slowed by it.
 */
export interface TransitLine {
  type: 'transit-line';
  name: string;
  stops?: LonLat[];
  ways?: number[];
  headwayMin: number;
  kmh: number;
  dedicated?: boolean;
}

export type InterventionType = Intervention['type'];

export const INTERVENTION_TYPES: readonly InterventionType[] = [
  'close',
  'lanes',
  'speed',
  'capacity',
  'bus-lane',
  'reverse',
  'toll',
  'add-link',
  'close-area',
  'event',
  'transit-line',
];

/** A scenario file that breaks a rule: one line naming the file and the field. */
export class ScenarioError extends Error {
  override name = 'ScenarioError';
}
