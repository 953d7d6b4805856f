/**
 * What the viewer fetches from `gemeo serve` (app/server-api.ts): the run list, a run's
 * result.fb (decoded once and kept), the edge join and comparison of two runs, a city's
 * boundary and the basemap configuration. Every failure is an Error with the server's one-line
 * reason.
 */
import type { RunEntry } from '../../app/server-api.ts';
import { decodeRunResult, type ViewerRun } from './result-decode.ts';
import type { TransitSummary } from '../../engine/transit/transit-summary.ts';

/** A run as /api/runs lists it: the server's own type (type-only, so no server code reaches the bundle). */
export type { RunEntry };

export interface Delta {
  a: number;
  b: number;
  delta: number;
  pct: number | null;
}

/** The parts of comparisonJson (engine/metrics/compare.ts) the viewer shows. */
export interface ComparisonJson {
  city: string;
  period: string;
  synthetic: boolean;
  vkt: Delta;
  vht: Delta;
  meanTripMin: Delta;
  delayVh: Delta;
  co2Kg: Delta;
  trips: Delta;
  edges: { countA: number; countB: number; matched: number; removed: number; added: number; changedB: number };
  interventions: { intervention: number; type: string; edges: number; note: string; label?: string; attendance?: number; from?: string; to?: string }[];
}

export interface CityInfo {
  slug: string;
  name: string;
  osm: boolean;
  polygon: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
  seat: [number, number];
}

const runs = new Map<string, Promise<ViewerRun>>();

async function get(url: string): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status} ${(await res.text()).trim()}`);
  return res;
}

export async function fetchRuns(): Promise<RunEntry[]> {
  return (await get('/api/runs')).json() as Promise<RunEntry[]>;
}

export function fetchRun(runDir: string): Promise<ViewerRun> {
  let p = runs.get(runDir);
  if (!p) {
    p = get(`/runs/${runDir}/result.fb`).then(async (r) => decodeRunResult(await r.arrayBuffer(), `${runDir}/result.fb`));
    p.catch(() => runs.delete(runDir));
    runs.set(runDir, p);
  }
  return p;
}

const pair = (a: string, b: string) => `a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`;

export async function fetchJoin(a: string, b: string): Promise<Int32Array> {
  return new Int32Array(await (await get(`/api/join?${pair(a, b)}`)).arrayBuffer());
}

export async function fetchComparison(a: string, b: string): Promise<ComparisonJson> {
  return (await get(`/api/compare?${pair(a, b)}`)).json() as Promise<ComparisonJson>;
}

/** A run's transit.json (runs made with transit modelling), else null. */
export async function fetchTransit(runDir: string): Promise<TransitSummary | null> {
  const res = await fetch(`/runs/${runDir}/transit.json`);
  return res.ok ? ((await res.json()) as TransitSummary) : null;
}

export async function fetchCity(slug: string): Promise<CityInfo> {
  return (await get(`/api/city?slug=${encodeURIComponent(slug)}`)).json() as Promise<CityInfo>;
}

export async function fetchConfig(): Promise<{ style: string | null }> {
  return (await get('/api/config')).json() as Promise<{ style: string | null }>;
}
