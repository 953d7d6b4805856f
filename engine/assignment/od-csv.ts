/**
 * OD matrices for city graphs, as CSV keyed by OSM node ids (stable across re-imports, unlike
 * internal node ids):
 *
 *   origin_osm_node,dest_osm_node,flow
 *   4412345678,4412349999,120.5
 *
 * Flow in vehicles per hour. Zones are the distinct OSM nodes named in the file, in ascending
 * OSM id order (so row order does not matter); zone z sits on road node `zoneNodes[z]`, ready
 * for roadAssignmentNetwork(). Zero flows and self-trips are dropped; an unknown OSM node, a
 * negative or non-numeric flow, or a missing column is a one-line `file:line: …` error.
 */
import { readFileSync } from 'node:fs';
import type { RoadGraph } from '../graph/road-graph.ts';
import { LineInputError } from '../util/input-error.ts';
import { parseCsv } from '../util/csv.ts';
import { parseField } from '../util/text-fields.ts';
import type { OdDemand } from './network.ts';

export const OD_CSV_HEADER = ['origin_osm_node', 'dest_osm_node', 'flow'] as const;

export interface CityDemand {
  /** Road node of each zone. */
  zoneNodes: Uint32Array;
  /** OSM node id of each zone. */
  zoneOsmIds: Float64Array;
  demand: OdDemand;
}

export function readOdCsv(file: string, graph: RoadGraph): CityDemand {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new LineInputError(file, 0, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return parseOdCsv(text, file, graph);
}

export function parseOdCsv(text: string, file: string, graph: RoadGraph): CityDemand {
  const table = parseCsv(text, (line, problem) => {
    throw new LineInputError(file, line, problem === 'empty file' ? `header — expected "${OD_CSV_HEADER.join(',')}", got an empty file` : problem);
  });
  const header = table.header.map((h) => h.toLowerCase());
  if (OD_CSV_HEADER.some((h, i) => header[i] !== h)) {
    throw new LineInputError(file, 1, `header — expected "${OD_CSV_HEADER.join(',')}", got "${table.header.join(',').slice(0, 60)}"`);
  }
  const nodeOf = new Map<number, number>();
  for (let v = 0; v < graph.nodeCount; v++) nodeOf.set(graph.nodeOsmId[v], v);
  const rows: { o: number; d: number; q: number }[] = [];
  const osmIds = new Set<number>();
  for (let r = 0; r < table.rows.length; r++) {
    const f = table.rows[r].map((x) => x.trim());
    const ln = table.lines[r];
    if (f.length < 3) throw new LineInputError(file, ln, `row — expected 3 columns (${OD_CSV_HEADER.join(',')}), got ${f.length}`);
    const node = (k: number) => {
      const id = parseField(file, ln, OD_CSV_HEADER[k], f[k], { integer: true });
      if (!nodeOf.has(id)) throw new LineInputError(file, ln, `${OD_CSV_HEADER[k]} — expected an OSM node of the graph, got ${id}`);
      osmIds.add(id);
      return id;
    };
    const o = node(0);
    const d = node(1);
    const q = parseField(file, ln, 'flow', f[2], { min: 0 });
    if (q > 0 && o !== d) rows.push({ o, d, q });
  }
  const zoneOsmIds = Float64Array.from([...osmIds].sort((a, b) => a - b));
  const zoneOf = new Map<number, number>();
  zoneOsmIds.forEach((id, z) => zoneOf.set(id, z));
  const zoneCount = zoneOsmIds.length;
  // Stable sort by origin zone keeps file order within an origin.
  rows.sort((a, b) => zoneOf.get(a.o)! - zoneOf.get(b.o)!);
  const rowStart = new Uint32Array(new SharedArrayBuffer(4 * (zoneCount + 1)));
  const dest = new Uint32Array(new SharedArrayBuffer(4 * rows.length));
  const flow = new Float64Array(new SharedArrayBuffer(8 * rows.length));
  let total = 0;
  rows.forEach((r, k) => {
    rowStart[zoneOf.get(r.o)! + 1]++;
    dest[k] = zoneOf.get(r.d)!;
    flow[k] = r.q;
    total += r.q;
  });
  for (let z = 0; z < zoneCount; z++) rowStart[z + 1] += rowStart[z];
  return {
    zoneNodes: Uint32Array.from(zoneOsmIds, (id) => nodeOf.get(id)!),
    zoneOsmIds,
    demand: { zoneCount, rowStart, dest, flow, total },
  };
}
