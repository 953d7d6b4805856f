/**
 * clipExtract: keeps the ways of an extract that have at least one node inside a polygon, and
 * the POIs inside it — how a regional file (a Geofabrik Centro-Oeste extract, say) becomes one
 * municipality. Ways crossing the boundary are kept whole so no street is cut mid-block.
 */
import { pointInCityPolygon, type CityPolygon } from '../city/registry.ts';
import type { OsmExtract } from './osm-extract.ts';
import { InputError } from '../util/input-error.ts';

export function clipExtract(extract: OsmExtract, polygon: CityPolygon, file: string): OsmExtract {
  const box = bbox(polygon);
  const inside = (lon: number, lat: number) =>
    lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3] && pointInCityPolygon([lon, lat], polygon);
  const index = new Map<number, number>();
  for (let i = 0; i < extract.nodeIds.length; i++) index.set(extract.nodeIds[i], i);
  // each node is tested at most once
  const verdict = new Int8Array(extract.nodeIds.length); // 0 unknown, 1 in, -1 out
  const ways = extract.ways.filter((way) =>
    way.nodes.some((id) => {
      const i = index.get(id);
      if (i === undefined) return false;
      if (verdict[i] === 0) verdict[i] = inside(extract.nodeLon[i], extract.nodeLat[i]) ? 1 : -1;
      return verdict[i] === 1;
    }),
  );
  if (ways.length === 0) throw new InputError(file, 'no street of this file lies inside the city boundary; is it the extract of another place?');
  return { ...extract, ways, pois: extract.pois.filter((p) => inside(p.lon, p.lat)) };
}

function bbox(polygon: CityPolygon): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const polys = polygon.type === 'Polygon' ? [polygon.coordinates] : polygon.coordinates;
  for (const rings of polys) {
    for (const [lon, lat] of rings[0]) {
      box[0] = Math.min(box[0], lon);
      box[1] = Math.min(box[1], lat);
      box[2] = Math.max(box[2], lon);
      box[3] = Math.max(box[3], lat);
    }
  }
  return box;
}
