/**
 * compareRuns: what changes from run A (usually the baseline) to run B (an intervention).
 * Both runs must share a city, demand period and seed — the same demand — or the comparison
 * means nothing. Edges are joined by OSM way, direction and end positions (compare-join.ts),
 * zone pairs by zone id (compare-zones.ts), attractions by name.
 *
 * Terms: every Δ is B − A; `pct` is Δ as a percentage of A (null when A is 0 and Δ is not).
 * The Comparison is plain data apart from `edges.join` (typed arrays for the map), which
 * comparisonJson leaves out. Two dynamic runs add `dynamic` (compare-dynamic.ts: per-trip join
 * and queues by time of day); a static run is never compared with a dynamic one.
 */
import { edgeRef, topLinks, vcDistribution, type EdgeRef, type LinkChange, type VcDistribution } from './compare-edges.ts';
import { CompareError, joinEdges, type EdgeJoin } from './compare-join.ts';
import { compareDynamic, type DynamicComparison } from './compare-dynamic.ts';
import { compareZones, type ZoneComparison } from './compare-zones.ts';
import type { RunMeta, RunResult } from './run-result.ts';

export { CompareError } from './compare-join.ts';
export type { EdgeJoin } from './compare-join.ts';
export type { EdgeRef, LinkChange, VcDistribution } from './compare-edges.ts';
export type { ZoneComparison, ZonePairChange } from './compare-zones.ts';
export type { DynamicComparison, QueueChange } from './compare-dynamic.ts';

export interface Delta {
  a: number;
  b: number;
  delta: number;
  pct: number | null;
}

export interface RunSide {
  scenario: string;
  name: string;
  model: RunMeta['model'];
  synthetic: boolean;
  graphName: string;
  inputHash: string;
  createdAt: string;
  method: string;
  iterations: number;
  relativeGap: number;
}

export interface AttractionChange {
  name: string;
  lon: number;
  lat: number;
  /** Tourists' mean access time in each run, minutes; null where the run has no such attraction. */
  a: number | null;
  b: number | null;
  delta: number | null;
}

export interface Comparison {
  meta: {
    city: string;
    cityName: string;
    period: string;
    seed: number;
    /** True when either run is on a synthetic stand-in network. */
    synthetic: boolean;
    /** True when either run is on OpenStreetMap streets (ODbL attribution needed). */
    osm: boolean;
    a: RunSide;
    b: RunSide;
  };
  totals: { vkt: Delta; vht: Delta; meanTripMin: Delta; delayVh: Delta; co2Kg: Delta; trips: Delta; unreachableTrips: Delta };
  /**
   * False when the runs do not total over the same trips (a different demand, or trips with no
   * path in one run and not the other): then VKT, VHT, delay, CO₂ and mean trip time sum
   * different sets of trips, and the report says so instead of calling B better or worse.
   */
  sameTrips: boolean;
  edges: { countA: number; countB: number; matched: number; removed: EdgeRef[]; added: EdgeRef[]; changedB: number; join: EdgeJoin };
  vc: VcDistribution;
  topWorse: LinkChange[];
  topBetter: LinkChange[];
  zones: ZoneComparison;
  attractions: AttractionChange[];
  interventions: RunResult['interventions'];
  /** Both runs dynamic only. */
  dynamic?: DynamicComparison;
}

export interface CompareOptions {
  /** Rows in each top list (links and zone pairs); default 10. */
  top?: number;
}

