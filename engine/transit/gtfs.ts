/**
 * GTFS reader: a feed's stops, routes, trips with their stop times, shapes, calendars and
 * frequencies, from a .zip or from tables already in memory (tests).
 *
 * Terms: stops, routes and trips are integer ids (positions in the arrays here); their GTFS ids
 * stay beside them. Times are seconds after midnight of the service day (GTFS times may pass
 * 24:00:00). The stop times of trip t are `tripStart[t] .. tripStart[t + 1] - 1`, in stop
 * sequence order. Stop times left empty between timed stops (allowed by GTFS) are interpolated
 * by straight-line distance between the stops. A trip listed in frequencies.txt is a template:
 * it is replaced by one trip per headway in each window, its times shifted, ids `<trip>@HH:MM:SS`.
 * Every error is one line: `file:line: field: expected …, got "…"`.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { haversineM } from '../spatial/geo.ts';
import { parseCsv, type Table } from './csv.ts';
import { GtfsError } from './gtfs-error.ts';
import { readZip } from './zip.ts';

export interface Service {
  /** Monday … Sunday. */
  days: boolean[];
  start: string;
  end: string;
  added: Set<string>;
  removed: Set<string>;
}

export interface GtfsFeed {
  name: string;
  stopId: string[];
  stopName: string[];
  stopLon: Float64Array;
  stopLat: Float64Array;
  routeId: string[];
  routeShortName: string[];
  routeLongName: string[];
  routeType: Uint16Array;
  tripId: string[];
  tripRoute: Uint32Array;
  tripService: string[];
  tripShape: string[];
  tripDirection: Uint8Array;
  tripStart: Uint32Array;
  stStop: Uint32Array;
  stArrival: Int32Array;
  stDeparture: Int32Array;
  services: Map<string, Service>;
  /** Shape id → lon,lat pairs in sequence order. */
  shapes: Map<string, Float64Array>;
  /** Trips made from frequencies.txt templates (0 when the feed has none). */
  frequencyTrips: number;
}

const REQUIRED = ['stops.txt', 'routes.txt', 'trips.txt', 'stop_times.txt'];

/** Reads a GTFS .zip. */
export function readGtfsZip(path: string): GtfsFeed {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new GtfsError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
  const files = new Map<string, string>();
  for (const [name, data] of readZip(bytes, basename(path))) files.set(basename(name), data.toString('utf8'));
  return readGtfs(files, basename(path));
}

