/**
 * Zones: the places trips start and end. Each zone is an H3 cell (or an external gateway) with
 * a centre, a population, a number of jobs and the road-graph node it connects to.
 *
 * - Reference cities (OSM extract with a `*_hexgrid.csv` beside it): the real H3 res-9 cells with
 *   their population and formal jobs.
 * - MT cities (stand-in or imported streets, no hexgrid): H3 res-8 cells over the network
 *   (every cell that holds an edge midpoint), the IBGE population spread by the length of local
 *   streets (residential, living street, unclassified, service) in each cell and the jobs by the
 *   length of arterial and collector frontage (primary, secondary, tertiary and links); both
 *   `estimated`. Res 8 (0.74 km² cells, ~460 m edges) because the stand-in blocks are 250 m: a
 *   res-9 cell (0.105 km²) would hold one or two street pieces and the proxy would be noise.
 * - Gateways: external zones at the graph node nearest a far place (regional trips).
 *
 * Connection: the nearest edge to the cell centre (spatial index) among streets that homes and
 * businesses front (LOADING_CLASSES: not service ways, living streets, tracks, motorways or
 * ramps), then that edge's nearer end node; the nearest edge of any class when none of the
 * LOADING_SEARCH nearest is such a street. A zone's trips all start and end at its node, so a
 * node on a parking aisle would send a whole cell's traffic through a 300 veh/h service way
 * (on Porto Alegre the static equilibrium then loaded one to 3.9× its capacity, and the queue
 * model jammed behind it). Cells with no road within `maxSnapM` are left out and listed in
 * `unconnected`.
 * Zone ids are indices 0..count-1; `node[z]` is the road-graph node of zone z (for assignment).
 */
import { cellToBoundary, latLngToCell } from 'h3-js';
import type { City } from '../city/registry.ts';
import { EdgeFlag } from '../graph/edge-flags.ts';
import { roadClassCode } from '../graph/road-class.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { EdgeIndex, type EdgeHit } from '../spatial/edge-index.ts';
import { haversineM } from '../spatial/geo.ts';
import type { Hexgrid } from './hexgrid.ts';

export const ZoneKind = { Cell: 0, Gateway: 1 } as const;

/** Road classes a zone may connect to. */
export const LOADING_CLASSES = ['primary', 'secondary', 'tertiary', 'unclassified', 'residential', 'road'] as const;
/** How many nearest edges are searched for one of LOADING_CLASSES. */
export const LOADING_SEARCH = 48;
const LOADING_CODES = new Set<number>(LOADING_CLASSES.map(roadClassCode));

export interface Zones {
  count: number;
  /** H3 cell index, or `gateway:<slug>`. */
  id: string[];
  kind: Uint8Array;
  lon: Float64Array;
  lat: Float64Array;
  population: Float64Array;
  jobs: Float64Array;
  /** Road-graph node each zone connects to. */
  node: Uint32Array;
  /** The edge whose nearer end `node` is (connectionOf); -1 for a gateway. */
  edge: Int32Array;
  /** Distance from the zone centre to its node, metres. */
  snapM: Float64Array;
  /** H3 resolution of the cells. */
  resolution: number;
  /** True when population and jobs were spread by a proxy rather than read from data. */
  estimated: boolean;
  /** Cells left out because no road lies within maxSnapM. */
  unconnected: { id: string; population: number; jobs: number }[];
}

export interface ZoneOptions {
  /** Index over `graph`; built when absent. */
  index?: EdgeIndex;
  /** Largest centre-to-road distance for a cell to connect, metres; default 1000. */
  maxSnapM?: number;
  /** H3 resolution of estimated cells; default 8. */
  resolution?: number;
}

/** Zones from a hexgrid file's cells (reference cities). */
export function zonesFromHexgrid(grid: Hexgrid, graph: RoadGraph, options: ZoneOptions = {}): Zones {
  return connect(grid.id, grid.lon, grid.lat, grid.population, grid.jobs, grid.resolution, false, graph, options);
}

