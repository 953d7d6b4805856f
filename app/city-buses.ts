/**
 * A city's buses on its road graph: the timetable's patterns matched to the bus graph (the
 * road graph with the city's bus-only corridors, engine/transit/bus-graph.ts), for run times
 * and for bus flows preloaded on links.
 */
import type { RoadGraph } from '../engine/graph/road-graph.ts';
import { EdgeIndex } from '../engine/spatial/edge-index.ts';
import type { BusGraph } from '../engine/transit/bus-graph.ts';
import { ShapeMatcher, type PatternMatch } from '../engine/transit/match-shapes.ts';
import type { Timetable } from '../engine/transit/timetable.ts';
import { cityBySlug, loadCityGraph } from './city-graphs.ts';
import { cityStreets } from './city-streets.ts';
import { loadCityTimetable } from './city-transit.ts';

export interface CityBuses {
  graph: RoadGraph;
  busGraph: BusGraph;
  tt: Timetable;
  matches: PatternMatch[];
}

export function loadCityBuses(slug: string, date?: string): CityBuses {
  const city = cityBySlug(slug);
  const { graph } = loadCityGraph(city);
  const { busGraph } = cityStreets(city, graph);
  const tt = loadCityTimetable(slug, date);
  const matches = new ShapeMatcher(busGraph.graph, new EdgeIndex(busGraph.graph)).matchAll(tt);
  return { graph, busGraph, tt, matches };
}
