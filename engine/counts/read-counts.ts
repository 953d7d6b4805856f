/**
 * The counts file: CSV, UTF-8, a header row, one row per station and period.
 *
 *   station,name,lon,lat,way,direction,osm_highway,lanes,note,start,end,vehicles[,<class>…]
 *
 * Required columns: station, start, end, vehicles, and a position: lon and lat, or way (an OSM
 * way id), or both. The others are optional and may be left out of the header. Any column not
 * named here is a vehicle class (cars, trucks…): a number of vehicles or empty.
 * - direction: empty or "both" (the station counts both directions; compared with their sum),
 *   a compass bearing of travel in degrees (0 north, 90 east) or N, NE, E, SE, S, SW, W, NW,
 *   or "forward" / "backward" along the OSM way's drawing direction (needs way).
 * - osm_highway: the OSM highway class of the counted road (helps matching), e.g. primary.
 * - start, end: HH:MM, with 00:00 ≤ start < end ≤ 24:00; vehicles: those counted in [start, end).
 * A station's name, position, way, direction, class, lanes and note are the same on all its
 * rows, and its periods do not overlap. Fields may be quoted ("a, b"; "" for a quote).
 * Every problem is one InputError `file:line: field — what is wrong`; nothing is half-read.
 */
import { ROAD_CLASSES } from '../graph/road-class.ts';
import { readInputBytes } from '../util/input-file.ts';
import { parseCsv } from '../util/csv.ts';
import { InputError } from '../util/input-error.ts';

export { splitCsvLine } from '../util/csv.ts';
import type { Count, Counts, CountStation, StationDirection } from './counts.ts';

export const COUNT_COLUMNS = ['station', 'name', 'lon', 'lat', 'way', 'direction', 'osm_highway', 'lanes', 'note', 'start', 'end', 'vehicles'] as const;
const REQUIRED = ['station', 'start', 'end', 'vehicles'] as const;
const STREET_CLASSES: readonly string[] = ROAD_CLASSES.filter((c) => c !== 'connector' && c !== 'abstract');
const COMPASS: Record<string, number> = { n: 0, ne: 45, e: 90, se: 135, s: 180, sw: 225, w: 270, nw: 315 };

export function readCounts(file: string): Counts {
  return parseCounts(new TextDecoder().decode(readInputBytes(file)), file);
}

export function parseCounts(text: string, file: string): Counts {
  const fail = (line: number, problem: string): never => {
    throw new InputError(file, `line ${line}: ${problem}`);
  };
  const table = parseCsv(text, (line, problem) => fail(line, problem === 'empty file' ? 'header — the file is empty' : `${line === 1 ? 'header' : 'row'} — unbalanced quotes`));
  const names = table.header.map((h) => h.toLowerCase());
  const col = new Map<string, number>();
  names.forEach((n, i) => {
    if (n === '') fail(1, `header — column ${i + 1} has no name`);
    if (col.has(n)) fail(1, `header — column "${n}" appears twice`);
    col.set(n, i);
  });
  for (const r of REQUIRED) if (!col.has(r)) fail(1, `header — no "${r}" column (expected at least ${REQUIRED.join(', ')} and lon,lat or way)`);
  if (!col.has('way') && !(col.has('lon') && col.has('lat'))) fail(1, 'header — no position: expected lon and lat columns, or way');
  const known = new Set<string>(COUNT_COLUMNS);
  const classes = names.filter((n) => !known.has(n));
  const classCols = classes.map((c) => col.get(c)!);

  const stations: CountStation[] = [];
  const counts: Count[] = [];
  const byId = new Map<string, number>();
  for (let i = 0; i < table.rows.length; i++) {
    const ln = table.lines[i]!;
    const f = table.rows[i]!;
    if (f!.length !== names.length) fail(ln, `row — expected ${names.length} fields like the header, got ${f!.length}`);
    const get = (name: string): string => (col.has(name) ? f![col.get(name)!]!.trim() : '');
    const id = get('station');
    if (id === '') fail(ln, 'station — empty, expected the station id');
    const station = parseStation(get, ln, fail);
    let s = byId.get(id);
    if (s === undefined) {
      s = stations.length;
      byId.set(id, s);
      stations.push({ ...station, id });
    } else {
      const diff = differingField(stations[s]!, station);
      if (diff !== null) fail(ln, `${diff} — station ${id} has "${get(diff)}" here but another value on line ${stations[s]!.line}`);
    }
    const startS = clock(get('start'), 'start', ln, fail);
    const endS = clock(get('end'), 'end', ln, fail);
    if (startS >= 24 * 3600) fail(ln, `start — expected a time before 24:00, got "${get('start')}"`);
    if (endS <= startS) fail(ln, `end — expected a time after start (${get('start')}), got "${get('end')}"`);
    const vehicles = number(get('vehicles'), 'vehicles', ln, fail, false);
    const cls = new Float64Array(classCols.length);
    classCols.forEach((c, k) => {
      const v = f![c]!.trim();
      cls[k] = v === '' ? NaN : number(v, classes[k]!, ln, fail, false);
    });
    for (const other of counts) {
      if (other.station === s && other.startS < endS && startS < other.endS) fail(ln, `start — station ${id} already has a count for a period overlapping ${get('start')}–${get('end')} (line ${other.line})`);
    }
    counts.push({ station: s, startS, endS, vehicles, classes: cls, line: ln });
  }
  if (counts.length === 0) throw new InputError(file, 'no rows after the header');
  return { file, stations, counts, classes };
}