/** Reads a feed from its tables' texts, file name → CSV text. */
export function readGtfs(files: Map<string, string>, name = 'feed'): GtfsFeed {
  for (const f of REQUIRED) if (!files.has(f)) throw new GtfsError(`${name}: missing ${f}`);
  if (!files.has('calendar.txt') && !files.has('calendar_dates.txt')) throw new GtfsError(`${name}: missing calendar.txt and calendar_dates.txt, expected at least one`);
  const table = (f: string) => parseCsv(files.get(f)!, f);

  const stops = table('stops.txt');
  stops.require('stop_id', 'stop_lat', 'stop_lon');
  const stopIndex = new Map<string, number>();
  const ns = stops.rows.length;
  const stopLon = new Float64Array(ns);
  const stopLat = new Float64Array(ns);
  const stopId: string[] = [];
  const stopName: string[] = [];
  for (let r = 0; r < ns; r++) {
    const id = stops.text(r, 'stop_id');
    if (stopIndex.has(id)) stops.fail(r, 'stop_id', 'a unique id', id);
    stopIndex.set(id, r);
    stopId.push(id);
    stopName.push(stops.get(r, 'stop_name'));
    stopLat[r] = stops.number(r, 'stop_lat', -90, 90);
    stopLon[r] = stops.number(r, 'stop_lon', -180, 180);
  }

  const routes = table('routes.txt');
  routes.require('route_id', 'route_type');
  const routeIndex = new Map<string, number>();
  const routeType = new Uint16Array(routes.rows.length);
  const routeId: string[] = [];
  const routeShortName: string[] = [];
  const routeLongName: string[] = [];
  for (let r = 0; r < routes.rows.length; r++) {
    const id = routes.text(r, 'route_id');
    if (routeIndex.has(id)) routes.fail(r, 'route_id', 'a unique id', id);
    routeIndex.set(id, r);
    routeId.push(id);
    routeShortName.push(routes.get(r, 'route_short_name'));
    routeLongName.push(routes.get(r, 'route_long_name'));
    if (routeShortName[r] === '' && routeLongName[r] === '') routes.fail(r, 'route_short_name', 'a short or a long name', '');
    routeType[r] = routes.number(r, 'route_type', 0, 1702);
  }

  const services = readCalendars(files.has('calendar.txt') ? table('calendar.txt') : null, files.has('calendar_dates.txt') ? table('calendar_dates.txt') : null);

  const trips = table('trips.txt');
  trips.require('route_id', 'service_id', 'trip_id');
  const tripIndex = new Map<string, number>();
  for (let r = 0; r < trips.rows.length; r++) {
    const id = trips.text(r, 'trip_id');
    if (tripIndex.has(id)) trips.fail(r, 'trip_id', 'a unique id', id);
    if (!routeIndex.has(trips.get(r, 'route_id'))) trips.fail(r, 'route_id', 'a route_id of routes.txt', trips.get(r, 'route_id'));
    if (!services.has(trips.get(r, 'service_id'))) trips.fail(r, 'service_id', 'a service_id of calendar.txt or calendar_dates.txt', trips.get(r, 'service_id'));
    tripIndex.set(id, r);
  }

  // stop times grouped by trip, sorted by stop_sequence
  const st = table('stop_times.txt');
  st.require('trip_id', 'stop_id', 'stop_sequence', 'arrival_time', 'departure_time');
  const byTrip: number[][] = trips.rows.map(() => []);
  const seq = new Float64Array(st.rows.length);
  for (let r = 0; r < st.rows.length; r++) {
    const t = tripIndex.get(st.get(r, 'trip_id'));
    if (t === undefined) st.fail(r, 'trip_id', 'a trip_id of trips.txt', st.get(r, 'trip_id'));
    if (!stopIndex.has(st.get(r, 'stop_id'))) st.fail(r, 'stop_id', 'a stop_id of stops.txt', st.get(r, 'stop_id'));
    seq[r] = st.number(r, 'stop_sequence', 0);
    byTrip[t!].push(r);
  }
  const freq = files.has('frequencies.txt') ? readFrequencies(table('frequencies.txt'), tripIndex) : new Map<number, [number, number, number][]>();

  const out = { tripId: [] as string[], tripRoute: [] as number[], tripService: [] as string[], tripShape: [] as string[], tripDirection: [] as number[], tripStart: [0], stStop: [] as number[], stArr: [] as number[], stDep: [] as number[] };
  let frequencyTrips = 0;
  for (let t = 0; t < byTrip.length; t++) {
    const rows = byTrip[t].sort((a, b) => seq[a] - seq[b]);
    if (rows.length < 2) trips.fail(t, 'trip_id', 'a trip with at least two stop times in stop_times.txt', trips.get(t, 'trip_id'));
    for (let i = 1; i < rows.length; i++) if (seq[rows[i]] === seq[rows[i - 1]]) st.fail(rows[i], 'stop_sequence', 'a stop_sequence unique within its trip', String(seq[rows[i]]));
    const stopsOf = rows.map((r) => stopIndex.get(st.get(r, 'stop_id'))!);
    const [arr, dep] = tripTimes(st, rows, stopsOf, stopLon, stopLat);
    const starts = freq.get(t)?.flatMap(([from, to, headway]) => range(from, to, headway)) ?? [null];
    for (const start of starts) {
      const shift = start === null ? 0 : start - dep[0];
      out.tripId.push(start === null ? trips.get(t, 'trip_id') : `${trips.get(t, 'trip_id')}@${hms(start)}`);
      if (start !== null) frequencyTrips++;
      out.tripRoute.push(routeIndex.get(trips.get(t, 'route_id'))!);
      out.tripService.push(trips.get(t, 'service_id'));
      out.tripShape.push(trips.get(t, 'shape_id'));
      out.tripDirection.push(trips.get(t, 'direction_id') === '1' ? 1 : 0);
      for (let i = 0; i < rows.length; i++) {
        out.stStop.push(stopsOf[i]);
        out.stArr.push(arr[i] + shift);
        out.stDep.push(dep[i] + shift);
      }
      out.tripStart.push(out.stStop.length);
    }
  }

  return {
    name,
    stopId, stopName, stopLon, stopLat,
    routeId, routeShortName, routeLongName, routeType,
    tripId: out.tripId,
    tripRoute: Uint32Array.from(out.tripRoute),
    tripService: out.tripService,
    tripShape: out.tripShape,
    tripDirection: Uint8Array.from(out.tripDirection),
    tripStart: Uint32Array.from(out.tripStart),
    stStop: Uint32Array.from(out.stStop),
    stArrival: Int32Array.from(out.stArr),
    stDeparture: Int32Array.from(out.stDep),
    services,
    shapes: files.has('shapes.txt') ? readShapes(table('shapes.txt')) : new Map(),
    frequencyTrips,
  };
}

