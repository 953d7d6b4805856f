/**
 * Trips for the queue model and their CSV file.
 *
 *   id,depart_s,from_osm_node,to_osm_node        (OSM node ids: stable across re-imports)
 *   id,depart_s,from_node,to_node                (graph node indices: for stand-in graphs,
 *                                                 whose generated nodes have OSM id -1)
 *
 * `depart_s` is seconds after midnight. Rows that cannot run are not errors: they are counted
 * by reason (malformed, unknown node) and kept out of the simulation, so one bad row never
 * stops a run; only a missing or wrong header, or an unreadable file, is a one-line InputError.
 */
import { readFileSync } from 'node:fs';
import type { RoadGraph } from '../graph/road-graph.ts';
import { parseCsv } from '../util/csv.ts';
import { InputError } from '../util/input-error.ts';

export const TRIPS_OSM_HEADER = ['id', 'depart_s', 'from_osm_node', 'to_osm_node'] as const;
export const TRIPS_INDEX_HEADER = ['id', 'depart_s', 'from_node', 'to_node'] as const;

/** Trip t leaves node origin[t] for dest[t] at departS[t]; origin -1 marks a trip that cannot run. */
export interface TripSet {
  count: number;
  ids: string[];
  departS: Int32Array;
  origin: Int32Array;
  dest: Int32Array;
  /** Rows dropped while reading, by reason. */
  malformed: number;
  unknownNode: number;
  /** First problem line, for the report ("file:line: why"). */
  firstProblem?: string;
}

export function readTripsCsv(file: string, graph: RoadGraph): TripSet {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return parseTripsCsv(text, file, graph);
}

export function parseTripsCsv(text: string, file: string, graph: RoadGraph): TripSet {
  const table = parseCsv(text, (line, problem) => {
    throw new InputError(file, `line ${line}: ${problem === 'empty file' ? `expected the header "${TRIPS_OSM_HEADER.join(',')}", got an empty file` : problem}`);
  });
  const header = table.header.map((h) => h.toLowerCase());
  const byOsm = TRIPS_OSM_HEADER.every((h, i) => header[i] === h);
  const byIndex = TRIPS_INDEX_HEADER.every((h, i) => header[i] === h);
  if (!byOsm && !byIndex) {
    throw new InputError(file, `line 1: expected the header "${TRIPS_OSM_HEADER.join(',')}" (or "${TRIPS_INDEX_HEADER.join(',')}" with graph node indices), got "${table.header.join(',').slice(0, 60)}"`);
  }
  const nodeOf = new Map<number, number>();
  if (byOsm) for (let v = 0; v < graph.nodeCount; v++) if (graph.nodeOsmId[v] >= 0) nodeOf.set(graph.nodeOsmId[v], v);
  const node = (s: string): number => {
    if (!/^-?\d+$/.test(s)) return -2;
    const x = Number(s);
    if (byIndex) return x >= 0 && x < graph.nodeCount ? x : -1;
    return nodeOf.get(x) ?? -1;
  };
  const ids: string[] = [];
  const dep: number[] = [];
  const org: number[] = [];
  const dst: number[] = [];
  let malformed = 0;
  let unknownNode = 0;
  let firstProblem: string | undefined;
  for (let r = 0; r < table.rows.length; r++) {
    const f = table.rows[r].map((x) => x.trim());
    const row = f.join(',');
    const i = table.lines[r] - 1;
    const d = Number(f[1]);
    const o = f.length >= 4 ? node(f[2]) : -2;
    const z = f.length >= 4 ? node(f[3]) : -2;
    if (f.length < 4 || f[1] === '' || !Number.isFinite(d) || o === -2 || z === -2) {
      malformed++;
      firstProblem ??= `${file}:${i + 1}: expected ${byOsm ? TRIPS_OSM_HEADER.join(',') : TRIPS_INDEX_HEADER.join(',')} with numbers, got "${row.slice(0, 60)}"`;
      continue;
    }
    if (o < 0 || z < 0) {
      unknownNode++;
      firstProblem ??= `${file}:${i + 1}: ${o < 0 ? f[2] : f[3]} is not a node of the graph`;
    }
    ids.push(f[0]);
    dep.push(Math.round(d));
    org.push(o);
    dst.push(o < 0 || z < 0 ? -1 : z);
  }
  return { count: ids.length, ids, departS: Int32Array.from(dep), origin: Int32Array.from(org, (o, k) => (dst[k] < 0 ? -1 : o)), dest: Int32Array.from(dst), malformed, unknownNode, firstProblem };
}

/** Trips given as arrays (tests, demand agents): ids are the indices. */
export function tripSet(departS: ArrayLike<number>, origin: ArrayLike<number>, dest: ArrayLike<number>): TripSet {
  const n = departS.length;
  return { count: n, ids: Array.from({ length: n }, (_, i) => String(i)), departS: Int32Array.from(departS), origin: Int32Array.from(origin), dest: Int32Array.from(dest), malformed: 0, unknownNode: 0 };
}