export function compareRuns(a: RunResult, b: RunResult, options: CompareOptions = {}): Comparison {
  const top = options.top ?? 10;
  if (!Number.isInteger(top) || top < 0) throw new CompareError(`top must be a whole number ≥ 0, got ${top}`);
  checkSameBase(a.meta, b.meta);
  checkSameModel(a, b);
  const join = joinEdges(a.edges, b.edges);
  const links = topLinks(a.edges, b.edges, join, top);
  // street names: B's, else A's (a way closed in B is named in A only)
  const nameOf = (way: number) => b.wayNames?.label(way) ?? a.wayNames?.label(way);
  const named = <T extends { way: number; name?: string }>(r: T): T => {
    const name = nameOf(r.way);
    return name === undefined ? r : { ...r, name };
  };
  let changedB = 0;
  for (let e = 0; e < b.edges.count; e++) changedB += b.edges.changed[e] !== 0 ? 1 : 0;
  return {
    meta: {
      city: a.meta.city,
      cityName: a.meta.cityName,
      period: a.meta.period,
      seed: a.meta.seed,
      synthetic: a.meta.synthetic || b.meta.synthetic,
      osm: !a.meta.synthetic || !b.meta.synthetic,
      a: side(a),
      b: side(b),
    },
    totals: {
      vkt: delta(a.totals.vkt, b.totals.vkt),
      vht: delta(a.totals.vht, b.totals.vht),
      meanTripMin: delta(a.totals.meanTripMin, b.totals.meanTripMin),
      delayVh: delta(a.totals.delayVh, b.totals.delayVh),
      co2Kg: delta(a.totals.co2Kg, b.totals.co2Kg),
      trips: delta(a.totals.trips, b.totals.trips),
      unreachableTrips: delta(a.totals.unreachableTrips, b.totals.unreachableTrips),
    },
    sameTrips: sameTrips(a.totals, b.totals),
    edges: {
      countA: a.edges.count,
      countB: b.edges.count,
      matched: join.a.length,
      removed: Array.from(join.onlyA, (e) => named(edgeRef(a.edges, e))),
      added: Array.from(join.onlyB, (e) => named(edgeRef(b.edges, e))),
      changedB,
      join,
    },
    vc: vcDistribution(a.edges, b.edges),
    topWorse: links.worse.map(named),
    topBetter: links.better.map(named),
    zones: compareZones(a.zones, b.zones, top),
    attractions: compareAttractions(a.attractions, b.attractions),
    interventions: b.interventions,
    ...(a.dynamic && b.dynamic ? { dynamic: namedQueues(compareDynamic(a.dynamic, b.dynamic, a.edges, b.edges, join, top), named) } : {}),
  };
}

/** A static run and a dynamic one measure different things: one line saying so. */
export function checkSameModel(a: RunResult, b: RunResult): void {
  if (a.meta.model !== b.meta.model) {
    throw new CompareError(`runs "${a.meta.name}" (${a.meta.model}) and "${b.meta.name}" (${b.meta.model}) cannot be compared: one is static and one dynamic; compare two runs of the same model`);
  }
  if (a.meta.model === 'dynamic' && (!a.dynamic || !b.dynamic)) throw new CompareError(`run "${(a.dynamic ? b : a).meta.name}" is marked dynamic but has no simulation results; rerun it`);
}

/** Throws a one-line CompareError naming what differs when two runs do not share city, period and seed. */
export function checkSameBase(a: RunMeta, b: RunMeta): void {
  const differs: string[] = [];
  if (a.city !== b.city) differs.push(`city (A: ${a.city}, B: ${b.city})`);
  if (a.period !== b.period) differs.push(`period (A: ${a.period}, B: ${b.period})`);
  if (a.seed !== b.seed) differs.push(`seed (A: ${a.seed}, B: ${b.seed})`);
  if (differs.length > 0) throw new CompareError(`runs "${a.name}" and "${b.name}" cannot be compared: they differ in ${differs.join(', ')}; compare runs of the same city, period and seed`);
}

/** Half a trip: below it two trip totals (sums of expected flows) count as equal. */
const SAME_TRIPS_TOLERANCE = 0.5;

