/**
 * The city registry: data/cities.json (written by scripts/build-cities.ts, editable by hand)
 * loaded, validated and looked up by slug. Code never lists cities; it asks the registry.
 *
 * Terms: `slug` is the ascii id used on the command line and in file names (cuiaba,
 * varzea-grande…); `role` is 'pilot' (the 10 most populous MT municipalities), 'tourism' (a
 * destination of tourist flows) or 'reference' (a WeGO member city with a real OSM extract);
 * `seat` is the municipal seat as [lon, lat]; `polygon` is a GeoJSON Polygon/MultiPolygon, the
 * IBGE municipality boundary or, for reference cities, the bounding box of the OSM extract
 * (`polygonKind` says which). `network` says where the street network comes from: an OSM file
 * (path relative to the repository root) or the deterministic stand-in generator.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describeFsError } from '../util/input-file.ts';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { InputError } from '../util/input-error.ts';

export type CityRole = 'pilot' | 'tourism' | 'reference';

export interface City {
  slug: string;
  name: string;
  /** IBGE municipality code (7 digits). */
  ibge: number;
  role: CityRole;
  seat: [lon: number, lat: number];
  population: { value: number; year: number; source: string };
  polygonKind: 'municipality' | 'osm-extract-bbox';
  polygon: CityPolygon;
  /** Ministry of Tourism figures; null where the city is not in the MTur files. */
  tourism: CityTourism | null;
  network: { source: 'osm'; file: string } | { source: 'stand-in' };
}

export type CityPolygon =
  | { type: 'Polygon'; coordinates: [number, number][][] }
  | { type: 'MultiPolygon'; coordinates: [number, number][][][] };

export interface CityTourism {
  domesticVisitors: number;
  internationalVisitors: number;
  lodgingEstablishments: number;
  lodgingJobs: number;
  /** MTur category A (most tourism activity) … E. */
  category: string;
  year: number;
  source: string;
}

/** data/cities.json of this repository. */
export const DEFAULT_CITIES_FILE = fileURLToPath(new URL('../../data/cities.json', import.meta.url));

/** Reads and validates a registry file; every problem names the entry and field. */
export function loadCities(file: string = DEFAULT_CITIES_FILE): City[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(file, describeFsError(error));
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new InputError(file, `not valid JSON (${(error as Error).message})`);
  }
  return validateCities(doc, file);
}

let defaultCities: City[] | undefined;

/** The city with this slug, from `cities` or the default registry; unknown slugs list the valid ones. */
export function findCity(slug: string, cities?: City[]): City {
  const list = cities ?? (defaultCities ??= loadCities());
  const city = list.find((c) => c.slug === slug);
  if (!city) throw new UnknownCityError(slug, list.map((c) => c.slug));
  return city;
}

export class UnknownCityError extends Error {
  override name = 'UnknownCityError';
  constructor(
    readonly slug: string,
    readonly validSlugs: string[],
  ) {
    super(`unknown city "${slug}"; valid slugs: ${validSlugs.join(', ')}`);
  }
}

