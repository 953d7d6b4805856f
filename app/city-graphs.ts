/**
 * Where each city's road graph lives and how it is made. A city's graph is built once and kept
 * as `<graphs dir>/<slug>/graph.fb`, with `graph.json` beside it (summary and import report):
 * - a reference city (network.source = 'osm') is imported from its shipped OSM file;
 * - a Mato Grosso city runs on its synthetic stand-in until `gemeo city fetch` or
 *   `gemeo city import` replaces it with real OSM streets.
 * The graphs directory is data/graphs/ of the repository unless GEMEO_GRAPHS_DIR says otherwise.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { writeJsonAtomic } from '../engine/util/write-atomic.ts';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CITIES_FILE, findCity, loadCities, type City } from '../engine/city/registry.ts';
import { readGraphFile, writeGraphFile } from '../engine/graph/graph-file.ts';
import { summarizeGraph, type GraphSummary } from '../engine/graph/graph-summary.ts';
import type { RoadGraph } from '../engine/graph/road-graph.ts';
import { importOsm, type ImportReport } from '../engine/osm/import-osm.ts';
import type { OsmPoi } from '../engine/osm/osm-extract.ts';
import { readGeojsonLines } from '../engine/osm/read-geojson-lines.ts';
import { buildStandIn } from '../engine/standin/generate-stand-in.ts';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const FEDERAL_HIGHWAYS_FILE = join(REPO_ROOT, 'data/mt/federal-highways-51.geojson');
/** Seed of every stand-in network: one fixed network per city, whoever builds it. */
export const STAND_IN_SEED = 1;

/** The registry: data/cities.json, or the file GEMEO_CITIES_FILE names. */
export function registry(): City[] {
  return loadCities(process.env.GEMEO_CITIES_FILE ?? DEFAULT_CITIES_FILE);
}

/** A registry city by slug; an unknown slug is answered with the list of valid ones. */
export function cityBySlug(slug: string): City {
  return findCity(slug, registry());
}

export function graphsDir(): string {
  return process.env.GEMEO_GRAPHS_DIR ? resolve(process.env.GEMEO_GRAPHS_DIR) : join(REPO_ROOT, 'data/graphs');
}

export function cityGraphDir(slug: string): string {
  return join(graphsDir(), slug);
}

/** What graph.json holds beside graph.fb. */
export interface GraphInfo {
  slug?: string;
  built: string;
  from: string;
  /** Hash of the code and defaults that built it (graphCodeFingerprint); a mismatch means stale. */
  fingerprint?: string;
  summary: GraphSummary;
  import?: ImportReport;
}

/**
 * The city's graph: loaded when built before, else built now (and kept). A default graph (the
 * shipped OSM file or the stand-in) built by other code or defaults than the current ones is
 * rebuilt; a graph the user imported is kept as it is (its source file may be gone).
 */
export function loadCityGraph(city: City): { graph: RoadGraph; info: GraphInfo; dir: string } {
  const dir = cityGraphDir(city.slug);
  if (existsSync(join(dir, 'graph.fb')) && existsSync(join(dir, 'graph.json'))) {
    const info = readGraphInfo(dir);
    const isDefault = info.from === defaultSource(city);
    if (!isDefault || info.fingerprint === graphCodeFingerprint()) return { graph: readGraphFile(join(dir, 'graph.fb')), info, dir };
  }
  return { ...buildCityGraph(city), dir };
}

/**
 * The OSM file the city's current graph was built from by the default rules, or null (a
 * stand-in, or a graph the user imported from elsewhere).
 */
export function defaultOsmFile(city: City): string | null {
  if (city.network.source !== 'osm') return null;
  const dir = cityGraphDir(city.slug);
  if (!existsSync(join(dir, 'graph.json')) || readGraphInfo(dir).from !== defaultSource(city)) return null;
  const file = repoPath(city.network.file);
  return existsSync(file) ? file : null;
}

/** What a default-built graph's `from` says: the shipped OSM file, or the stand-in and its seed. */
function defaultSource(city: City): string {
  return city.network.source === 'osm' ? city.network.file : `stand-in (seed ${STAND_IN_SEED})`;
}

/** The OSM points of interest kept with a city's graph (none for a stand-in). */
export function loadCityPois(dir: string): OsmPoi[] {
  const file = join(dir, 'pois.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as OsmPoi[]) : [];
}

/** Builds the city's default graph (shipped OSM file or stand-in) and writes it. */
export function buildCityGraph(city: City): { graph: RoadGraph; info: GraphInfo } {
  if (city.network.source === 'osm') {
    const file = repoPath(city.network.file);
    const { graph, report, extract } = importOsm(file, { name: `${city.name} (OpenStreetMap)` });
    return { graph, info: saveGraph(cityGraphDir(city.slug), graph, defaultSource(city), report, city.slug, extract.pois) };
  }
  const highways = readGeojsonLines(FEDERAL_HIGHWAYS_FILE, { lanesPerDirection: 1 });
  const { graph } = buildStandIn(city, highways, { seed: STAND_IN_SEED });
  return { graph, info: saveGraph(cityGraphDir(city.slug), graph, defaultSource(city), undefined, city.slug) };
}

/** Writes graph.fb, pois.json and graph.json (last, as the mark of a complete graph) into `dir`, each atomically. */
export function saveGraph(dir: string, graph: RoadGraph, from: string, report?: ImportReport, slug?: string, pois?: OsmPoi[]): GraphInfo {
  const info: GraphInfo = { ...(slug ? { slug } : {}), built: new Date().toISOString(), from, fingerprint: graphCodeFingerprint(), summary: summarizeGraph(graph), ...(report ? { import: report } : {}) };
  writeGraphFile(join(dir, 'graph.fb'), graph);
  if (pois) writeJsonAtomic(join(dir, 'pois.json'), pois);
  writeJsonAtomic(join(dir, 'graph.json'), info);
  return info;
}

export function readGraphInfo(dir: string): GraphInfo {
  return JSON.parse(readFileSync(join(dir, 'graph.json'), 'utf8')) as GraphInfo;
}

/** The network a city runs on now: its built graph when there is one, else its registry default. */
export function cityNetwork(city: City): { source: string; synthetic: boolean; built: boolean } {
  const dir = cityGraphDir(city.slug);
  if (existsSync(join(dir, 'graph.json'))) {
    const { summary } = readGraphInfo(dir);
    return { source: summary.source, synthetic: summary.synthetic, built: true };
  }
  return { source: city.network.source, synthetic: city.network.source === 'stand-in', built: false };
}


function repoPath(file: string): string {
  return isAbsolute(file) ? file : join(REPO_ROOT, file);
}

let fingerprint: string | undefined;

/**
 * A hash of everything that decides how a graph is built: the graph, OSM and stand-in code and
 * the road-class defaults and highways it reads. Computed once per process.
 */
export function graphCodeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha256');
  const files: string[] = [];
  for (const folder of ['engine/graph', 'engine/osm', 'engine/standin', 'engine/spatial']) {
    for (const name of readdirSync(join(REPO_ROOT, folder), { recursive: true }) as string[]) {
      if (name.endsWith('.ts') && !name.endsWith('.test.ts')) files.push(join(folder, name));
    }
  }
  files.push('data/road-classes.json', 'data/mt/federal-highways-51.geojson');
  for (const file of files.sort()) hash.update(file).update(readFileSync(join(REPO_ROOT, file)));
  fingerprint = hash.digest('hex').slice(0, 16);
  return fingerprint;
}