/** Estimated zones over the network: IBGE population by local-street length, jobs by arterial frontage. */
export function zonesOverNetwork(city: Pick<City, 'population'>, graph: RoadGraph, jobsTotal: number, options: ZoneOptions = {}): Zones {
  const res = options.resolution ?? 8;
  const local = classSet(['residential', 'living_street', 'unclassified', 'service', 'road']);
  const arterial = classSet(['primary', 'primary_link', 'secondary', 'secondary_link', 'tertiary', 'tertiary_link']);
  const cellOf = new Map<string, number>();
  const ids: string[] = [];
  const resLen: number[] = [];
  const artLen: number[] = [];
  const allLen: number[] = [];
  for (let e = 0; e < graph.edgeCount; e++) {
    // A two-way street is two edges over one polyline; count its frontage once.
    if (graph.flags[e] & EdgeFlag.Reverse) continue;
    const t = graph.tail[e];
    const h = graph.head[e];
    const cell = latLngToCell((graph.nodeLat[t] + graph.nodeLat[h]) / 2, (graph.nodeLon[t] + graph.nodeLon[h]) / 2, res);
    let z = cellOf.get(cell);
    if (z === undefined) {
      z = ids.length;
      cellOf.set(cell, z);
      ids.push(cell);
      resLen.push(0);
      artLen.push(0);
      allLen.push(0);
    }
    const len = graph.lengthM[e];
    allLen[z] += len;
    if (local.has(graph.roadClass[e])) resLen[z] += len;
    if (arterial.has(graph.roadClass[e])) artLen[z] += len;
  }
  // Order cells by id so the zone order does not depend on edge order.
  const order = ids.map((_, i) => i).sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
  const n = ids.length;
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const pop = spread(order.map((i) => resLen[i]), order.map((i) => allLen[i]), city.population.value);
  const jobs = spread(order.map((i) => artLen[i]), order.map((i) => allLen[i]), jobsTotal);
  const sortedIds = order.map((i) => ids[i]);
  sortedIds.forEach((cell, z) => {
    const ring = cellToBoundary(cell, true);
    let x = 0;
    let y = 0;
    for (let k = 0; k < ring.length - 1; k++) {
      x += ring[k][0];
      y += ring[k][1];
    }
    lon[z] = x / (ring.length - 1);
    lat[z] = y / (ring.length - 1);
  });
  return connect(sortedIds, lon, lat, pop, jobs, res, true, graph, { maxSnapM: 2000, ...options });
}

/** The zone's cell outline as a closed GeoJSON ring [[lon, lat], ...]; gateways have none. */
export function zonePolygon(zones: Zones, z: number): [number, number][] | null {
  if (zones.kind[z] !== ZoneKind.Cell) return null;
  return cellToBoundary(zones.id[z], true) as [number, number][];
}

/** A copy of `zones` with external gateway zones appended (no population, no jobs). */
export function withGateways(zones: Zones, graph: RoadGraph, gateways: { id: string; lon: number; lat: number }[]): Zones {
  const n = zones.count + gateways.length;
  const grow = (a: Float64Array): Float64Array => {
    const b = new Float64Array(n);
    b.set(a);
    return b;
  };
  const out: Zones = {
    ...zones,
    count: n,
    id: [...zones.id],
    kind: new Uint8Array(n),
    lon: grow(zones.lon),
    lat: grow(zones.lat),
    population: grow(zones.population),
    jobs: grow(zones.jobs),
    node: new Uint32Array(n),
    edge: new Int32Array(n).fill(-1),
    snapM: grow(zones.snapM),
  };
  out.kind.set(zones.kind);
  out.node.set(zones.node);
  out.edge.set(zones.edge);
  const major = majorNodes(graph);
  gateways.forEach((g, i) => {
    const z = zones.count + i;
    const v = nearestNode(graph, major, g.lon, g.lat);
    out.id.push(`gateway:${g.id}`);
    out.kind[z] = ZoneKind.Gateway;
    out.lon[z] = graph.nodeLon[v];
    out.lat[z] = graph.nodeLat[v];
    out.node[z] = v;
    out.snapM[z] = 0;
  });
  return out;
}

