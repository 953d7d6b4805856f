/**
 * Builds the recorded Overpass response data/fixtures/overpass/porto-alegre-centro.json from the
 * Porto Alegre extract: what `overpassQuery` would return for a box over the historic centre,
 * in the API's `[out:json]` shape. Semantics copied from Overpass: street ways with at least one
 * node in the box, POI nodes in the box (`out body`: nodes then ways, by id, with tags), then the
 * ways' nodes (`>; out skel qt`: id/lat/lon only, in quadtile order, tagged nodes repeated).
 * Run: npx tsx scripts/make-overpass-fixture.ts
 */
import { writeFileAtomic } from '../engine/util/write-atomic.ts';
import { fileURLToPath } from 'node:url';
import { POI_AMENITIES, STREET_HIGHWAYS } from '../engine/osm/overpass-client.ts';
import type { OsmExtract } from '../engine/osm/osm-extract.ts';
import { readPbf } from '../engine/osm/read-pbf.ts';

export interface Bbox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/** Centro Histórico of Porto Alegre (≈ 1.9 × 1.7 km). */
export const CENTRO_BBOX: Bbox = { minLon: -51.235, minLat: -30.04, maxLon: -51.215, maxLat: -30.025 };

export const SOURCE_PBF = new URL('../data/osm/porto-alegre/poa_osm.pbf', import.meta.url);
export const FIXTURE = new URL('../data/fixtures/overpass/porto-alegre-centro.json', import.meta.url);

/** Header fields as the API writes them; the timestamp is the extract's newest object. */
const GENERATOR = 'Overpass API 0.7.62.1 084b4234';
const COPYRIGHT =
  'The data included in this document is from www.openstreetmap.org. The data is made available under ODbL.';
const TIMESTAMP = '2020-08-12T19:31:51Z';

/** The Overpass `[out:json]` text for the streets and POIs of `extract` inside `bbox`. */
export function overpassJsonFromExtract(extract: OsmExtract, bbox: Bbox): string {
  const index = new Map<number, number>();
  extract.nodeIds.forEach((id, i) => index.set(id, i));
  const inside = (lon: number, lat: number): boolean =>
    lon >= bbox.minLon && lon <= bbox.maxLon && lat >= bbox.minLat && lat <= bbox.maxLat;
  const streets = new Set(STREET_HIGHWAYS);
  const amenities = new Set(POI_AMENITIES);

  const ways = extract.ways.filter(
    (w) =>
      streets.has(w.tags.highway) &&
      w.nodes.some((n) => {
        const i = index.get(n);
        return i !== undefined && inside(extract.nodeLon[i], extract.nodeLat[i]);
      }),
  );
  const pois = extract.pois.filter(
    (p) =>
      inside(p.lon, p.lat) &&
      (p.tags.tourism !== undefined ||
        p.tags.leisure !== undefined ||
        p.tags.historic !== undefined ||
        amenities.has(p.tags.amenity)),
  );
  const wayNodes = [...new Set(ways.flatMap((w) => w.nodes))].filter((n) => index.has(n));
  const qt = (n: number): number => quadtile(extract.nodeLon[index.get(n)!], extract.nodeLat[index.get(n)!]);
  wayNodes.sort((a, b) => qt(a) - qt(b) || a - b);

  const elements: object[] = [
    ...pois.map((p) => ({ type: 'node', id: p.id, lat: p.lat, lon: p.lon, tags: p.tags })),
    ...ways.map((w) => ({ type: 'way', id: w.id, nodes: w.nodes, tags: w.tags })),
    ...wayNodes.map((n) => {
      const i = index.get(n)!;
      return { type: 'node', id: n, lat: extract.nodeLat[i], lon: extract.nodeLon[i] };
    }),
  ];
  const head = JSON.stringify(
    { version: 0.6, generator: GENERATOR, osm3s: { timestamp_osm_base: TIMESTAMP, copyright: COPYRIGHT } },
    null,
    2,
  ).slice(0, -2);
  const body = elements.map((e) => JSON.stringify(e, null, 2)).join(',\n');
  return `${head},\n  "elements": [\n\n${body}\n\n  ]\n}\n`;
}

/** Overpass's quadtile index: latitude and longitude bits interleaved (16 bits each). */
function quadtile(lon: number, lat: number): number {
  const x = Math.floor(((lon + 180) / 360) * 65536) & 0xffff;
  const y = Math.floor(((lat + 90) / 180) * 65536) & 0xffff;
  let key = 0;
  for (let bit = 15; bit >= 0; bit--) key = key * 4 + ((y >> bit) & 1) * 2 + ((x >> bit) & 1);
  return key;
}

function main(): void {
  const extract = readPbf(fileURLToPath(SOURCE_PBF));
  const text = overpassJsonFromExtract(extract, CENTRO_BBOX);
  const target = fileURLToPath(FIXTURE);
  writeFileAtomic(target, text);
  console.log(`wrote ${target} (${text.length} bytes)`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main();
