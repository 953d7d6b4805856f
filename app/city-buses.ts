/**
 * A city's buses on its road graph: the timetable's patterns matched to the bus graph (the
 * road graph with the city's bus-only corridors, engine/transit/bus-graph.ts), for run times
 * and for bus flows preloaded on links.
 */
import type { City } from '../engine/city/registry.ts';
import type { RoadGraph } from '../engine/graph/road-graph.ts';
import { readOsmFile } from '../engine/osm/read-osm.ts';
import { EdgeIndex } from '../engine/spatial/edge-index.ts';
import { busGraphFromExtract, carBusGraph, type BusGraph } from '../engine/transit/bus-graph.ts';
import { ShapeMatcher, type PatternMatch } from '../engine/transit/match-shapes.ts';
import type { Timetable } from '../engine/transit/timetable.ts';
import { cityBySlug, defaultOsmFile, loadCityGraph } from './city-graphs.ts';
import { loadCityTimetable } from './city-transit.ts';

export interface CityBuses {
  graph: RoadGraph;
  busGraph: BusGraph;
  tt: Timetable;
  matches: PatternMatch[];
}

const built = new WeakMap<RoadGraph, BusGraph>();

/** The bus graph of the city's road graph `graph`: with its bus-only ways when the graph came from the shipped OSM file. */
export function cityBusGraph(city: City, graph: RoadGraph): BusGraph {
  let bg = built.get(graph);
  if (!bg) {
    const file = defaultOsmFile(city);
    bg = file ? busGraphFromExtract(readOsmFile(file), graph) : carBusGraph(graph);
    built.set(graph, bg);
  }
  return bg;
}

export function loadCityBuses(slug: string, date?: string): CityBuses {
  const city = cityBySlug(slug);
  const { graph } = loadCityGraph(city);
  const busGraph = cityBusGraph(city, graph);
  const tt = loadCityTimetable(slug, date);
  const matches = new ShapeMatcher(busGraph.graph, new EdgeIndex(busGraph.graph)).matchAll(tt);
  return { graph, busGraph, tt, matches };
}