/** Whether two runs' totals are over the same trips: the same demand, reached in both. */
export function sameTrips(a: RunResult['totals'], b: RunResult['totals']): boolean {
  return Math.abs(a.trips - b.trips) < SAME_TRIPS_TOLERANCE && Math.abs(a.unreachableTrips - b.unreachableTrips) < SAME_TRIPS_TOLERANCE;
}

export function delta(a: number, b: number): Delta {
  const d = b - a;
  return { a, b, delta: d, pct: a !== 0 ? (d / a) * 100 : d === 0 ? 0 : null };
}

/** Attractions joined by name, in A's order then B's new ones; a name repeated in one run counts once (its first). */
export function compareAttractions(a: RunResult['attractions'], b: RunResult['attractions']): AttractionChange[] {
  const byNameB = new Map<string, RunResult['attractions'][number]>();
  for (const x of b) if (!byNameB.has(x.name)) byNameB.set(x.name, x);
  const seen = new Set<string>();
  const rows: AttractionChange[] = [];
  for (const x of a) {
    if (seen.has(x.name)) continue;
    seen.add(x.name);
    const y = byNameB.get(x.name);
    const mb = y === undefined ? null : finiteOrNull(y.accessMin);
    const ma = finiteOrNull(x.accessMin);
    rows.push({ name: x.name, lon: x.lon, lat: x.lat, a: ma, b: mb, delta: ma === null || mb === null ? null : mb - ma });
  }
  for (const y of byNameB.values()) {
    if (seen.has(y.name)) continue;
    rows.push({ name: y.name, lon: y.lon, lat: y.lat, a: null, b: finiteOrNull(y.accessMin), delta: null });
  }
  return rows;
}

/**
 * What `gemeo compare --json` prints: the three headline deltas, the top lists as
 * {way, dir, deltaVc, …}, the report's path, and the rest of the comparison without the
 * per-edge arrays.
 */
export function comparisonJson(c: Comparison, reportPath: string) {
  const link = (r: LinkChange) => ({ way: r.way, dir: r.dir, name: r.name ?? null, heading: r.heading, deltaVc: r.deltaVc, vcA: r.vcA, vcB: r.vcB, flowA: r.flowA, flowB: r.flowB, roadClass: r.roadClass, lon: r.lon, lat: r.lat, changed: r.changed });
  const { join: _join, ...edges } = c.edges;
  return {
    city: c.meta.city,
    a: c.meta.a,
    b: c.meta.b,
    period: c.meta.period,
    seed: c.meta.seed,
    synthetic: c.meta.synthetic,
    vkt: c.totals.vkt,
    vht: c.totals.vht,
    meanTripMin: c.totals.meanTripMin,
    delayVh: c.totals.delayVh,
    co2Kg: c.totals.co2Kg,
    // the trips of the period; `unreachable`: those with no path (left out of every total); `same`: see Comparison.sameTrips
    trips: { ...c.totals.trips, unreachable: c.totals.unreachableTrips, same: c.sameTrips },
    topWorse: c.topWorse.map(link),
    topBetter: c.topBetter.map(link),
    edges: { ...edges, removed: edges.removed.length, added: edges.added.length },
    vc: c.vc,
    zones: c.zones,
    attractions: c.attractions,
    interventions: c.interventions,
    ...(c.dynamic ? { dynamic: c.dynamic } : {}),
    report: reportPath,
  };
}

function namedQueues(d: DynamicComparison, named: <T extends { way: number; name?: string }>(r: T) => T): DynamicComparison {
  return { ...d, topQueueWorse: d.topQueueWorse.map(named), topQueueBetter: d.topQueueBetter.map(named) };
}

function side(run: RunResult): RunSide {
  const m = run.meta;
  return {
    scenario: m.scenario,
    name: m.name,
    model: m.model,
    synthetic: m.synthetic,
    graphName: m.graphName,
    inputHash: m.inputHash,
    createdAt: m.createdAt,
    method: run.assignment.method,
    iterations: run.assignment.iterations,
    relativeGap: run.assignment.relativeGap,
  };
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
