/**
 * Highway gateways: where a highway leaves the modelled network — a stand-in's DNIT highways
 * clipped at the municipal boundary, or a two-way trunk road cut by the edge of an OSM extract.
 * A gateway is a node of a motorway or trunk edge whose only neighbour (in and out) is one
 * node: a dead end of a highway, which inside a network does not happen. Its highway number
 * comes from the nearest DNIT line within `refWithinM` when the lines are given.
 */
import { roadClassCode } from '../graph/road-class.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import type { GeojsonLines } from '../osm/read-geojson-lines.ts';
import { EdgeIndex } from '../spatial/edge-index.ts';

export interface Gateway {
  node: number;
  lon: number;
  lat: number;
  /** Highway number(s) of the DNIT line at the gateway ("BR-163/BR-364"), or '' when none is near. */
  ref: string;
}

const HIGHWAY = new Set([roadClassCode('motorway'), roadClassCode('trunk')]);

export function highwayGateways(graph: RoadGraph, highways: GeojsonLines | null = null, refWithinM = 500): Gateway[] {
  const neighbour = new Int32Array(graph.nodeCount).fill(-1);
  const many = new Uint8Array(graph.nodeCount);
  const onHighway = new Uint8Array(graph.nodeCount);
  const see = (v: number, w: number) => {
    if (neighbour[v] === -1) neighbour[v] = w;
    else if (neighbour[v] !== w) many[v] = 1;
  };
  for (let e = 0; e < graph.edgeCount; e++) {
    const a = graph.tail[e]!;
    const b = graph.head[e]!;
    see(a, b);
    see(b, a);
    if (HIGHWAY.has(graph.roadClass[e]!)) onHighway[a] = onHighway[b] = 1;
  }
  const index = highways ? new EdgeIndex(highways.graph) : null;
  const out: Gateway[] = [];
  for (let v = 0; v < graph.nodeCount; v++) {
    if (!onHighway[v] || many[v] || neighbour[v] < 0) continue;
    const lon = graph.nodeLon[v]!;
    const lat = graph.nodeLat[v]!;
    const hit = index?.nearestEdge(lon, lat, refWithinM);
    out.push({ node: v, lon, lat, ref: hit ? highways!.edgeRef[hit.edge]! : '' });
  }
  return out;
}
