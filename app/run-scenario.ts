/**
 * runScenario: one model run of a scenario, end to end — the city graph, the interventions
 * applied to a copy of it, the demand, static assignment, the metrics, and the run directory
 * `runs/<city>/<scenario>/<hash>/` (app/run-dir.ts), served from the cache when the same inputs
 * ran before.
 *
 * Demand is always built on the city's BASE graph (same seed → same zones and trips for a
 * baseline and each of its interventions, so compare joins zone pairs); only the scenario's
 * events add trips. Each zone's base road node is then found in the applied graph by position;
 * where it is gone or has lost every edge (a closure), the zone snaps to the nearest end of the
 * nearest remaining edge of the applied graph. Tolls enter route choice as generalized cost
 * (engine/scenario/value-of-time.ts); reported times are travel time only.
 *
 * A dynamic scenario runs the same steps up to the equilibrium, then the mesoscopic model with
 * paths drawn from its per-origin flows (app/run-dynamic.ts): timed closures act in their window, and the run
 * directory gains trips.csv and link-series.csv.
 */
import { fileURLToPath } from 'node:url';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assign } from '../engine/assignment/assign.ts';
import type { AssignmentMethod } from '../engine/assignment/result.ts';
import { roadAssignmentNetwork, roadEdgeFlows } from '../engine/assignment/road-network.ts';
import type { City } from '../engine/city/registry.ts';
import { buildDemand } from '../engine/demand/demand.ts';
import { DEFAULT_EXTERNAL_FILE } from '../engine/demand/external.ts';
import { ANTT_FILES } from './antt-counts.ts';
import { EXTERNAL_COUNTS_FILE, externalGateways } from './external-demand.ts';
import { demandOnNodes } from '../engine/demand/node-demand.ts';
import { DEFAULT_ATTRACTIONS_FILE, DEFAULT_PARAMETERS_FILE, DEFAULT_TOURISM_FILE, loadAttractions } from '../engine/demand/parameters.ts';
import { DEFAULT_CITIES_FILE } from '../engine/city/registry.ts';
import { PERIODS } from '../engine/demand/time-of-day.ts';
import type { RoadGraph } from '../engine/graph/road-graph.ts';
import { attractionAccess, type AccessPlace } from '../engine/metrics/attraction-access.ts';
import { co2Kg, DEFAULT_EMISSION_FACTORS_FILE, loadEmissionFactors } from '../engine/metrics/co2.ts';
import { linkMetrics } from '../engine/metrics/link-metrics.ts';
import { readResultFile, writeResultFile } from '../engine/metrics/result-file.ts';
import { runEdges, type RunResult } from '../engine/metrics/run-result.ts';
import { linkTotals, tripTotals } from '../engine/metrics/totals.ts';
import { zoneTimes } from '../engine/metrics/zone-times.ts';
import type { OsmPoi } from '../engine/osm/osm-extract.ts';
import { applyScenario } from '../engine/scenario/apply-scenario.ts';
import type { Scenario } from '../engine/scenario/scenario.ts';
import { tollSeconds } from '../engine/scenario/value-of-time.ts';
import { EdgeIndex } from '../engine/spatial/edge-index.ts';
import { cityBySlug, loadCityGraph, loadCityPois, REPO_ROOT, registry } from './city-graphs.ts';
import { poolAonLoader } from '../workers/aon-pool.ts';
import { routeOnPool } from '../workers/meso-route-pool.ts';
import { tdRouteOnPool } from '../workers/meso-td-route-pool.ts';
import { REROUTE_GAP } from '../engine/meso/simulate.ts';
import { buildRunDir, inputHash, isCompleteRun, scenarioFolder } from './run-dir.ts';
import { runDynamic, timedClosures, withoutTimedClosures, type DynamicOutcome } from './run-dynamic.ts';
import { runSummary, writeConvergenceCsv, writeLinkSeriesCsv, writeLinksCsv, writeLinksGeojson, writeSummary, writeTripsCsv } from './run-files.ts';