function connect(
  ids: string[],
  lon: Float64Array,
  lat: Float64Array,
  pop: Float64Array,
  jobs: Float64Array,
  resolution: number,
  estimated: boolean,
  graph: RoadGraph,
  options: ZoneOptions,
): Zones {
  const index = options.index ?? new EdgeIndex(graph);
  const maxSnapM = options.maxSnapM ?? 1000;
  const keep: number[] = [];
  const node: number[] = [];
  const edge: number[] = [];
  const snap: number[] = [];
  const unconnected: Zones['unconnected'] = [];
  for (let i = 0; i < ids.length; i++) {
    const hit = connectionOf(graph, index.nearestEdges(lon[i], lat[i], LOADING_SEARCH, maxSnapM));
    if (!hit) {
      unconnected.push({ id: ids[i], population: pop[i], jobs: jobs[i] });
      continue;
    }
    const v = hit.fraction < 0.5 ? graph.tail[hit.edge] : graph.head[hit.edge];
    keep.push(i);
    node.push(v);
    edge.push(hit.edge);
    snap.push(haversineM(lon[i], lat[i], graph.nodeLon[v], graph.nodeLat[v]));
  }
  const pick = (a: Float64Array): Float64Array => Float64Array.from(keep, (i) => a[i]);
  return {
    count: keep.length,
    id: keep.map((i) => ids[i]),
    kind: new Uint8Array(keep.length),
    lon: pick(lon),
    lat: pick(lat),
    population: pick(pop),
    jobs: pick(jobs),
    node: Uint32Array.from(node),
    edge: Int32Array.from(edge),
    snapM: Float64Array.from(snap),
    resolution,
    estimated,
    unconnected,
  };
}

/**
 * The connection rule: among `near` (nearest first, as EdgeIndex.nearestEdges gives them), the
 * first street of LOADING_CLASSES, else the nearest edge of any class; undefined when `near` is
 * empty. The zone's node is the returned edge's nearer end.
 */
export function connectionOf(graph: RoadGraph, near: readonly EdgeHit[]): EdgeHit | undefined {
  return near.find((h) => LOADING_CODES.has(graph.roadClass[h.edge])) ?? near[0];
}

/** Whether a road class code is one of LOADING_CLASSES. */
export function isLoadingClass(code: number): boolean {
  return LOADING_CODES.has(code);
}

/** `total` split in proportion to `weight`, or to `fallback` when every weight is 0. */
function spread(weight: number[], fallback: number[], total: number): Float64Array {
  let sum = weight.reduce((a, b) => a + b, 0);
  const w = sum > 0 ? weight : fallback;
  if (sum <= 0) sum = fallback.reduce((a, b) => a + b, 0);
  return Float64Array.from(w, (x) => (sum > 0 ? (total * x) / sum : 0));
}

function classSet(names: string[]): Set<number> {
  return new Set(names.map(roadClassCode));
}

/** Nodes on motorways and trunks (where regional traffic enters), or all nodes when none. */
function majorNodes(graph: RoadGraph): Uint32Array {
  const major = classSet(['motorway', 'motorway_link', 'trunk', 'trunk_link']);
  const mark = new Uint8Array(graph.nodeCount);
  for (let e = 0; e < graph.edgeCount; e++) if (major.has(graph.roadClass[e])) mark[graph.tail[e]] = mark[graph.head[e]] = 1;
  const list: number[] = [];
  for (let v = 0; v < graph.nodeCount; v++) if (mark[v]) list.push(v);
  return list.length > 0 ? Uint32Array.from(list) : Uint32Array.from({ length: graph.nodeCount }, (_, v) => v);
}

function nearestNode(graph: RoadGraph, candidates: Uint32Array, lon: number, lat: number): number {
  let best = candidates[0];
  let bestD = Infinity;
  for (const v of candidates) {
    const d = haversineM(lon, lat, graph.nodeLon[v], graph.nodeLat[v]);
    if (d < bestD) {
      bestD = d;
      best = v;
    }
  }
  return best;
}
