/**
 * readGeojsonLines: a GeoJSON file of LineString / MultiLineString features (such as the DNIT
 * federal highways in data/mt/federal-highways-51.geojson) → a two-way RoadGraph.
 *
 * Terms: every vertex is snapped to a grid of `snapM` metres (deterministic: cells are keyed
 * by rounded lon/lat, the first vertex seen in file order gives the cell its position). A
 * snapped vertex becomes a graph node where a line ends or where lines branch or cross (it has
 * other than two distinct neighbours); lines are split at nodes into *pieces*. Concurrent highways (two numbers on
 * one alignment, e.g. BR-163 and BR-364 south of Cuiabá) arrive as duplicate pieces and are
 * merged into one, carrying both numbers ("BR-163/BR-364"). Each piece gives a forward edge and
 * a Reverse-flagged backward edge, class `trunk` by default, with the rural speed, lanes and
 * capacity of that class from data/road-classes.json. The lines are not OSM ways: osmWayId is -1.
 * The road number of each edge is returned beside the graph (`edgeRef`, index = edge id).
 */
import { EdgeFlag } from '../graph/edge-flags.ts';
import { GraphBuilder } from '../graph/graph-builder.ts';
import { roadClassCode, type RoadClass } from '../graph/road-class.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { readInputBytes } from '../util/input-file.ts';
import { InputError } from '../util/input-error.ts';
import { loadRoadClassDefaults, type RoadClassDefaults } from './road-class-defaults.ts';
import { haversineM } from '../spatial/geo.ts';

export interface GeojsonLinesOptions {
  /** Feature property holding the road number; default 'Codigo_BR' (DNIT SNV). */
  refProperty?: string;
  /** Put before the number, default 'BR-' ("070" → "BR-070"); '' keeps the value as is. */
  refPrefix?: string;
  /** Snapping grid in metres: vertices in one cell are one node. Default 5. */
  snapM?: number;
  /** Class of every edge; default 'trunk'. */
  roadClass?: RoadClass;
  /** Which CTB speed of the class applies; default 'rural' (highways between towns). */
  setting?: 'urban' | 'rural';
  /** Lanes per direction instead of the class default (the SNV lines carry no lane counts). */
  lanesPerDirection?: number;
  /** Graph name for reports; default "<file> (GeoJSON lines)". */
  name?: string;
  /** Road-class defaults; default loadRoadClassDefaults(). */
  defaults?: RoadClassDefaults;
}

export interface GeojsonLines {
  graph: RoadGraph;
  /** Road number of each edge (edge id → "BR-163" or "BR-163/BR-364"; '' when the feature has none). */
  edgeRef: string[];
}

/** Reads a GeoJSON file of line features into a graph; InputError names the file and feature. */
export function readGeojsonLines(file: string, options: GeojsonLinesOptions = {}): GeojsonLines {
  const text = new TextDecoder().decode(readInputBytes(file));
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new InputError(file, `not GeoJSON: the file is not valid JSON (${(error as Error).message})`);
  }
  return geojsonLinesToGraph(doc, file, options);
}

