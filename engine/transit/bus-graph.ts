/**
 * The graph buses are matched on: the car ways and the bus-only ways (bus-way-profile.ts)
 * segmented together, with each of its edges tied to the car edge it runs along, so that bus
 * times read the car graph's link times and bus flows land on the car graph's links.
 *
 * Terms: a bus-graph edge is a piece of one car edge (where a corridor joins a street between
 * two of the car graph's junctions, the car edge is cut there) or a bus-only edge (carEdge −1).
 * The tie is found by OSM way id, direction and the edge's first two points, which the two
 * graphs take from the same extract. Without an extract (a stand-in, a graph imported from a
 * file no longer at hand) the bus graph is the car graph itself.
 */
import { EdgeFlag } from '../graph/edge-flags.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import { buildRoadGraph, type BuildOptions } from '../osm/build-road-graph.ts';
import type { OsmExtract } from '../osm/osm-extract.ts';
import { busWayProfile } from './bus-way-profile.ts';

export interface BusGraph {
  graph: RoadGraph;
  /** The graph that link times, flows and bus lanes belong to. */
  car: RoadGraph;
  /** Per bus-graph edge: the car edge it is a piece of, or −1. */
  carEdge: Int32Array;
  /** Per bus-graph edge: its length over its car edge's (1 where it is the whole edge). */
  carShare: Float64Array;
}

/** The car graph as its own bus graph. */
export function carBusGraph(car: RoadGraph): BusGraph {
  const carEdge = new Int32Array(car.edgeCount);
  for (let e = 0; e < carEdge.length; e++) carEdge[e] = e;
  return { graph: car, car, carEdge, carShare: new Float64Array(car.edgeCount).fill(1) };
}

/** The bus graph of `extract`, tied to `car` (built from the same extract by the car rules). */
export function busGraphFromExtract(extract: OsmExtract, car: RoadGraph, options: BuildOptions = {}): BusGraph {
  const { graph } = buildRoadGraph(extract, { ...options, profile: busWayProfile, name: `${car.meta.name}, with bus-only ways` });
  const byWay = new Map<string, number[]>();
  for (let c = 0; c < car.edgeCount; c++) {
    const key = `${car.osmWayId[c]}|${car.flags[c] & EdgeFlag.Reverse}`;
    const list = byWay.get(key);
    if (list) list.push(c);
    else byWay.set(key, [c]);
  }
  const carEdge = new Int32Array(graph.edgeCount).fill(-1);
  const carShare = new Float64Array(graph.edgeCount);
  const g = graph.geometry;
  const cg = car.geometry;
  for (let e = 0; e < graph.edgeCount; e++) {
    if (graph.flags[e] & EdgeFlag.BusOnly) continue;
    const at = 2 * g.offsets[e];
    const [x0, y0, x1, y1] = [g.coords[at], g.coords[at + 1], g.coords[at + 2], g.coords[at + 3]];
    for (const c of byWay.get(`${graph.osmWayId[e]}|${graph.flags[e] & EdgeFlag.Reverse}`) ?? []) {
      let found = false;
      for (let k = cg.offsets[c]; k + 1 < cg.offsets[c + 1] && !found; k++) {
        found = cg.coords[2 * k] === x0 && cg.coords[2 * k + 1] === y0 && cg.coords[2 * k + 2] === x1 && cg.coords[2 * k + 3] === y1;
      }
      if (found) {
        carEdge[e] = c;
        carShare[e] = car.lengthM[c] > 0 ? Math.min(1, graph.lengthM[e] / car.lengthM[c]) : 1;
        break;
      }
    }
  }
  return { graph, car, carEdge, carShare };
}