type Fail = (line: number, problem: string) => never;

function parseStation(get: (name: string) => string, ln: number, fail: Fail): CountStation {
  const lonText = get('lon');
  const latText = get('lat');
  const wayText = get('way');
  if ((lonText === '') !== (latText === '')) fail(ln, `${lonText === '' ? 'lon' : 'lat'} — empty while ${lonText === '' ? 'lat' : 'lon'} is given; expected both or neither`);
  const lon = lonText === '' ? NaN : number(lonText, 'lon', ln, fail, true, -180, 180);
  const lat = latText === '' ? NaN : number(latText, 'lat', ln, fail, true, -90, 90);
  let way = NaN;
  if (wayText !== '') {
    if (!/^-?\d+$/.test(wayText) || wayText === '0' || wayText === '-0') fail(ln, `way — expected an OSM way id (a whole number, not 0), got "${wayText}"`);
    way = Number(wayText);
  }
  if (Number.isNaN(lon) && Number.isNaN(way)) fail(ln, 'lon — no position: expected lon and lat, or way');
  const direction = parseDirection(get('direction'), ln, fail);
  if (direction.kind === 'way' && Number.isNaN(way)) fail(ln, `direction — "${get('direction')}" is along the OSM way, but the row gives no way`);
  const highway = get('osm_highway').toLowerCase();
  if (highway !== '' && !STREET_CLASSES.includes(highway)) fail(ln, `osm_highway — "${highway}" is not a road class gemeo knows (${STREET_CLASSES.join(', ')})`);
  const lanesText = get('lanes');
  const lanes = lanesText === '' ? null : number(lanesText, 'lanes', ln, fail, false);
  if (lanes !== null && (!Number.isInteger(lanes) || lanes < 1 || lanes > 20)) fail(ln, `lanes — expected a whole number from 1 to 20, got "${lanesText}"`);
  return { id: '', name: get('name'), lon, lat, way, direction, highway: highway === '' ? null : highway, lanes, note: get('note'), line: ln };
}

function parseDirection(text: string, ln: number, fail: Fail): StationDirection {
  const t = text.toLowerCase();
  if (t === '' || t === 'both') return { kind: 'both' };
  if (t === 'forward' || t === 'backward') return { kind: 'way', reverse: t === 'backward' };
  if (t in COMPASS) return { kind: 'bearing', degrees: COMPASS[t]! };
  const x = Number(t);
  if (t !== '' && Number.isFinite(x) && x >= 0 && x < 360) return { kind: 'bearing', degrees: x };
  return fail(ln, `direction — expected empty, both, forward, backward, a bearing in degrees [0, 360) or N, NE, E, SE, S, SW, W, NW; got "${text}"`);
}

/** The column of the first station field in which `b` differs from `a`, or null. */
function differingField(a: CountStation, b: CountStation): string | null {
  const same = (x: number, y: number) => (Number.isNaN(x) && Number.isNaN(y)) || x === y;
  if (a.name !== b.name) return 'name';
  if (!same(a.lon, b.lon)) return 'lon';
  if (!same(a.lat, b.lat)) return 'lat';
  if (!same(a.way, b.way)) return 'way';
  if (JSON.stringify(a.direction) !== JSON.stringify(b.direction)) return 'direction';
  if (a.highway !== b.highway) return 'osm_highway';
  if (a.lanes !== b.lanes) return 'lanes';
  if (a.note !== b.note) return 'note';
  return null;
}

function number(text: string, field: string, ln: number, fail: Fail, signed: boolean, lo = 0, hi = Infinity): number {
  const x = text === '' ? NaN : Number(text);
  if (!Number.isFinite(x)) return fail(ln, `${field} — expected a number, got "${clip(text)}"`);
  if (!signed && x < 0) return fail(ln, `${field} — expected a number ≥ 0, got ${text}`);
  if (x < lo || x > hi) return fail(ln, `${field} — expected a number in [${lo}, ${hi}], got ${text}`);
  return x;
}

/** Seconds after midnight of "HH:MM" (24:00 allowed as the end of the day). */
function clock(text: string, field: string, ln: number, fail: Fail): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  const h = m ? Number(m[1]) : NaN;
  const min = m ? Number(m[2]) : NaN;
  if (!m || min > 59 || h > 24 || (h === 24 && min > 0)) return fail(ln, `${field} — expected a time HH:MM from 00:00 to 24:00, got "${clip(text)}"`);
  return h * 3600 + min * 60;
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
