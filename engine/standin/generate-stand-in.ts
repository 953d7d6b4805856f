/**
 * Stand-in street networks: until a city's real OSM streets are imported, each MT city runs on
 * a network generated deterministically from its real anchors — the seat, the IBGE polygon, the
 * 2021 population (which sets the urban radius) and the DNIT federal highways that cross the
 * polygon (clipped to it and joined to the streets wherever they cross). It is marked synthetic
 * everywhere: `meta.synthetic`, `meta.source = 'stand-in'`, EdgeFlag.Synthetic on every edge.
 * Never present it as surveyed data.
 *
 * Terms: a *way* is one generated road (a highway part, a grid street run, the ring, a radial);
 * ways get negative ids -1, -2, … in the `osmWayId` column, so interventions can name them like
 * OSM ways while no real OSM way (ids > 0) is ever confused with them. Negative way ids are
 * synthetic. The layout and its documented assumptions are in street-layout.ts.
 */
import type { City } from '../city/registry.ts';
import { EdgeFlag } from '../graph/edge-flags.ts';
import { GraphBuilder } from '../graph/graph-builder.ts';
import { roadClassCode, type RoadClass } from '../graph/road-class.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { largestComponent, stronglyConnectedComponents } from '../graph/strongly-connected.ts';
import type { GeojsonLines } from '../osm/read-geojson-lines.ts';
import { loadRoadClassDefaults, type RoadClassDefaults } from '../osm/road-class-defaults.ts';
import { haversineM } from '../spatial/geo.ts';
import { clipPolyline, insideRings, LocalFrame, type Rings } from './local-frame.ts';
import { planarize } from './planarize.ts';
import { layoutStreets, type LayoutRoad, type RoadKind } from './street-layout.ts';

export type StandInCity = Pick<City, 'slug' | 'name' | 'seat' | 'polygon' | 'population'>;

export interface StandInOptions {
  seed: number;
  /** Gross density of the built-up area, inhabitants per km²; default 3,000. */
  densityPerKm2?: number;
  /** Grid spacing in metres; default 250. */
  spacingM?: number;
  /** Road-class defaults; default loadRoadClassDefaults(). */
  defaults?: RoadClassDefaults;
}

export interface StandInWay {
  /** Negative: -1, -2, … in the graph's osmWayId column. */
  id: number;
  name: string;
  kind: RoadKind;
  oneway: boolean;
}

export interface StandIn {
  graph: RoadGraph;
  /** The ways that have edges in the graph, by descending id (-1 first). */
  ways: StandInWay[];
  /** Urban radius used, metres. */
  radiusM: number;
}

/** The stand-in street network of `city` (see buildStandIn for the way names). */
export function generateStandIn(city: StandInCity, highways: GeojsonLines | null, options: StandInOptions): RoadGraph {
  return buildStandIn(city, highways, options).graph;
}

/** Class of each road kind; collectors are the CTB "via coletora" (tertiary in OSM terms). */
const CLASS_OF: Record<RoadKind, RoadClass> = { trunk: 'trunk', arterial: 'primary', collector: 'tertiary', local: 'residential' };