export interface RunOptions {
  /** Parent of the run directories; default `runs/` at the repository root. */
  runsDir?: string;
  /** Worker threads for the assignment's shortest paths (results do not depend on it). */
  workers?: number;
  /** Run even when the same inputs ran before (the new run replaces the cached one). */
  force?: boolean;
  /** The scenario file: its stem names the run folder (else a slug of the scenario's name). */
  scenarioFile?: string;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface RunOutcome {
  runDir: string;
  result: RunResult;
  cached: boolean;
  seconds: number;
}

export const ASSIGNMENT_DEFAULTS = { method: 'algb' as AssignmentMethod, gap: 1e-4, maxIter: 500 };
/**
 * Dynamic model: routes drawn from the equilibrium, then up to 10 iterations re-routing 15 % of
 * the vehicles on the times they met (MATSim-style replanning, keeping each vehicle's better
 * route), stopping once the movers' relative gap is at most 2 %. The static equilibrium lets
 * links run above capacity, the queue model does not, and drivers avoid the queues that result:
 * on Porto Alegre's morning (133,714 vehicles) the first run ends at a mean trip of 40 min with
 * 178k squeezes, the last at 11.7 min with 99.98 % arriving (bench/RESULTS.md).
 */
export const DYNAMIC_DEFAULTS = { reroute: 10, share: 0.15, gap: REROUTE_GAP };
const HOTEL = new Set(['hotel', 'hostel', 'guest_house', 'motel', 'apartment']);
/** At most this many attractions from OSM points when a city has no curated list. */
const MAX_OSM_ATTRACTIONS = 20;

export async function runScenario(scenario: Scenario, options: RunOptions = {}): Promise<RunOutcome> {
  const started = performance.now();
  const log: string[] = [];
  const note = (line: string) => log.push(`${((performance.now() - started) / 1000).toFixed(3)}s ${line}`);
  const progress = (stage: string, done = 0, total = 1) => {
    if (done === 0) note(stage);
    options.onProgress?.(stage, done, total);
  };
  const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

  progress('graph');
  const city = cityBySlug(scenario.city);
  const { graph: base, dir: graphDir } = loadCityGraph(city);
  const normalised = normaliseScenario(scenario);
  const hash = inputHash(
    { scenario: normalised, version },
    {
      graph: join(graphDir, 'graph.fb'),
      pois: join(graphDir, 'pois.json'),
      cities: process.env.GEMEO_CITIES_FILE ?? DEFAULT_CITIES_FILE,
      parameters: DEFAULT_PARAMETERS_FILE,
      attractions: DEFAULT_ATTRACTIONS_FILE,
      tourism: DEFAULT_TOURISM_FILE,
      emissions: DEFAULT_EMISSION_FACTORS_FILE,
      ...(normalised.demand.external ? { externalCounts: EXTERNAL_COUNTS_FILE, external: fileURLToPath(DEFAULT_EXTERNAL_FILE), highways: ANTT_FILES.highways } : {}),
    },
  );
  const runsDir = resolve(options.runsDir ?? join(REPO_ROOT, 'runs'));
  const runDir = join(scenarioFolder(runsDir, city.slug, options.scenarioFile, scenario.name), hash);
  if (!options.force && isCompleteRun(runDir)) {
    const result = readResultFile(join(runDir, 'result.fb'));
    return { runDir, result, cached: true, seconds: (performance.now() - started) / 1000 };
  }

  progress('apply');
  const dynamicModel = scenario.model === 'dynamic';
  const applied = applyScenario(base, dynamicModel ? withoutTimedClosures(scenario) : scenario, { city });
  const graph = applied.graph;

  progress('demand');
  const pois = loadCityPois(graphDir);
  const tourists = normalised.demand.tourists ? (normalised.demand.month !== undefined ? { month: normalised.demand.month } : true) : false;
  const external = normalised.demand.external ? externalGateways(city, base) : undefined;
  for (const line of external?.notes ?? []) note(`external traffic: ${line}`);
  const demand = buildDemand(city, base, { seed: scenario.seed, scale: normalised.demand.scale, tourists, events: applied.events, pois, cities: registry(), ...(external ? { external: { gateways: external.gateways } } : {}) });
  if (demand.summary.external) note(`external traffic: ${demand.summary.external.gateways} gateways; trips of the day: ${demand.summary.external.through} through, ${demand.summary.external.inbound} in, ${demand.summary.external.outbound} out, ${demand.summary.external.trucks} of them trucks`);
  const index = new EdgeIndex(graph);
  const closures = dynamicModel ? timedClosures(scenario, applied, index) : undefined;
  const zoneNode = nodesOnApplied(base, graph, index, demand.zoneNode);
  const od = demand.matrices[scenario.period];
  const nodeOd = demandOnNodes(od, zoneNode);

  progress('assign', 0, normalised.assignment.maxIter);
  const net = roadAssignmentNetwork(graph, nodeOd.zoneNodes);
  for (let e = 0; e < net.edgeCount; e++) net.toll[e] = net.roadEdge[e] >= 0 ? applied.tollBrl[net.roadEdge[e]] : 0;
  net.tollFactor = tollSeconds(1);
  const assigned = await assign(net, nodeOd.demand, {
    ...normalised.assignment,
    workers: options.workers ?? 1,
    parallel: poolAonLoader,
    // a dynamic run draws each trip's path from the origin flows (Algorithm B only)
    keepOriginFlows: dynamicModel,
    onIteration: (r) => options.onProgress?.('assign', r.iteration, normalised.assignment.maxIter),
  });
  note(`assignment ${assigned.method}: ${assigned.iterations} iterations, relative gap ${assigned.relativeGap.toExponential(3)}, ${assigned.seconds.toFixed(3)} s`);

  progress('metrics');
  let links = linkMetrics(graph, roadEdgeFlows(new Float64Array(graph.edgeCount), net, assigned.flow));
  let dyn: DynamicOutcome | undefined;
  if (dynamicModel) {
    progress('simulate');
    const routeCost = new Float64Array(new SharedArrayBuffer(8 * graph.edgeCount));
    for (let e = 0; e < graph.edgeCount; e++) routeCost[e] = graph.capacityVph[e] > 0 ? links.timeS[e] + applied.tollBrl[e] * net.tollFactor : Infinity;
    const workers = options.workers ?? 1;
    dyn = await runDynamic({
      graph,
      agents: demand.agents,
      originNode: nodesOnApplied(base, graph, index, demand.agents.originNode),
      destNode: nodesOnApplied(base, graph, index, demand.agents.destNode),
      equilibrium: assigned.originFlows ? { net, flows: assigned.originFlows } : undefined,
      period: PERIODS.find((p) => p.id === scenario.period)!,
      seed: scenario.seed,
      routeCost,
      closures: closures!,
      route: workers > 1 ? (g, c, o, d, u) => routeOnPool(g, c, o, d, u, workers) : undefined,
      rerouteFn: workers > 1 ? tdRouteOnPool(workers) : undefined,
      onIteration: (h) => options.onProgress?.('simulate', h.iteration + 1, 2 + normalised.dynamic!.reroute),
      reroute: normalised.dynamic!.reroute > 0 ? { iterations: normalised.dynamic!.reroute, share: normalised.dynamic!.share, gap: normalised.dynamic!.gap } : undefined,
    });
    const d = dyn.dynamic.summary;
    note(`routes: ${d.routesDrawn} of ${d.vehicles + d.rejected.sameNode + d.rejected.unreachable} trips drawn from the equilibrium's origin flows, the rest on equilibrium times`);
    for (const h of d.history) note(`queue model run ${h.iteration + 1}/${d.history.length}: ${h.arrived} arrived, ${h.stuck} stuck, mean trip ${(h.meanTravelTimeS / 60).toFixed(1)} min, ${h.squeezed} squeezed onto full links${Number.isFinite(h.gap) ? `, relative gap of the re-routed ${h.gap.toExponential(2)}` : ''}`);
    note(`simulation: ${d.vehicles} vehicles, ${d.arrived} arrived, ${d.stuck} stuck (${d.stuckTimedOut} timed out, ${d.unfinished} unfinished), ${d.squeezed} squeezed onto full links, ${d.timedClosures} links closed in time, ${d.seconds.toFixed(3)} s`);
    note(`conservation: departed ${d.vehicles} = arrived ${d.arrived} + stuck ${d.stuck}: ${d.conserved ? 'holds' : 'BROKEN'}`);
    links = dyn.links;
  }
  const z = demand.zones.count;
  const trips = new Float32Array(z * z);
  for (let o = 0; o < od.zoneCount; o++) for (let k = od.rowStart[o]; k < od.rowStart[o + 1]; k++) trips[o * z + od.dest[k]] += od.flow[k];
  progress('zone-times', 0, z);
  const times = zoneTimes(graph, links.timeS, zoneNode);
  const lt = dyn ? dyn.totals : linkTotals(graph, links.flowVph, links.timeS);
  const tt = dyn ? dyn.totals : tripTotals(times, trips);
  const factors = loadEmissionFactors();
  const access = touristAccess(city, graph, index, links.timeS, pois, normalised.demand.tourists);

  const result: RunResult = {
    meta: {
      city: city.slug,
      cityName: city.name,
      scenario: runDir.split(/[\\/]/).slice(-2, -1)[0],
      name: scenario.name,
      model: scenario.model,
      period: scenario.period,
      seed: scenario.seed,
      synthetic: graph.meta.synthetic,
      graphName: graph.meta.name,
      inputHash: hash,
      version,
      createdAt: new Date().toISOString(),
    },
    edges: runEdges(graph, links, applied.changed),
    zones: { count: z, ids: demand.zones.id, lon: demand.zones.lon, lat: demand.zones.lat, timeS: times, trips },
    totals: { ...lt, ...tt, co2Kg: co2Kg(lt.vkt, factors) },
    convergence: assigned.history,
    assignment: { method: assigned.method, iterations: assigned.iterations, relativeGap: assigned.relativeGap, seconds: assigned.seconds },
    attractions: access,
    interventions: applied.log,
    ...(dyn ? { dynamic: dyn.dynamic } : {}),
  };

  progress('write');
  await buildRunDir(runDir, (tmp) => {
    writeResultFile(join(tmp, 'result.fb'), result);
    writeLinksGeojson(join(tmp, 'links.geojson'), result, city.network.source === 'osm');
    writeLinksCsv(join(tmp, 'links.csv'), result);
    writeConvergenceCsv(join(tmp, 'convergence.csv'), result);
    if (result.dynamic) {
      writeTripsCsv(join(tmp, 'trips.csv'), result);
      writeLinkSeriesCsv(join(tmp, 'link-series.csv'), result);
    }
    options.onProgress?.('write', 1, 2);
    const seconds = (performance.now() - started) / 1000;
    note(`done in ${seconds.toFixed(3)} s`);
    writeSummary(tmp, runSummary(runDir, result, seconds, factors));
    writeRunLog(join(tmp, 'run.log'), scenario, log);
  }, options.force === true);
  return { runDir, result, cached: false, seconds: (performance.now() - started) / 1000 };
}

/** The scenario with every default filled in, as hashed and as run. */
export function normaliseScenario(s: Scenario): Scenario & { demand: { scale: number; tourists: boolean; month?: number; external?: boolean }; assignment: typeof ASSIGNMENT_DEFAULTS; dynamic?: { reroute: number; share: number; gap: number } } {
  const { dynamic, ...rest } = s;
  return {
    ...rest,
    // only a dynamic run hashes its dynamic settings, so static runs keep their cache keys
    ...(s.model === 'dynamic' ? { dynamic: { reroute: dynamic?.reroute ?? DYNAMIC_DEFAULTS.reroute, share: dynamic?.share ?? DYNAMIC_DEFAULTS.share, gap: dynamic?.gap ?? DYNAMIC_DEFAULTS.gap } } : {}),
    // external traffic is hashed only when on, so other runs keep their cache keys
    demand: { scale: s.demand?.scale ?? 1, tourists: s.demand?.tourists ?? true, ...(s.demand?.month !== undefined ? { month: s.demand.month } : {}), ...(s.demand?.external ? { external: true } : {}) },
    assignment: {
      method: s.assignment?.method ?? ASSIGNMENT_DEFAULTS.method,
      gap: s.assignment?.gap ?? ASSIGNMENT_DEFAULTS.gap,
      maxIter: s.assignment?.maxIter ?? ASSIGNMENT_DEFAULTS.maxIter,
    },
  };
}

/** Each zone's node in the applied graph: the node at the same position when it still has an edge, else the nearest remaining one. */
export function nodesOnApplied(base: RoadGraph, applied: RoadGraph, index: EdgeIndex, baseNodes: Uint32Array): Uint32Array {
  if (base === applied) return baseNodes;
  const degree = new Uint32Array(applied.nodeCount);
  for (let e = 0; e < applied.edgeCount; e++) {
    degree[applied.tail[e]]++;
    degree[applied.head[e]]++;
  }
  const at = new Map<string, number>();
  for (let v = 0; v < applied.nodeCount; v++) if (degree[v] > 0) at.set(`${applied.nodeLon[v]},${applied.nodeLat[v]}`, v);
  return Uint32Array.from(baseNodes, (b) => {
    const lon = base.nodeLon[b];
    const lat = base.nodeLat[b];
    const same = at.get(`${lon},${lat}`);
    if (same !== undefined) return same;
    const hit = index.nearestEdge(lon, lat);
    if (!hit) throw new Error(`the applied graph has no edge left to connect the zone at [${lon}, ${lat}]`);
    return hit.fraction < 0.5 ? applied.tail[hit.edge] : applied.head[hit.edge];
  });
}

/** Tourists' access: from OSM hotels (else the municipal seat) to the curated attractions (else named OSM tourism points). */
function touristAccess(city: City, graph: RoadGraph, index: EdgeIndex, timeS: Float64Array, pois: OsmPoi[], tourists: boolean): RunResult['attractions'] {
  if (!tourists) return [];
  const snap = (lon: number, lat: number): number => {
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

function writeRunLog(file: string, scenario: Scenario, log: string[]): void {
  const head = [`gemeo run: ${scenario.name} (${scenario.city}, ${scenario.period}, seed ${scenario.seed})`];
  writeFileSync(file, `${[...head, ...log].join('\n')}\n`);
}