/** Same as readGeojsonLines for a parsed document; `file` names it in messages and metadata. */
export function geojsonLinesToGraph(doc: unknown, file: string, options: GeojsonLinesOptions = {}): GeojsonLines {
  const lines = collectLines(doc, file, options.refProperty ?? 'Codigo_BR', options.refPrefix ?? 'BR-');
  const snapM = options.snapM ?? 5;
  if (!(snapM > 0)) throw new RangeError(`snapM is ${snapM}, expected a distance in metres > 0`);

  // Snap: cell key → vertex id; the first vertex seen fixes the position.
  const step = snapM / 111_320;
  const cellOf = new Map<string, number>();
  const vx: number[] = [];
  const vy: number[] = [];
  const isEnd: boolean[] = [];
  const paths: number[][] = [];
  for (const line of lines) {
    const path: number[] = [];
    for (const [lon, lat] of line.coords) {
      const key = `${Math.round(lon / step)},${Math.round(lat / step)}`;
      let v = cellOf.get(key);
      if (v === undefined) {
        v = vx.length;
        cellOf.set(key, v);
        vx.push(lon);
        vy.push(lat);
        isEnd.push(false);
      }
      if (path[path.length - 1] !== v) path.push(v);
    }
    paths.push(path);
    if (path.length < 2) continue;
    isEnd[path[0]] = true;
    isEnd[path[path.length - 1]] = true;
  }
  // Distinct neighbours of each vertex: 2 inside a line, also where concurrent lines share it.
  const neighbours = vx.map(() => new Set<number>());
  for (const path of paths) {
    for (let k = 1; k < path.length; k++) {
      neighbours[path[k - 1]].add(path[k]);
      neighbours[path[k]].add(path[k - 1]);
    }
  }

  // Split at nodes; merge pieces that run over the same vertices (concurrent highways).
  const pieces = new Map<string, { path: number[]; refs: Set<string> }>();
  paths.forEach((path, li) => {
    if (path.length < 2) return;
    let start = 0;
    for (let k = 1; k < path.length; k++) {
      const v = path[k];
      if (k < path.length - 1 && !isEnd[v] && neighbours[v].size === 2) continue;
      const piece = path.slice(start, k + 1);
      start = k;
      const forward = piece.join(',');
      const backward = [...piece].reverse().join(',');
      const key = forward < backward ? forward : backward;
      const known = pieces.get(key);
      if (known) {
        if (lines[li].ref) known.refs.add(lines[li].ref);
      } else {
        pieces.set(key, { path: key === forward ? piece : piece.reverse(), refs: new Set(lines[li].ref ? [lines[li].ref] : []) });
      }
    }
  });
  if (pieces.size === 0) throw new InputError(file, 'the line features have no two distinct positions, so there is no segment to build');

  const defaults = options.defaults ?? loadRoadClassDefaults();
  const roadClass = options.roadClass ?? 'trunk';
  const code = roadClassCode(roadClass);
  const cls = defaults.byCode[code];
  if (!cls) throw new RangeError(`road class ${roadClass} has no defaults in ${defaults.file}`);
  const speedKmh = options.setting === 'urban' ? cls.urbanKmh : cls.ruralKmh;
  const lanes = options.lanesPerDirection ?? cls.lanesPerDirection;

  const refList = [...new Set([...pieces.values()].flatMap((p) => [...p.refs]))].sort();
  const nodeOf = new Map<number, number>();
  const builder = new GraphBuilder({
    name: options.name ?? `${file} (GeoJSON lines)`,
    source: 'geojson',
    synthetic: false,
    notes:
      `${file}: ${lines.length} lines${refList.length ? ` (${refList.join(', ')})` : ''}; vertices snapped to a ${snapM} m grid; ` +
      `class ${roadClass}, ${options.setting ?? 'rural'} defaults of ${defaults.file}: ${speedKmh} km/h, ${lanes} lane(s) per direction`,
  });
  const node = (v: number) => {
    let n = nodeOf.get(v);
    if (n === undefined) {
      n = builder.addNode(vx[v], vy[v]);
      nodeOf.set(v, n);
    }
    return n;
  };
  // Edges are collected, then added sorted by tail so that edge ids (and edgeRef) are final.
  const edges: { tail: number; head: number; geometry: number[]; lengthM: number; ref: string; flags: number }[] = [];
  for (const { path, refs } of pieces.values()) {
    const ref = [...refs].sort().join('/');
    const geometry: number[] = [];
    let lengthM = 0;
    for (let k = 0; k < path.length; k++) {
      geometry.push(vx[path[k]], vy[path[k]]);
      if (k > 0) lengthM += haversineM(vx[path[k - 1]], vy[path[k - 1]], vx[path[k]], vy[path[k]]);
    }
    const a = node(path[0]);
    const b = node(path[path.length - 1]);
    const back: number[] = [];
    for (let k = geometry.length - 2; k >= 0; k -= 2) back.push(geometry[k], geometry[k + 1]);
    edges.push({ tail: a, head: b, geometry, lengthM, ref, flags: 0 });
    edges.push({ tail: b, head: a, geometry: back, lengthM, ref, flags: EdgeFlag.Reverse });
  }
  const order = edges.map((_, i) => i).sort((i, j) => edges[i].tail - edges[j].tail || i - j);
  const edgeRef: string[] = [];
  for (const i of order) {
    const e = edges[i];
    builder.addEdge({
      tail: e.tail,
      head: e.head,
      lengthM: e.lengthM,
      speedKmh,
      capacityVph: lanes * cls.capacityPerLaneVph,
      lanes,
      roadClass: code,
      osmWayId: -1,
      flags: e.flags,
      geometry: e.geometry,
    });
    edgeRef.push(e.ref);
  }
  return { graph: builder.finish(), edgeRef };
}

