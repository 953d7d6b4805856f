/**
 * The streets a city's buses and riders use, beside its car graph: the bus graph (the car graph
 * with the ways open to buses only, engine/transit/bus-graph.ts) and the walking graph
 * (engine/transit/walk-way-profile.ts, street-walk.ts), both built from the OSM file the car
 * graph came from. A city without one (a stand-in, a graph imported from elsewhere) has its car
 * graph as bus graph and no walking graph: walks are straight lines × detour there.
 */
import type { City } from '../engine/city/registry.ts';
import type { RoadGraph } from '../engine/graph/road-graph.ts';
import { buildRoadGraph } from '../engine/osm/build-road-graph.ts';
import { readOsmFile } from '../engine/osm/read-osm.ts';
import { busGraphFromExtract, carBusGraph, type BusGraph } from '../engine/transit/bus-graph.ts';
import { StreetWalk } from '../engine/transit/street-walk.ts';
import { walkWayProfile } from '../engine/transit/walk-way-profile.ts';
import { defaultOsmFile } from './city-graphs.ts';

export interface CityStreets {
  busGraph: BusGraph;
  walk: StreetWalk | null;
}

const built = new WeakMap<RoadGraph, CityStreets>();

/** The bus and walking graphs of the city whose car graph is `graph` (built once per graph). */
export function cityStreets(city: City, graph: RoadGraph): CityStreets {
  let streets = built.get(graph);
  if (!streets) {
    const file = defaultOsmFile(city);
    if (file) {
      const extract = readOsmFile(file);
      const walkGraph = buildRoadGraph(extract, { profile: walkWayProfile, name: `${city.name} on foot` }).graph;
      streets = { busGraph: busGraphFromExtract(extract, graph), walk: new StreetWalk(walkGraph) };
    } else {
      streets = { busGraph: carBusGraph(graph), walk: null };
    }
    built.set(graph, streets);
  }
  return streets;
}
