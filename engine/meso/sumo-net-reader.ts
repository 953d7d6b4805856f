/**
 * Reads a SUMO network (`.net.xml`, as written by netconvert or netgenerate) into a RoadGraph,
 * so a case built with SUMO's own tools runs in gemeo on the same streets.
 *
 * Terms: every junction that is not internal becomes a node, every edge without a `function`
 * (internal, walkingarea, crossing…) becomes a directed edge with SUMO's lane count, lane speed
 * (m/s → km/h) and lane length; capacity is `capacityPerLaneVph` × lanes (SUMO's meso derives
 * it from headways instead: 1,800 veh/h per lane is the usual planning figure). Positions: SUMO
 * x,y metres are placed around `anchor` (lon, lat) by an equirectangular projection. SUMO's ids
 * are kept in `nodeIds` / `edgeIds`, indexed like the graph's nodes and edges.
 */
import { readFileSync } from 'node:fs';
import { SaxesParser } from 'saxes';
import { GraphBuilder } from '../graph/graph-builder.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { roadClassCode } from '../graph/road-class.ts';
import { InputError } from '../util/input-error.ts';

export interface SumoNet {
  graph: RoadGraph;
  nodeIds: string[];
  edgeIds: string[];
}

export interface SumoNetOptions {
  capacityPerLaneVph?: number;
  anchor?: [number, number];
  name?: string;
}

const M_PER_DEG = 6_371_008.8 * (Math.PI / 180);

export function readSumoNet(file: string, opts: SumoNetOptions = {}): SumoNet {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(file, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return parseSumoNet(text, file, opts);
}

interface EdgeRow {
  id: string;
  from: string;
  to: string;
  lanes: number;
  speed: number;
  length: number;
}

export function parseSumoNet(text: string, file: string, opts: SumoNetOptions = {}): SumoNet {
  const capPerLane = opts.capacityPerLaneVph ?? 1800;
  const [lonA, latA] = opts.anchor ?? [-56.0967, -15.601];
  const junctions = new Map<string, [number, number]>();
  const edges: EdgeRow[] = [];
  let edge: EdgeRow | undefined;
  const parser = new SaxesParser();
  const attr = (a: Record<string, string>, k: string, line: number): string => {
    const v = a[k];
    if (v === undefined) throw new InputError(file, `line ${line}: <${k}> attribute missing`);
    return v;
  };
  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    const line = parser.line;
    if (tag.name === 'junction' && a.type !== 'internal') {
      const x = Number(attr(a, 'x', line));
      const y = Number(attr(a, 'y', line));
      if (!Number.isFinite(x) || !Number.isFinite(y)) throw new InputError(file, `line ${line}: junction ${a.id} — expected numeric x, y`);
      junctions.set(attr(a, 'id', line), [x, y]);
    } else if (tag.name === 'edge') {
      edge = a.function ? undefined : { id: attr(a, 'id', line), from: attr(a, 'from', line), to: attr(a, 'to', line), lanes: 0, speed: 0, length: 0 };
      if (edge) edges.push(edge);
    } else if (tag.name === 'lane' && edge) {
      const speed = Number(attr(a, 'speed', line));
      const length = Number(attr(a, 'length', line));
      if (!(speed > 0) || !(length >= 0)) throw new InputError(file, `line ${line}: lane ${a.id} — expected speed > 0 and length ≥ 0`);
      edge.lanes++;
      edge.speed = Math.max(edge.speed, speed);
      edge.length = Math.max(edge.length, length);
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'edge') edge = undefined;
  });
  try {
    parser.write(text).close();
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(file, `not well-formed XML (${(err as Error).message.split('\n')[0]})`);
  }
  if (junctions.size === 0 || edges.length === 0) throw new InputError(file, 'expected a SUMO .net.xml with <junction> and <edge> elements');

  const builder = new GraphBuilder({ name: opts.name ?? file.replace(/^.*[\\/]/, ''), source: 'sumo', synthetic: true, notes: `read from a SUMO network` });
  const nodeIds = [...junctions.keys()];
  const nodeOf = new Map<string, number>();
  const kx = M_PER_DEG * Math.cos((latA * Math.PI) / 180);
  for (const id of nodeIds) {
    const [x, y] = junctions.get(id)!;
    nodeOf.set(id, builder.addNode(lonA + x / kx, latA + y / M_PER_DEG));
  }
  // add edges already sorted by tail (stable) so graph edge i is edgeIds[i]
  const rows = edges.map((e) => {
    const tail = nodeOf.get(e.from);
    const head = nodeOf.get(e.to);
    if (tail === undefined || head === undefined) throw new InputError(file, `edge ${e.id}: junction ${tail === undefined ? e.from : e.to} is not in the network`);
    if (e.lanes === 0) throw new InputError(file, `edge ${e.id}: expected at least one <lane>`);
    return { e, tail, head };
  });
  rows.sort((p, q) => p.tail - q.tail);
  const cls = roadClassCode('unclassified');
  for (const { e, tail, head } of rows) {
    builder.addEdge({ tail, head, lengthM: e.length, speedKmh: e.speed * 3.6, capacityVph: capPerLane * e.lanes, lanes: e.lanes, roadClass: cls, freeFlowS: e.length / e.speed });
  }
  return { graph: builder.finish(), nodeIds, edgeIds: rows.map((r) => r.e.id) };
}