interface Line {
  coords: number[][];
  ref: string;
}

function collectLines(doc: unknown, file: string, refProperty: string, refPrefix: string): Line[] {
  const obj = doc as { type?: unknown; features?: unknown };
  let features: unknown[];
  if (obj && typeof obj === 'object' && obj.type === 'FeatureCollection' && Array.isArray(obj.features)) features = obj.features;
  else if (obj && typeof obj === 'object' && obj.type === 'Feature') features = [obj];
  else {
    const type = obj && typeof obj === 'object' ? JSON.stringify(obj.type) : typeof doc;
    throw new InputError(file, `not GeoJSON: top-level type is ${type}, expected a "FeatureCollection" (or "Feature") of LineString/MultiLineString features`);
  }
  const lines: Line[] = [];
  const skipped = new Map<string, number>();
  features.forEach((f, i) => {
    const feature = f as { type?: unknown; properties?: Record<string, unknown> | null; geometry?: { type?: unknown; coordinates?: unknown } | null };
    const where = `features[${i}]`;
    if (!feature || typeof feature !== 'object' || feature.type !== 'Feature') throw new InputError(file, `${where}: expected a GeoJSON Feature`);
    const g = feature.geometry;
    const type = g && typeof g === 'object' ? String(g.type) : 'null geometry';
    if (type !== 'LineString' && type !== 'MultiLineString') {
      skipped.set(type, (skipped.get(type) ?? 0) + 1);
      return;
    }
    const raw = feature.properties?.[refProperty];
    const ref = raw === undefined || raw === null || raw === '' ? '' : refPrefix + String(raw);
    const parts = type === 'LineString' ? [g!.coordinates] : (g!.coordinates as unknown[]);
    if (!Array.isArray(parts)) throw new InputError(file, `${where}.geometry.coordinates: expected an array of lines`);
    parts.forEach((part, p) => {
      const at = type === 'LineString' ? `${where}.geometry.coordinates` : `${where}.geometry.coordinates[${p}]`;
      if (!Array.isArray(part) || part.length < 2) throw new InputError(file, `${at}: expected a line of at least 2 positions`);
      part.forEach((pos: unknown, k: number) => {
        const ok = Array.isArray(pos) && pos.length >= 2 && Number.isFinite(pos[0]) && Number.isFinite(pos[1]) && Math.abs(pos[0]) <= 180 && Math.abs(pos[1]) <= 90;
        if (!ok) throw new InputError(file, `${at}[${k}]: is ${JSON.stringify(pos)}, expected [lon, lat] in degrees`);
      });
      lines.push({ coords: part as number[][], ref });
    });
  });
  if (lines.length === 0) {
    const found = [...skipped].map(([t, n]) => `${n} ${t}`).join(', ') || 'no features';
    throw new InputError(file, `no LineString or MultiLineString features (found ${found})`);
  }
  return lines;
}
