/**
 * The JSON (and one binary) endpoints of `gemeo serve`, over a runs folder laid out as
 * `<city>/<scenario>/<hash>/` (app/run-dir.ts). Terms: a `runDir` in a request or an answer is
 * that three-part path relative to the runs folder, with forward slashes — never a path of the
 * serving machine.
 *
 *   GET /api/runs                 → RunEntry[] (complete runs in the catalogue; summary numbers)
 *   GET /api/compare?a=&b=        → comparisonJson of the two runs (B − A)
 *   GET /api/join?a=&b=           → Int32 little-endian, one per edge of B: its edge in A or −1
 *   GET /api/city?slug=           → name, network kind and boundary polygon from data/cities.json
 *   GET /api/config               → { style } (the MapLibre style URL, or null: offline)
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { withCatalogue } from './catalogue/connection.ts';
import { listRunRows } from './catalogue/runs.ts';
import { join, sep } from 'node:path';
import { loadCities, type City } from '../engine/city/registry.ts';
import { compareRuns, comparisonJson, type Comparison } from '../engine/metrics/compare.ts';
import { readResultFile } from '../engine/metrics/result-file.ts';
import type { RunSummary } from './run-files.ts';
import { HttpError, safeSegments } from './server-paths.ts';

/** A run as /api/runs lists it: the summary's headline figures, the city's name and the number of interventions. */
export type RunEntry = Pick<
  RunSummary,
  'runDir' | 'city' | 'scenario' | 'name' | 'period' | 'model' | 'seed' | 'synthetic' | 'vkt' | 'vht' | 'meanTripMin' | 'delayVh' | 'co2Kg' | 'trips' | 'createdAt'
> & { cityName: string; interventions: number };

/**
 * Every complete run in the catalogue of `runsDir` (app/catalogue/) whose folder is on disk,
 * sorted by city, scenario, period and time of creation. Opening the catalogue imports run
 * folders it does not know yet, so a folder copied in by hand shows up too.
 */
export function listRuns(runsDir: string, cities: City[]): RunEntry[] {
  const names = new Map(cities.map((c) => [c.slug, c.name]));
  const rows = withCatalogue(runsDir, (c) => listRunRows(c, { status: 'complete' }));
  const runs: RunEntry[] = [];
  for (const r of rows) {
    if (!r.runDir || !existsSync(join(runsDir, r.runDir, 'result.fb'))) continue;
    runs.push({
      runDir: r.runDir,
      city: r.city,
      cityName: names.get(r.city) ?? r.city,
      scenario: r.scenario,
      name: r.name,
      period: r.period,
      model: r.model,
      seed: r.seed,
      synthetic: r.synthetic,
      vkt: r.vkt ?? 0,
      vht: r.vht ?? 0,
      meanTripMin: r.meanTripMin ?? 0,
      delayVh: r.delayVh ?? 0,
      co2Kg: r.co2Kg ?? 0,
      trips: r.trips ?? 0,
      interventions: r.interventions,
      createdAt: r.finishedAt,
    });
  }
  const order = (r: RunEntry) => `${r.city}\0${r.scenario}\0${r.period}\0${r.createdAt}\0${r.runDir}`;
  return runs.sort((x, y) => (order(x) < order(y) ? -1 : order(x) > order(y) ? 1 : 0));
}

/** The absolute folder of a complete run named by its relative `runDir`, or an HttpError. */
export function runFolder(runsDir: string, runDir: string | null, param: string): string {
  if (!runDir) throw new HttpError(400, `query parameter "${param}" is missing; expected a runDir from /api/runs`);
  const segments = safeSegments(runDir);
  if (segments.length !== 3) throw new HttpError(400, `query parameter "${param}" must be <city>/<scenario>/<hash>`);
  const root = realpathSync(runsDir);
  let real: string;
  try {
    real = realpathSync(join(root, ...segments));
  } catch {
    throw new HttpError(404, `run ${runDir} not found`);
  }
  if (!real.startsWith(root + sep) || !statSync(real).isDirectory() || !existsSync(join(real, 'result.fb'))) throw new HttpError(404, `run ${runDir} not found`);
  return real;
}

/** Comparisons computed from two run folders, the last few kept (a run folder never changes). */
export class ComparisonCache {
  private readonly entries = new Map<string, { json: unknown; join: Int32Array }>();

  constructor(private readonly keep = 4) {}

  get(dirA: string, dirB: string): { json: unknown; join: Int32Array } {
    const key = `${dirA}\0${dirB}`;
    const hit = this.entries.get(key);
    if (hit) return hit;
    const a = readResultFile(join(dirA, 'result.fb'));
    const b = readResultFile(join(dirB, 'result.fb'));
    let c: Comparison;
    try {
      c = compareRuns(a, b);
    } catch (err) {
      if ((err as Error).name === 'CompareError') throw new HttpError(400, (err as Error).message);
      throw err;
    }
    const aOfB = new Int32Array(b.edges.count).fill(-1);
    for (let k = 0; k < c.edges.join.b.length; k++) aOfB[c.edges.join.b[k]] = c.edges.join.a[k];
    const { report: _report, ...json } = comparisonJson(c, '');
    const entry = { json, join: aOfB };
    this.entries.set(key, entry);
    if (this.entries.size > this.keep) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }
}

/** A city's name, network kind and boundary for the map. */
export function cityInfo(cities: City[], slug: string | null): unknown {
  if (!slug) throw new HttpError(400, 'query parameter "slug" is missing; expected a city slug from data/cities.json');
  const c = cities.find((x) => x.slug === slug);
  if (!c) throw new HttpError(404, `unknown city "${slug}"`);
  return { slug: c.slug, name: c.name, osm: c.network.source === 'osm', polygonKind: c.polygonKind, polygon: c.polygon, seat: c.seat };
}

export function defaultCities(): City[] {
  return loadCities();
}
