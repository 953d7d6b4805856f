/**
 * A city's demand as the CLI builds it: the city's graph (built on first use), its OSM points
 * of interest when it has them, and the demand model with a seed.
 */
import type { City } from '../engine/city/registry.ts';
import { buildDemand, type Demand } from '../engine/demand/demand.ts';
import type { DemandEvent } from '../engine/demand/events.ts';
import type { RoadGraph } from '../engine/graph/road-graph.ts';
import { cityBySlug, loadCityGraph, loadCityPois, registry } from './city-graphs.ts';

export interface CityDemandOptions {
  seed: number;
  scale?: number;
  tourists?: boolean | { month?: number };
  events?: DemandEvent[];
}

export function cityDemand(slug: string, options: CityDemandOptions): { city: City; graph: RoadGraph; demand: Demand } {
  const city = cityBySlug(slug);
  const { graph, dir } = loadCityGraph(city);
  const demand = buildDemand(city, graph, { ...options, pois: loadCityPois(dir), cities: registry() });
  return { city, graph, demand };
}