export function buildStandIn(city: StandInCity, highways: GeojsonLines | null, options: StandInOptions): StandIn {
  if (!Number.isInteger(options.seed)) throw new RangeError(`seed is ${options.seed}, expected an integer`);
  const frame = new LocalFrame(city.seat[0], city.seat[1]);
  const polys = city.polygon.type === 'Polygon' ? [city.polygon.coordinates] : city.polygon.coordinates;
  const rings: Rings = polys.flat().map((ring) => Float64Array.from(ring.flatMap(([lon, lat]) => [frame.x(lon), frame.y(lat)])));
  const layout = layoutStreets(rings, {
    seed: options.seed,
    population: city.population.value,
    densityPerKm2: options.densityPerKm2,
    spacingM: options.spacingM,
  });

  // Highways first, so that they get the first way ids (-1, -2, …).
  const trunks: LayoutRoad[] = [];
  if (highways) {
    const g = highways.graph;
    for (let e = 0; e < g.edgeCount; e++) {
      if (g.flags[e] & EdgeFlag.Reverse) continue;
      const line: number[] = [];
      for (let p = g.geometry.offsets[e]; p < g.geometry.offsets[e + 1]; p++) {
        line.push(frame.x(g.geometry.coords[2 * p]), frame.y(g.geometry.coords[2 * p + 1]));
      }
      for (const part of clipPolyline(line, rings)) {
        trunks.push({ kind: 'trunk', name: highways.edgeRef[e] || 'Rodovia federal', oneway: false, grid: false, points: part });
      }
    }
  }
  const roads = [...trunks, ...layout.roads];
  const s = layout.spacingM;
  const planar = planarize(
    roads.map((r) => ({ points: r.points, noded: r.grid })),
    { cellM: s, snapM: 0.1 * s },
  );

  // Nodes: inside the polygon, or on a highway (whose clipped ends lie on the boundary).
  const nodeCount = planar.nodeX.length;
  const onTrunk = new Uint8Array(nodeCount);
  for (const p of planar.pieces) if (roads[p.road].kind === 'trunk') onTrunk[p.a] = onTrunk[p.b] = 1;
  const usable = new Uint8Array(nodeCount);
  for (let v = 0; v < nodeCount; v++) usable[v] = onTrunk[v] || insideRings(rings, planar.nodeX[v], planar.nodeY[v]) ? 1 : 0;

  // Directed edges; the backward copy of a two-way piece carries EdgeFlag.Reverse.
  const pieces = planar.pieces.filter((p) => usable[p.a] && usable[p.b] && p.a !== p.b);
  const tails: number[] = [];
  const heads: number[] = [];
  const source: number[] = []; // piece index * 2 + (1 when backward)
  pieces.forEach((p, i) => {
    tails.push(p.a);
    heads.push(p.b);
    source.push(2 * i);
    if (!roads[p.road].oneway) {
      tails.push(p.b);
      heads.push(p.a);
      source.push(2 * i + 1);
    }
  });

  // Keep the largest strongly connected part (dropped local segments can cut corners off).
  const keep = largestComponentNodes(nodeCount, tails, heads);
  const newId = new Int32Array(nodeCount).fill(-1);
  const defaults = options.defaults ?? loadRoadClassDefaults();
  const trunkRefs = [...new Set(trunks.map((t) => t.name))].sort();
  const builder = new GraphBuilder({
    name: `${city.name} (stand-in street network)`,
    source: 'stand-in',
    synthetic: true,
    notes:
      `Generated stand-in, not surveyed streets. Anchors: seat [${city.seat.join(', ')}] of ${city.slug}; its municipality polygon; ` +
      `population ${city.population.value} (${city.population.year}) → urban radius ${(layout.radiusM / 1000).toFixed(2)} km at ` +
      `${options.densityPerKm2 ?? 3000} inhabitants/km²; grid spacing ${s} m; federal highways clipped to the polygon: ` +
      `${trunkRefs.length ? trunkRefs.join(', ') : 'none'}; seed ${options.seed}. Negative way ids are synthetic roads.`,
  });
  for (let v = 0; v < nodeCount; v++) {
    if (keep[v]) newId[v] = builder.addNode(frame.lon(planar.nodeX[v]), frame.lat(planar.nodeY[v]));
  }

  const usedWays = new Map<number, StandInWay>();
  for (let k = 0; k < tails.length; k++) {
    if (!keep[tails[k]] || !keep[heads[k]]) continue;
    const piece = pieces[source[k] >> 1];
    const backward = (source[k] & 1) === 1;
    const road = roads[piece.road];
    const geometry: number[] = [];
    const pts = piece.points;
    for (let q = 0; q < pts.length; q += 2) {
      const at = backward ? pts.length - 2 - q : q;
      geometry.push(frame.lon(pts[at]), frame.lat(pts[at + 1]));
    }
    let lengthM = 0;
    for (let q = 2; q < geometry.length; q += 2) lengthM += haversineM(geometry[q - 2], geometry[q - 1], geometry[q], geometry[q + 1]);
    const roadClass = CLASS_OF[road.kind];
    const cls = defaults.byCode[roadClassCode(roadClass)];
    if (!cls) throw new RangeError(`road class ${roadClass} has no defaults in ${defaults.file}`);
    // A highway is urban (CTB) within the town, rural beyond it.
    const mx = (pts[0] + pts[pts.length - 2]) / 2;
    const my = (pts[1] + pts[pts.length - 1]) / 2;
    const urban = road.kind !== 'trunk' || Math.hypot(mx, my) <= layout.radiusM;
    const lanes = road.oneway ? 2 : cls.lanesPerDirection;
    const wayId = -(piece.road + 1);
    builder.addEdge({
      tail: newId[tails[k]],
      head: newId[heads[k]],
      lengthM,
      speedKmh: urban ? cls.urbanKmh : cls.ruralKmh,
      capacityVph: lanes * cls.capacityPerLaneVph,
      lanes,
      roadClass: roadClassCode(roadClass),
      osmWayId: wayId,
      flags: EdgeFlag.Synthetic | (backward ? EdgeFlag.Reverse : 0),
      geometry,
    });
    if (!usedWays.has(wayId)) {
      usedWays.set(wayId, { id: wayId, name: road.name, kind: road.kind, oneway: road.oneway });
      // generated names, marked synthetic; a federal highway's name is its DNIT route number
      if (road.kind === 'trunk' && /^BR-/.test(road.name)) builder.nameWay(wayId, '', road.name, true);
      else builder.nameWay(wayId, road.name, '', true);
    }
  }
  const ways = [...usedWays.values()].sort((a, b) => b.id - a.id);
  return { graph: builder.finish(), ways, radiusM: layout.radiusM };
}

/** 1 for the nodes of the largest strongly connected component of the edge list. */
function largestComponentNodes(nodeCount: number, tails: number[], heads: number[]): Uint8Array {
  const firstOut = new Uint32Array(nodeCount + 1);
  for (const t of tails) firstOut[t + 1]++;
  for (let v = 0; v < nodeCount; v++) firstOut[v + 1] += firstOut[v];
  const fill = firstOut.slice(0, nodeCount);
  const head = new Uint32Array(tails.length);
  for (let k = 0; k < tails.length; k++) head[fill[tails[k]]++] = heads[k];
  const comps = stronglyConnectedComponents(nodeCount, firstOut, head);
  const best = largestComponent(comps);
  const keep = new Uint8Array(nodeCount);
  for (let v = 0; v < nodeCount; v++) keep[v] = comps.componentOf[v] === best ? 1 : 0;
  return keep;
}
