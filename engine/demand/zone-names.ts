/**
 * Zone names for people reading a report: an H3 cell id means nothing to an official.
 *
 * A cell zone takes the name of the nearest OSM place (suburb, neighbourhood, quarter, village,
 * hamlet, locality) within PLACE_REACH_M of its centre; else the nearest named street within
 * STREET_REACH_M; else the nearest named point of interest (an attraction, a school…) within
 * that reach; else none (readers fall back to the id). Names repeat — two cells on one avenue —
 * so a repeated street name becomes "Street × next street" (the nearest other named street, as
 * one names a corner), and a name still repeated gets " (2)", " (3)"… in zone order. A gateway
 * zone (`gateway:<slug>`) is named by the city it stands for.
 */
import type { RoadGraph } from '../graph/road-graph.ts';
import type { OsmPoi } from '../osm/osm-extract.ts';
import type { EdgeIndex } from '../spatial/edge-index.ts';
import { haversineM } from '../spatial/geo.ts';

export const PLACE_REACH_M = 1500;
export const STREET_REACH_M = 500;
const PLACE_KINDS = new Set(['suburb', 'neighbourhood', 'quarter', 'village', 'hamlet', 'locality']);
/** Nearest edges looked at for street names. */
const STREET_SEARCH = 64;

export interface NamedZones {
  count: number;
  id: readonly string[];
  lon: ArrayLike<number>;
  lat: ArrayLike<number>;
}

/** One name per zone ('' where none is found); `cityName` names a gateway's city by slug. */
export function zoneNames(zones: NamedZones, graph: RoadGraph, index: EdgeIndex, pois: readonly OsmPoi[], cityName: (slug: string) => string | undefined = () => undefined): string[] {
  const places = pois.filter((p) => p.tags.name && PLACE_KINDS.has(p.tags.place ?? ''));
  const named = pois.filter((p) => p.tags.name && !p.tags.place);
  const first: string[] = [];
  const second: string[] = [];
  for (let z = 0; z < zones.count; z++) {
    const id = zones.id[z];
    if (id.startsWith('gateway:')) {
      const slug = id.slice('gateway:'.length);
      first.push(cityName(slug) ?? slug);
      second.push('');
      continue;
    }
    const lon = zones.lon[z];
    const lat = zones.lat[z];
    const place = nearest(places, lon, lat, PLACE_REACH_M);
    if (place) {
      first.push(place.tags.name);
      second.push('');
      continue;
    }
    const streets = streetNames(graph, index, lon, lat);
    if (streets.length > 0) {
      first.push(streets[0]);
      second.push(streets[1] ?? '');
      continue;
    }
    first.push(nearest(named, lon, lat, STREET_REACH_M)?.tags.name ?? '');
    second.push('');
  }
  // a repeated name: the corner with the next street, then a counter
  const uses = new Map<string, number>();
  for (const n of first) if (n) uses.set(n, (uses.get(n) ?? 0) + 1);
  const out = first.map((n, z) => (n && uses.get(n)! > 1 && second[z] ? `${n} × ${second[z]}` : n));
  const seen = new Map<string, number>();
  return out.map((n) => {
    if (!n) return n;
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return k === 1 ? n : `${n} (${k})`;
  });
}

/** The distinct street names nearest a point, nearest first (within STREET_REACH_M). */
function streetNames(graph: RoadGraph, index: EdgeIndex, lon: number, lat: number): string[] {
  const out: string[] = [];
  for (const hit of index.nearestEdges(lon, lat, STREET_SEARCH, STREET_REACH_M)) {
    const n = graph.wayNames.get(graph.osmWayId[hit.edge]);
    const name = n ? n.name || n.ref : '';
    if (name && !out.includes(name)) out.push(name);
    if (out.length === 2) break;
  }
  return out;
}

function nearest(points: readonly OsmPoi[], lon: number, lat: number, reach: number): OsmPoi | undefined {
  let best: OsmPoi | undefined;
  let bestD = reach;
  for (const p of points) {
    const d = haversineM(lon, lat, p.lon, p.lat);
    if (d <= bestD) {
      bestD = d;
      best = p;
    }
  }
  return best;
}