/** Checks a parsed registry document; `file` only names it in messages. */
export function validateCities(doc: unknown, file: string): City[] {
  if (!isObject(doc) || !Array.isArray(doc.cities)) throw new InputError(file, 'expected an object with a "cities" array');
  const seen = new Set<string>();
  return doc.cities.map((entry: unknown, i: number) => {
    const label = isObject(entry) && typeof entry.slug === 'string' ? `cities[${i}] (${entry.slug})` : `cities[${i}]`;
    const fail = (field: string, expected: string, value: unknown): never => {
      throw new InputError(file, `${label}: ${field} is ${show(value)}, expected ${expected}`);
    };
    if (!isObject(entry)) return fail('the entry', 'an object', entry);
    const e = entry;
    if (typeof e.slug !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(e.slug)) fail('slug', 'lower-case ascii words joined by "-"', e.slug);
    if (seen.has(e.slug as string)) fail('slug', 'a slug not used by an earlier entry', e.slug);
    seen.add(e.slug as string);
    if (typeof e.name !== 'string' || e.name.trim() === '') fail('name', 'a non-empty string', e.name);
    if (!Number.isInteger(e.ibge) || (e.ibge as number) < 1_000_000 || (e.ibge as number) > 9_999_999) fail('ibge', 'a 7-digit IBGE code', e.ibge);
    if (e.role !== 'pilot' && e.role !== 'tourism' && e.role !== 'reference') fail('role', '"pilot", "tourism" or "reference"', e.role);
    if (!isLonLat(e.seat)) fail('seat', '[lon, lat] in degrees', e.seat);
    const pop = e.population;
    if (!isObject(pop)) fail('population', 'an object {value, year, source}', pop);
    const p = pop as Record<string, unknown>;
    if (!Number.isInteger(p.value) || (p.value as number) <= 0) fail('population.value', 'a positive integer', p.value);
    if (!Number.isInteger(p.year)) fail('population.year', 'a year', p.year);
    if (typeof p.source !== 'string' || p.source === '') fail('population.source', 'a non-empty string', p.source);
    if (e.polygonKind !== 'municipality' && e.polygonKind !== 'osm-extract-bbox') fail('polygonKind', '"municipality" or "osm-extract-bbox"', e.polygonKind);
    const polyProblem = polygonProblem(e.polygon);
    if (polyProblem) throw new InputError(file, `${label}: polygon${polyProblem.at} is ${polyProblem.shown}, expected ${polyProblem.expected}`);
    if (!pointInCityPolygon(e.seat as [number, number], e.polygon as CityPolygon)) fail('seat', 'a point inside the polygon', e.seat);
    if (e.tourism !== null) {
      if (!isObject(e.tourism)) fail('tourism', 'null or an object', e.tourism);
      const t = e.tourism as Record<string, unknown>;
      for (const k of ['domesticVisitors', 'internationalVisitors', 'lodgingEstablishments', 'lodgingJobs'] as const) {
        if (!Number.isInteger(t[k]) || (t[k] as number) < 0) fail(`tourism.${k}`, 'an integer ≥ 0', t[k]);
      }
      if (typeof t.category !== 'string' || !/^[A-E]$/.test(t.category)) fail('tourism.category', 'one of A, B, C, D, E', t.category);
      if (!Number.isInteger(t.year)) fail('tourism.year', 'a year', t.year);
      if (typeof t.source !== 'string' || t.source === '') fail('tourism.source', 'a non-empty string', t.source);
    }
    const net = e.network;
    if (!isObject(net) || (net.source !== 'osm' && net.source !== 'stand-in')) fail('network.source', '"osm" or "stand-in"', isObject(net) ? net.source : net);
    const n = net as Record<string, unknown>;
    if (n.source === 'osm' && (typeof n.file !== 'string' || n.file === '')) fail('network.file', 'the path of an OSM file, relative to the repository root', n.file);
    return e as unknown as City;
  });
}

/** Whether a point lies inside the city's Polygon or MultiPolygon (holes excluded, boundary included): turf's test. */
export function pointInCityPolygon(point: [number, number], polygon: CityPolygon): boolean {
  return booleanPointInPolygon(point, polygon);
}

function polygonProblem(g: unknown): { at: string; expected: string; shown: string } | undefined {
  if (!isObject(g) || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
    return { at: '.type', expected: '"Polygon" or "MultiPolygon"', shown: show(isObject(g) ? g.type : g) };
  }
  if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return { at: '.coordinates', expected: 'a non-empty array', shown: show(g.coordinates) };
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown[];
  for (let p = 0; p < polys.length; p++) {
    const rings = polys[p];
    const base = g.type === 'Polygon' ? '.coordinates' : `.coordinates[${p}]`;
    if (!Array.isArray(rings) || rings.length === 0) return { at: base, expected: 'a non-empty array of rings', shown: show(rings) };
    for (let r = 0; r < rings.length; r++) {
      const ring = rings[r];
      const at = `${base}[${r}]`;
      if (!Array.isArray(ring) || ring.length < 4) return { at, expected: 'a ring of at least 4 positions', shown: Array.isArray(ring) ? `${ring.length} positions` : show(ring) };
      for (let k = 0; k < ring.length; k++) if (!isLonLat(ring[k])) return { at: `${at}[${k}]`, expected: '[lon, lat] in degrees', shown: show(ring[k]) };
      const a = ring[0] as number[];
      const z = ring[ring.length - 1] as number[];
      if (a[0] !== z[0] || a[1] !== z[1]) return { at, expected: 'a closed ring (last position equal to the first)', shown: `open (${show(a)} … ${show(z)})` };
    }
  }
  return undefined;
}

function isLonLat(v: unknown): boolean {
  return (
    Array.isArray(v) &&
    v.length === 2 &&
    Number.isFinite(v[0]) &&
    Number.isFinite(v[1]) &&
    Math.abs(v[0] as number) <= 180 &&
    Math.abs(v[1] as number) <= 90
  );
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? s.slice(0, 57) + '…' : s;
}