/** A trip's arrival and departure times, empty ones interpolated by distance between timed stops. */
function tripTimes(st: Table, rows: number[], stops: number[], lon: Float64Array, lat: Float64Array): [Float64Array, Float64Array] {
  const n = rows.length;
  const arr = new Float64Array(n);
  const dep = new Float64Array(n);
  const along = new Float64Array(n);
  for (let i = 1; i < n; i++) along[i] = along[i - 1] + haversineM(lon[stops[i - 1]], lat[stops[i - 1]], lon[stops[i]], lat[stops[i]]);
  let last = -1;
  for (let i = 0; i < n; i++) {
    let a = st.time(rows[i], 'arrival_time');
    let d = st.time(rows[i], 'departure_time');
    if (a < 0) a = d;
    if (d < 0) d = a;
    if (a < 0) {
      if (i === 0 || i === n - 1) st.fail(rows[i], 'arrival_time', `a time at the trip's ${i === 0 ? 'first' : 'last'} stop`, '');
      arr[i] = dep[i] = NaN;
      continue;
    }
    if (d < a) st.fail(rows[i], 'departure_time', `a time not before arrival_time ${hms(a)}`, hms(d));
    if (last >= 0 && a < dep[last]) st.fail(rows[i], 'arrival_time', `a time not before the previous stop's ${hms(dep[last])}`, hms(a));
    arr[i] = a;
    dep[i] = d;
    for (let j = last + 1; j < i; j++) {
      const span = along[i] - along[last];
      const f = span > 0 ? (along[j] - along[last]) / span : (j - last) / (i - last);
      arr[j] = dep[j] = Math.round(dep[last] + f * (a - dep[last]));
    }
    last = i;
  }
  return [arr, dep];
}

function readCalendars(cal: Table | null, dates: Table | null): Map<string, Service> {
  const services = new Map<string, Service>();
  const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  if (cal) {
    cal.require('service_id', 'start_date', 'end_date', ...DAYS);
    for (let r = 0; r < cal.rows.length; r++) {
      const id = cal.text(r, 'service_id');
      if (services.has(id)) cal.fail(r, 'service_id', 'a unique id', id);
      const days = DAYS.map((d) => cal.number(r, d, 0, 1) === 1);
      const start = cal.date(r, 'start_date');
      const end = cal.date(r, 'end_date');
      if (end < start) cal.fail(r, 'end_date', `a date not before start_date ${start}`, end);
      services.set(id, { days, start, end, added: new Set(), removed: new Set() });
    }
  }
  if (dates) {
    dates.require('service_id', 'date', 'exception_type');
    for (let r = 0; r < dates.rows.length; r++) {
      const id = dates.text(r, 'service_id');
      const date = dates.date(r, 'date');
      const type = dates.number(r, 'exception_type', 1, 2);
      if (!Number.isInteger(type)) dates.fail(r, 'exception_type', '1 (added) or 2 (removed)', dates.get(r, 'exception_type'));
      let s = services.get(id);
      if (!s) services.set(id, (s = { days: new Array(7).fill(false), start: '99999999', end: '00000000', added: new Set(), removed: new Set() }));
      (type === 1 ? s.added : s.removed).add(date);
    }
  }
  return services;
}

function readFrequencies(t: Table, tripIndex: Map<string, number>): Map<number, [number, number, number][]> {
  t.require('trip_id', 'start_time', 'end_time', 'headway_secs');
  const out = new Map<number, [number, number, number][]>();
  for (let r = 0; r < t.rows.length; r++) {
    const trip = tripIndex.get(t.get(r, 'trip_id'));
    if (trip === undefined) t.fail(r, 'trip_id', 'a trip_id of trips.txt', t.get(r, 'trip_id'));
    const from = t.time(r, 'start_time');
    const to = t.time(r, 'end_time');
    if (from < 0) t.fail(r, 'start_time', 'a time HH:MM:SS', '');
    if (to <= from) t.fail(r, 'end_time', `a time after start_time ${hms(from)}`, t.get(r, 'end_time'));
    const headway = t.number(r, 'headway_secs', 1, 86_400);
    if (!out.has(trip!)) out.set(trip!, []);
    out.get(trip!)!.push([from, to, headway]);
  }
  return out;
}

function readShapes(t: Table): Map<string, Float64Array> {
  t.require('shape_id', 'shape_pt_lat', 'shape_pt_lon', 'shape_pt_sequence');
  const points = new Map<string, [number, number, number][]>();
  for (let r = 0; r < t.rows.length; r++) {
    const id = t.text(r, 'shape_id');
    if (!points.has(id)) points.set(id, []);
    points.get(id)!.push([t.number(r, 'shape_pt_sequence', 0), t.number(r, 'shape_pt_lon', -180, 180), t.number(r, 'shape_pt_lat', -90, 90)]);
  }
  const out = new Map<string, Float64Array>();
  for (const [id, pts] of points) {
    pts.sort((a, b) => a[0] - b[0]);
    out.set(id, Float64Array.from(pts.flatMap(([, x, y]) => [x, y])));
  }
  return out;
}

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let t = from; t < to; t += step) out.push(t);
  return out;
}

/** Seconds after midnight as HH:MM:SS (hours may pass 24). */
export function hms(s: number): string {
  const p = (x: number) => String(Math.floor(x)).padStart(2, '0');
  return `${p(s / 3600)}:${p((s % 3600) / 60)}:${p(s % 60)}`;
}
