/**
 * A city's buses on its road graph: the timetable's patterns matched to the graph's edges
 * (engine/transit/match-shapes.ts), for run times and for bus flows preloaded on links.
 */
import type { RoadGraph } from '../engine/graph/road-graph.ts';
import { EdgeIndex } from '../engine/spatial/edge-index.ts';
import { ShapeMatcher, type PatternMatch } from '../engine/transit/match-shapes.ts';
import type { Timetable } from '../engine/transit/timetable.ts';
import { cityBySlug, loadCityGraph } from './city-graphs.ts';
import { loadCityTimetable } from './city-transit.ts';

export interface CityBuses {
  graph: RoadGraph;
  tt: Timetable;
  matches: PatternMatch[];
}

export function loadCityBuses(slug: string, date?: string): CityBuses {
  const { graph } = loadCityGraph(cityBySlug(slug));
  const tt = loadCityTimetable(slug, date);
  const matches = new ShapeMatcher(graph, new EdgeIndex(graph)).matchAll(tt);
  return { graph, tt, matches };
}
