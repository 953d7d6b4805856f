/**
 * Tourists' access for a run's result: travel times from the places tourists sleep (OSM hotels,
 * else the municipal seat) to the places they visit (the curated attractions, else named OSM
 * tourism points), on the run's link times (attraction-access.ts).
 */
import type { City } from '../city/registry.ts';
import { loadAttractions } from '../demand/parameters.ts';
import type { RoadGraph } from '../graph/road-graph.ts';
import type { OsmPoi } from '../osm/osm-extract.ts';
import type { OpenNetwork } from '../scenario/reconnect.ts';
import type { EdgeIndex } from '../spatial/edge-index.ts';
import { attractionAccess, type AccessPlace } from './attraction-access.ts';
import type { RunResult } from './run-result.ts';

const HOTEL = new Set(['hotel', 'hostel', 'guest_house', 'motel', 'apartment']);
/** At most this many attractions from OSM points when a city has no curated list. */
const MAX_OSM_ATTRACTIONS = 20;

/** Tourists' access: from OSM hotels (else the municipal seat) to the curated attractions (else named OSM tourism points). */
export function touristAccess(city: City, graph: RoadGraph, index: EdgeIndex, timeS: Float64Array, pois: OsmPoi[], tourists: boolean, open?: OpenNetwork): RunResult['attractions'] {
  if (!tourists) return [];
  const snap = (lon: number, lat: number): number => {
    if (open) return open.connect(lon, lat);
    const hit = index.nearestEdge(lon, lat);
    return hit ? (hit.fraction < 0.5 ? graph.tail[hit.edge] : graph.head[hit.edge]) : -1;
  };
  const hotels = pois.filter((p) => HOTEL.has(p.tags.tourism ?? ''));
  const lodging = (hotels.length > 0 ? hotels.map((h) => [h.lon, h.lat]) : [city.seat]).map(([lon, lat]) => snap(lon, lat)).filter((n) => n >= 0);
  const curated = loadAttractions().get(city.slug) ?? [];
  const named = pois
    .filter((p) => p.tags.name && (p.tags.tourism === 'attraction' || p.tags.tourism === 'museum' || p.tags.tourism === 'viewpoint'))
    .sort((a, b) => a.id - b.id)
    .slice(0, MAX_OSM_ATTRACTIONS);
  const places: AccessPlace[] = (curated.length > 0 ? curated.map((a) => ({ name: a.name, lon: a.lon, lat: a.lat })) : named.map((p) => ({ name: p.tags.name, lon: p.lon, lat: p.lat })))
    .map((a) => ({ ...a, node: snap(a.lon, a.lat) }))
    .filter((a) => a.node >= 0);
  return attractionAccess(graph, timeS, lodging, new Float64Array(lodging.length).fill(1), places);
}
