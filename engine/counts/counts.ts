/**
 * Observed traffic counts as data. A counts file (CSV, read by read-counts.ts) lists stations
 * and, per station, the vehicles counted in periods of the day; match-stations.ts places each
 * station on the links of a network; fit.ts compares counted with modelled flows (GEH, RMSE,
 * R²). The same matched stations serve validation now and a calibration (ODME) later: a match
 * names the edge indices whose flows add up to what the station counts.
 *
 * This folder: counts.ts (the types), read-counts.ts (the CSV format), match-stations.ts,
 * observations.ts (a period's counts with their edges, in typed arrays for validation and
 * calibration), fit.ts (GEH and the fit statistics), validate-flows.ts (a run against counts),
 * write-counts.ts (back to CSV), antt-volumes.ts and place-plazas.ts (the ANTT toll plazas).
 * Terms: a *station* is one counting site; a *count* is one row: a station, a period
 * [startS, endS) in seconds after midnight, and the vehicles counted in it (a number of
 * vehicles, not a rate). Units: WGS84 lon/lat, degrees of compass bearing (0 north, 90 east).
 */

/**
 * Which traffic a station counts: both directions of the road (summed), the direction of travel
 * closest to a compass bearing, or along / against the drawing direction of its OSM way.
 */
export type StationDirection = { kind: 'both' } | { kind: 'bearing'; degrees: number } | { kind: 'way'; reverse: boolean };

export interface CountStation {
  id: string;
  name: string;
  /** Position; NaN when the station is given by its way only. */
  lon: number;
  lat: number;
  /** OSM way id (negative: a generated road of a stand-in); NaN when not given. */
  way: number;
  direction: StationDirection;
  /** OSM highway class recorded with the station (e.g. "primary"), or null. */
  highway: string | null;
  /** Lanes recorded with the station, or null. */
  lanes: number | null;
  /** Free text carried to reports, e.g. that the position is approximate. */
  note: string;
  /** Line of the file where the station first appears. */
  line: number;
}

export interface Count {
  /** Index into Counts.stations. */
  station: number;
  startS: number;
  endS: number;
  /** Vehicles counted in [startS, endS). */
  vehicles: number;
  /** Vehicles per class, in the order of Counts.classes; NaN where the file left it empty. */
  classes: Float64Array;
  line: number;
}

export interface Counts {
  file: string;
  stations: CountStation[];
  counts: Count[];
  /** Names of the optional class columns, in file order. */
  classes: string[];
}

/** "07:00" for 25200 s; "24:00" for the end of the day. */
export function clockOf(seconds: number): string {
  const m = Math.round(seconds / 60);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** A station's direction as text: "both", a bearing "90°", "forward" or "backward". */
export function directionText(d: StationDirection): string {
  if (d.kind === 'both') return 'both';
  if (d.kind === 'bearing') return `${d.degrees}°`;
  return d.reverse ? 'backward' : 'forward';
}
