/**
 * runScenario: one model run of a scenario, end to end — the city graph, the interventions
 * applied to a copy of it, the demand, static assignment, the metrics, and the run directory
 * `runs/<city>/<scenario>/<hash>/` (app/run-dir.ts), served from the cache when the same inputs
 * ran before.
 *
 * Demand is always built on the city's BASE graph (same seed → same zones and trips for a
 * baseline and each of its interventions, so compare joins zone pairs); only the scenario's
 * events add trips. On an applied graph a zone keeps its node while the street it connects to is
 * open; else it reconnects to the nearest open street by the rule of its base connection
 * (engine/scenario/reconnect.ts), so trips go unreachable only where the network is truly cut
 * in pieces, and those are counted (totals.unreachableTrips). Tolls enter route choice as generalized cost
 * (engine/scenario/value-of-time.ts); reported times are travel time only.
 *
 * A dynamic scenario runs the same steps up to the equilibrium, then the mesoscopic model with
 * paths drawn from its per-origin flows (app/run-dynamic.ts): timed closures act in their window, and the run
 * directory gains trips.csv and link-series.csv.
 */
import { fileURLToPath } from 'node:url';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { assign } from '../engine/assignment/assign.ts';
import type { AssignmentMethod } from '../engine/assignment/result.ts';
import { roadAssignmentNetwork, roadEdgeFlows, scaleRoadCapacity } from '../engine/assignment/road-network.ts';
import { buildDemand, type Demand } from '../engine/demand/demand.ts';
import { demandCacheFile, demandCacheKey, loadDemandCache, saveDemandCache } from './demand-cache.ts';
import { DEFAULT_EXTERNAL_FILE } from '../engine/demand/external.ts';
import { ANTT_FILES } from './antt-counts.ts';
import { applyCalibration, readCalibrationFile, type CalibrationFile } from './calibration-file.ts';
import { cityExternalGateways } from './city-external.ts';
import { CORDON_FILE } from './cordon-gateways.ts';
import { EXTERNAL_COUNTS_FILE } from './external-demand.ts';
import { demandOnNodes, denseTrips } from '../engine/demand/node-demand.ts';
import { classFlows, vehicleFlows } from '../engine/assignment/vehicle-classes.ts';
import { CLASS_FLOWS_FILE, classDemand, writeClassFlows } from './truck-class.ts';
import { zoneNames } from '../engine/demand/zone-names.ts';
import { DEFAULT_ATTRACTIONS_FILE, DEFAULT_PARAMETERS_FILE, DEFAULT_TOURISM_FILE } from '../engine/demand/parameters.ts';
import { DEFAULT_CITIES_FILE } from '../engine/city/registry.ts';
import { PERIODS } from '../engine/demand/time-of-day.ts';
import { touristAccess } from '../engine/metrics/tourist-access.ts';
import { co2Kg, DEFAULT_EMISSION_FACTORS_FILE, loadEmissionFactors } from '../engine/metrics/co2.ts';
import { linkMetrics } from '../engine/metrics/link-metrics.ts';
import { readResultFile, writeResultFile } from '../engine/metrics/result-file.ts';
import { runEdges, type RunResult } from '../engine/metrics/run-result.ts';
import { linkTotals, tripTotals } from '../engine/metrics/totals.ts';
import { zoneTimes, zoneTimesFromCosts } from '../engine/metrics/zone-times.ts';
import { applyScenario } from '../engine/scenario/apply-scenario.ts';
import { appliedEdges, endsOnApplied, OpenNetwork, reconnectZones } from '../engine/scenario/reconnect.ts';
import { resolveStreets } from '../engine/scenario/streets.ts';
import type { Scenario } from '../engine/scenario/scenario.ts';
import { routeCosts, setNetworkTolls } from '../engine/scenario/value-of-time.ts';
import { EdgeIndex } from '../engine/spatial/edge-index.ts';
import { cityBySlug, loadCityGraph, loadCityPois, REPO_ROOT, registry } from './city-graphs.ts';
import { poolAonLoader } from '../workers/aon-pool.ts';
import { poolBushRunner, prestartBushPool, releaseSpareBushPool } from '../workers/algb-pool.ts';
import { zoneTimesOnPool } from '../workers/zone-times-pool.ts';
import { routeOnPool } from '../workers/meso-route-pool.ts';
import { EQUILIBRIUM_GAP } from '../engine/meso/simulate.ts';
import { tdZoneTimes } from '../engine/meso/td-zone-times.ts';
import { CAPACITY_STEP, DEFAULT_STEP, type EquilibriumScheme } from '../engine/meso/dynamic-equilibrium.ts';
import { BEST_PATH_INTERVAL_S } from '../engine/meso/best-paths.ts';
import { bestPathsOnPool } from '../workers/meso-best-path-pool.ts';
import { buildRunDir, inputHash, isCompleteRun, scenarioFolder } from './run-dir.ts';
import { findWarmStart, loadWarmStart, saveWarmStart, warmStartKey } from './warm-start.ts';
import type { WarmStart } from '../engine/assignment/algorithm-b-workspace.ts';
import { warmStartFrom } from '../engine/assignment/algorithm-b.ts';
import { runDynamic, type DynamicOutcome } from './run-dynamic.ts';
import { timedClosures, withoutTimedClosures } from '../engine/meso/timed-closures.ts';
import { withCatalogue } from './catalogue/connection.ts';
import { findRun, recordComplete, recordFailed, relativeRunDir } from './catalogue/runs.ts';
import { findTransitBaseline, runTransit, TRANSIT_DEFAULTS } from './run-transit.ts';
import { TRANSIT_FEEDS } from './city-transit.ts';
import { DEFAULT_MODE_SHARES_FILE } from '../engine/transit/mode-choice.ts';
import type { TransitSummary } from '../engine/transit/transit-summary.ts';
import { costIsTravelTime, type OdDemand } from '../engine/assignment/network.ts';
import { ROAD_BPR } from '../engine/assignment/road-network.ts';
import { runSummary, type RunSummary, writeConvergenceCsv, writeLinkSeriesCsv, writeLinksCsv, writeLinksGeojson, writeSummary, writeTripsCsv } from './run-files.ts';

export interface RunOptions {
  /** Parent of the run directories; default `runs/` at the repository root. */
  runsDir?: string;
  /** Worker threads (results do not depend on it); default: autoWorkers of the assignment network. */
  workers?: number;
  /** Run even when the same inputs ran before (the new run replaces the cached one). */
  force?: boolean;
  /** The scenario file: its stem names the run folder (else a slug of the scenario's name). */
  scenarioFile?: string;
  onProgress?: (stage: string, done: number, total: number) => void;
  /** Record the run in the runs folder's catalogue (app/catalogue/); default true. */
  catalogue?: boolean;
  /**
   * Where Algorithm B starts (origin flows on this run's own assignment network): `gemeo calibrate`
   * starts its calibrated baseline at the loop's last equilibrium, so the run gives the fit the loop kept.
   * The run still goes to its own gap; a start on another network is ignored.
   */
  warmStart?: { start: WarmStart; edgeCount: number; zoneCount: number };
}

export interface RunOutcome {
  runDir: string;
  result: RunResult;
  cached: boolean;
  seconds: number;
  /** The run's row in the catalogue (absent with `catalogue: false`). */
  catalogueId?: number;
}

export const ASSIGNMENT_DEFAULTS = { method: 'algb' as AssignmentMethod, gap: 1e-4, maxIter: 500 };
/**
 * Dynamic model: routes drawn from the equilibrium, then the dynamic-equilibrium loop
 * (engine/meso/dynamic-equilibrium.ts): after each queue-model run every vehicle's best
 * time-dependent path is found, the relative gap of all vehicles measured, and vehicles swapped
 * towards their best paths in proportion to their excess time (step 1/√k), each checked against
 * the queue the movers before it add (capacity-swap.ts; those it holds back get a second path
 * found on the link times with that queue, `retry`), for at most
 * `reroute` iterations after the first run or until the gap is at most 2 %. The measured
 * convergence on Porto Alegre behind these defaults is in bench/RESULTS.md.
 */
export const DYNAMIC_DEFAULTS = { reroute: 20, share: 0.15, gap: EQUILIBRIUM_GAP, scheme: 'capacity' as EquilibriumScheme, step: CAPACITY_STEP, retry: true };

/** What the catalogue needs to know of a run as it goes (filled by computeRun). */
interface RunFacts {
  runsDir?: string;
  runDir?: string;
  hash?: string;
  version?: string;
  summary?: RunSummary;
}

/**
 * Runs a scenario and records it in the catalogue: a complete run once its folder is in place,
 * a run that throws as `failed` with its message (the error then passes on).
 */
export async function runScenario(scenario: Scenario, options: RunOptions = {}): Promise<RunOutcome> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const facts: RunFacts = {};
  let outcome: RunOutcome;
  try {
    outcome = await computeRun(scenario, options, facts);
  } catch (err) {
    if (options.catalogue !== false && facts.hash && facts.runDir && facts.runsDir) {
      const { runsDir, runDir, hash, version } = facts;
      withCatalogue(runsDir, (c) =>
        recordFailed(c, {
          city: scenario.city,
          scenario: runDir.split(/[\\/]/).slice(-2, -1)[0],
          name: scenario.name,
          model: scenario.model,
          period: scenario.period,
          seed: scenario.seed,
          inputHash: hash,
          version: version ?? '',
          startedAt,
          seconds: (performance.now() - started) / 1000,
          scenarioJson: scenario,
          error: (err as Error).message ?? String(err),
        }),
      );
    }
    throw err;
  } finally {
    await releaseSpareBushPool();
  }
  if (options.catalogue === false) return outcome;
  const runsDir = facts.runsDir!;
  const catalogueId = withCatalogue(runsDir, (c) => {
    const runDir = relativeRunDir(c, outcome.runDir);
    // a cached run was imported on opening if it had no row yet
    if (outcome.cached || !facts.summary) return findRun(c, runDir).row?.id;
    return recordComplete(c, facts.summary, { runDir, startedAt, scenario });
  });
  return { ...outcome, catalogueId };
}

async function computeRun(scenario: Scenario, options: RunOptions, facts: RunFacts): Promise<RunOutcome> {
  const started = performance.now();
  const log: string[] = [];
  const note = (line: string) => log.push(`${((performance.now() - started) / 1000).toFixed(3)}s ${line}`);
  const progress = (stage: string, done = 0, total = 1) => {
    if (done === 0) note(stage);
    options.onProgress?.(stage, done, total);
  };
  progress('graph');
  const city = cityBySlug(scenario.city);
  const { graph: base, dir: graphDir } = loadCityGraph(city);
  const { normalised, demandFiles, hash, version, calibrationFile } = runInputs(scenario, graphDir, options.scenarioFile);
  const runsDir = resolve(options.runsDir ?? join(REPO_ROOT, 'runs'));
  const runDir = join(scenarioFolder(runsDir, city.slug, options.scenarioFile, scenario.name), hash);
  Object.assign(facts, { runsDir, runDir, hash, version });
  if (!options.force && isCompleteRun(runDir)) {
    const result = readResultFile(join(runDir, 'result.fb'));
    return { runDir, result, cached: true, seconds: (performance.now() - started) / 1000 };
  }

  // Algorithm B's threads start loading now, while the graph, demand and warm start are read.
  if (normalised.assignment.method === 'algb' && options.workers !== undefined) prestartBushPool(options.workers);
  progress('apply');
  const dynamicModel = scenario.model === 'dynamic';
  const transitModel = normalised.transit !== undefined;
  const onGraph = resolveStreets(scenario, base, options.scenarioFile ?? `scenario "${scenario.name}"`);
  const applied = applyScenario(base, dynamicModel ? withoutTimedClosures(onGraph) : onGraph, { city });
  const graph = applied.graph;

  progress('demand');
  const pois = loadCityPois(graphDir);
  const tourists = normalised.demand.tourists ? (normalised.demand.month !== undefined ? { month: normalised.demand.month } : true) : false;
  // built once, on first need: a run from the demand cache on an applied graph never needs it
  let baseIndexBuilt: EdgeIndex | undefined;
  const baseIndexOf = () => (baseIndexBuilt ??= new EdgeIndex(base));
  const cities = registry();
  // A static run takes its demand from the cache when an earlier run of the same demand left it (app/demand-cache.ts).
  const cacheFile = dynamicModel ? undefined : demandCacheFile(join(runsDir, city.slug), demandCacheKey(normalised, applied.events, version, demandFiles));
  const loaded = cacheFile ? loadDemandCache(cacheFile) : {};
  if (loaded.problem) note(`demand cache ${cacheFile} unreadable (${loaded.problem}); building the demand`);
  let demand: RunDemand;
  let names: string[];
  if (loaded.demand) {
    const c = loaded.demand;
    demand = { zones: c.zones, zoneNode: c.zoneNode, od: c.od, trucks: c.trucks, summary: c.summary };
    names = c.names;
    note(`demand from the cache ${cacheFile}`);
  } else {
    const external = normalised.demand.external ? cityExternalGateways(city, base) : undefined;
    for (const line of external?.notes ?? []) note(`external traffic: ${line}`);
    const built = buildDemand(city, base, { seed: scenario.seed, scale: normalised.demand.scale, tourists, events: applied.events, pois, cities, index: baseIndexOf(), ...(external ? { external: { gateways: external.gateways } } : {}) });
    demand = { ...built, od: built.matrices[scenario.period], trucks: built.trucks[scenario.period] };
    names = zoneNames(built.zones, base, baseIndexOf(), pois, (slug) => cities.find((c) => c.slug === slug)?.name);
    if (cacheFile) saveDemandCache(cacheFile, { zones: built.zones, zoneNode: built.zoneNode, od: built.matrices[scenario.period], trucks: built.trucks[scenario.period], summary: built.summary, names });
  }
  const places = demand.summary.tourismPlaces;
  if (places && (places.lodging === 'seat' || places.attractions === 'seat')) {
    const what = [places.lodging === 'seat' ? 'tourist lodging (no OSM hotels)' : '', places.attractions === 'seat' ? 'tourist attractions (no OSM, curated or POI-file attractions)' : ''].filter(Boolean).join(' and ');
    note(`tourism: ${what} placed at the municipal seat`);
  }
  if (demand.summary.external) note(`external traffic: ${demand.summary.external.gateways} gateways; trips of the day: ${demand.summary.external.through} through, ${demand.summary.external.inbound} in, ${demand.summary.external.outbound} out, ${demand.summary.external.trucks} of them trucks`);
  const index = graph === base ? baseIndexOf() : new EdgeIndex(graph);
  const closures = dynamicModel ? timedClosures(onGraph, applied, index) : undefined;
  const open = graph === base ? undefined : new OpenNetwork(graph, index);
  const reconnection = open ? reconnectZones(demand.zones, open, appliedEdges(base.edgeCount, applied.baseEdge)) : undefined;
  const zoneNode = reconnection ? reconnection.zoneNode : demand.zoneNode;
  if (reconnection) note(`zones: ${reconnection.moved} reconnected to the nearest open street, ${reconnection.stranded} with no open street within reach; ${open!.pieces} open piece(s) of network`);
  const calibration = calibrationFile ? readCalibrationFile(calibrationFile, { city: city.slug, period: scenario.period, seed: scenario.seed, demandKey: demandKey(normalised, graphDir), zones: demand.zones.count }) : undefined;
  const od = calibration ? applyCalibration(demand.od, calibration) : demand.od;
  if (calibration) note(`demand calibrated by ${calibrationFile} (${calibration.method.name}, stations ${calibration.counts.stations.join(' ')}): ${Math.round(demand.od.total)} trips → ${Math.round(od.total)}`);
  const truckOd = calibration ? applyCalibration(demand.trucks, calibration) : demand.trucks;
  const { nodeOd, trucks } = classDemand(od, truckOd, zoneNode);
  if (trucks) note(`trucks: ${Math.round(trucks.trips)} truck trips of the period assigned at ${trucks.pce} passenger-car equivalents each (data/demand/external.json); link flows in vehicles, times and v/c from the PCE flows`);

  progress('assign', 0, normalised.assignment.maxIter);
  const capacityFactor = PERIODS.find((p) => p.id === scenario.period)?.capacityFactor ?? 1;
  const net = scaleRoadCapacity(roadAssignmentNetwork(graph, nodeOd.zoneNodes), capacityFactor);
  if (capacityFactor !== 1) note(`period ${scenario.period}: link capacities × ${capacityFactor} (the day against its design-hour equivalent, engine/demand/time-of-day.ts)`);
  const workers = options.workers ?? autoWorkers(net);
  if (normalised.assignment.method === 'algb') prestartBushPool(workers);
  setNetworkTolls(net, applied.tollBrl);
  // Algorithm B starts from the baseline's equilibrium when an earlier run left it (app/warm-start.ts).
  const bushMethod = normalised.assignment.method === 'algb';
  const warmKey = bushMethod ? warmStartKey(normalised, version, demandFiles) : '';
  const isBaseline = scenario.interventions.length === 0;
  const warm = bushMethod && !isBaseline ? findWarmStart(join(runsDir, city.slug), warmKey) : undefined;
  let warmStart: WarmStart | undefined;
  const given = options.warmStart;
  if (given && bushMethod && given.edgeCount === net.edgeCount && given.zoneCount === net.zoneCount) warmStart = given.start;
  else if (warm) {
    try {
      warmStart = loadWarmStart(warm.file, base, applied, net);
    } catch (err) {
      note(`warm start from ${warm.runDir} unreadable (${(err as Error).message}); starting cold`);
    }
  }
  // Transit rounds: each round's assignment starts from the round before (its car OD differs a little).
  let roundWarm: WarmStart | undefined;
  const assignCars = async (demandNodes: OdDemand, preload?: Float64Array) => {
    if (preload) {
      net.preload ??= new Float64Array(net.edgeCount);
      for (let e = 0; e < net.edgeCount; e++) net.preload[e] = net.roadEdge[e] >= 0 ? preload[net.roadEdge[e]] : 0;
    }
    const a = await assign(net, demandNodes, {
      ...normalised.assignment,
      workers,
      parallel: poolAonLoader,
      bushPool: poolBushRunner,
      ...(roundWarm ?? warmStart ? { warmStart: roundWarm ?? warmStart } : {}),
      // a dynamic run draws each trip's path from the origin flows, a baseline keeps them for warm starts,
      // transit rounds for the next round (Algorithm B only)
      keepOriginFlows: dynamicModel || (bushMethod && (isBaseline || transitModel || trucks !== undefined)),
      // a static run's zone-to-zone times come from the last gap check's searches where cost is time
      keepZoneCosts: bushMethod && !dynamicModel,
      onIteration: (r) => options.onProgress?.('assign', r.iteration, normalised.assignment.maxIter),
    });
    if (roundWarm) note(`warm start from the transit round before: ${a.warmStarted ?? 0} origins started from its equilibrium`);
    else if (given && warmStart === given.start) note(`warm start given by the caller: ${a.warmStarted ?? 0} origins started from it`);
    else if (warm && warmStart) note(`warm start from the baseline run ${warm.runDir}: ${a.warmStarted ?? 0} origins started from its equilibrium, the rest cold`);
    if (transitModel && a.originFlows) roundWarm = warmStartFrom(a.originFlows, net.edgeCount);
    note(`assignment ${a.method}: ${a.status}, ${a.iterations} iterations, relative gap ${a.relativeGap.toExponential(3)}, ${a.seconds.toFixed(3)} s${a.reason ? ` (${a.reason})` : ''}`);
    return a;
  };
  // Transit: mode choice and assignment in rounds, buses preloaded on the links (app/run-transit.ts).
  let preloadApplied: Float64Array | undefined;
  let carOd = od;
  let transit: TransitSummary | undefined;
  let assigned: Awaited<ReturnType<typeof assign>>;
  if (transitModel && trucks) note('trucks: the transit rounds assign cars only; trucks are left out of this run');
  if (transitModel) {
    const baselineKey = transitBaselineKey(normalised, version, demandFiles);
    const asc = isBaseline ? undefined : await transitBaselineConstants(scenario, options, join(runsDir, city.slug), baselineKey);
    const t = await runTransit({
      city, scenario: onGraph, file: options.scenarioFile ?? `scenario "${scenario.name}"`, base, baseIndex: baseIndexOf(), applied, zones: demand.zones, od,
      period: PERIODS.find((p) => p.id === scenario.period)!, rounds: normalised.transit!.rounds, asc, baselineKey, note, workers,
      assign: async (odZones, preloadBase) => {
        const pre = new Float64Array(graph.edgeCount);
        for (let e = 0; e < graph.edgeCount; e++) pre[e] = applied.baseEdge[e] >= 0 ? preloadBase[applied.baseEdge[e]] : 0;
        preloadApplied = pre;
        const a = await assignCars(demandOnNodes(odZones, zoneNode).demand, pre);
        const l = linkMetrics(graph, roadEdgeFlows(new Float64Array(graph.edgeCount), net, a.flow), ROAD_BPR, pre, capacityFactor);
        const baseLinkS = Float64Array.from(base.freeFlowS);
        const baseVc = new Float32Array(base.edgeCount);
        for (let e = 0; e < graph.edgeCount; e++) {
          if (applied.baseEdge[e] < 0) continue;
          baseLinkS[applied.baseEdge[e]] = l.timeS[e];
          baseVc[applied.baseEdge[e]] = l.vc[e];
        }
        return { result: a, baseLinkS, baseVc, zoneCarS: zoneTimes(graph, l.timeS, zoneNode) };
      },
    });
    assigned = t.outcome.assigned.result;
    carOd = t.outcome.od;
    transit = t.summary;
  } else assigned = await assignCars(nodeOd.demand);

  progress('metrics');
  let links = linkMetrics(graph, roadEdgeFlows(new Float64Array(graph.edgeCount), net, assigned.flow), ROAD_BPR, preloadApplied, capacityFactor);
  let trucksVph: Float64Array | undefined;
  if (trucks && !transitModel && assigned.originFlows) {
    // each class follows the equilibrium's origin proportions; the run's flows are vehicles again
    trucksVph = roadEdgeFlows(new Float64Array(graph.edgeCount), net, classFlows(new Float64Array(net.edgeCount), net, assigned.originFlows, trucks.od));
    links = { ...links, flowVph: vehicleFlows(new Float64Array(graph.edgeCount), links.flowVph, trucksVph, trucks.pce) };
  } else if (trucks && !transitModel) note(`trucks: method ${assigned.method} keeps no origin flows, so the trucks are not split from the cars: link flows are in passenger-car equivalents`);
  let dyn: DynamicOutcome | undefined;
  if (dynamicModel) {
    progress('simulate');
    const dn = normalised.dynamic!;
    const pathPool = workers > 1 ? bestPathsOnPool(workers) : undefined;
    const routeCost = routeCosts(graph, links.timeS, applied.tollBrl);
    dyn = await runDynamic({
      graph,
      agents: demand.agents!,
      originNode: endsOnApplied(demand.agents!.originNode, demand.agents!.originZone, demand.zoneNode, zoneNode, open),
      destNode: endsOnApplied(demand.agents!.destNode, demand.agents!.destZone, demand.zoneNode, zoneNode, open),
      equilibrium: assigned.originFlows ? { net, flows: assigned.originFlows } : undefined,
      period: PERIODS.find((p) => p.id === scenario.period)!,
      seed: scenario.seed,
      routeCost,
      closures: closures!,
      route: workers > 1 ? (g, c, o, d, u) => routeOnPool(g, c, o, d, u, workers) : undefined,
      bestPathFn: pathPool?.find,
      onIteration: (h) => options.onProgress?.('simulate', h.iteration + 1, 1 + dn.reroute),
      due: { maxRuns: 1 + dn.reroute, gap: dn.gap, scheme: dn.scheme, step: dn.step, share: dn.share, retry: dn.retry },
    }).finally(() => pathPool?.close());
    const d = dyn.dynamic.summary;
    note(`routes: ${d.routesDrawn} of ${d.vehicles + d.rejected.sameNode + d.rejected.unreachable} trips drawn from the equilibrium's origin flows, the rest on equilibrium times`);
    for (const h of d.history) note(`queue model run ${h.iteration + 1}/${d.history.length}: ${h.moved} vehicles moved before it, ${h.arrived} arrived, ${h.stuck} stuck, mean trip ${(h.meanTravelTimeS / 60).toFixed(1)} min, ${h.squeezed} squeezed onto full links, relative gap of all vehicles ${h.gap.toFixed(4)}`);
    note(`dynamic equilibrium (${dn.scheme}): relative gap ${d.relativeGap.toFixed(4)} after ${d.iterations} queue-model runs, ${d.relativeGap <= dn.gap ? `converged (≤ ${dn.gap})` : `not converged (target ${dn.gap}, run limit ${1 + dn.reroute})`}`);
    note(`simulation: ${d.vehicles} vehicles, ${d.arrived} arrived, ${d.stuck} stuck (${d.stuckTimedOut} timed out, ${d.unfinished} unfinished), ${d.squeezed} squeezed onto full links, ${d.timedClosures} links closed in time${d.endedAtClosure ? ` (${d.endedAtClosure} trips bound behind a closure ended where it begins)` : ''}, ${d.seconds.toFixed(3)} s`);
    note(`conservation: departed ${d.vehicles} = arrived ${d.arrived} + stuck ${d.stuck}: ${d.conserved ? 'holds' : 'BROKEN'}`);
    links = dyn.links;
  }
  const z = demand.zones.count;
  const trips = denseTrips(carOd, z);
  progress('zone-times', 0, z);
  // a dynamic run's zone-to-zone times are time-dependent, on the link times its last run experienced
  const periodSpan = PERIODS.find((p) => p.id === scenario.period)!;
  const times = dyn
    ? tdZoneTimes(graph, dyn.times, zoneNode, periodSpan.startS, periodSpan.endS, BEST_PATH_INTERVAL_S)
    : assigned.zoneCosts && costIsTravelTime(net)
      ? zoneTimesFromCosts(graph, links.timeS, zoneNode, net.zoneNodes, assigned.zoneCosts)
      : await zoneTimesOnPool(graph, links.timeS, zoneNode, workers);
  const lt = dyn ? dyn.totals : linkTotals(graph, links.flowVph, links.timeS);
  const tt = dyn ? dyn.totals : tripTotals(times, trips);
  const factors = loadEmissionFactors();
  const access = touristAccess(city, graph, index, links.timeS, pois, normalised.demand.tourists, open);

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
    // trucks beside the vehicles for the viewer and reports; a dynamic run's flows are the queue model's, which does not split classes
    edges: runEdges(graph, links, applied.changed, dyn ? undefined : trucksVph),
    zones: { count: z, ids: demand.zones.id, names, lon: demand.zones.lon, lat: demand.zones.lat, timeS: times, trips },
    totals: { ...lt, ...tt, co2Kg: co2Kg(lt.vkt, factors) },
    convergence: assigned.history,
    assignment: { method: assigned.method, status: assigned.status, iterations: assigned.iterations, relativeGap: assigned.relativeGap, seconds: assigned.seconds },
    attractions: access,
    interventions: applied.log,
    wayNames: graph.wayNames.only(graph.osmWayId),
    ...(dyn ? { dynamic: dyn.dynamic } : {}),
  };

  progress('write');
  await buildRunDir(runDir, (tmp) => {
    writeResultFile(join(tmp, 'result.fb'), result);
    writeLinksGeojson(join(tmp, 'links.geojson'), result, city.network.source === 'osm');
    writeLinksCsv(join(tmp, 'links.csv'), result);
    writeConvergenceCsv(join(tmp, 'convergence.csv'), result);
    if (trucksVph) writeClassFlows(join(tmp, CLASS_FLOWS_FILE), trucksVph);
    if (bushMethod && isBaseline && assigned.status === 'converged' && assigned.originFlows) saveWarmStart(tmp, warmKey, net, applied, assigned.originFlows);
    if (result.dynamic) {
      writeTripsCsv(join(tmp, 'trips.csv'), result);
      writeLinkSeriesCsv(join(tmp, 'link-series.csv'), result);
    }
    options.onProgress?.('write', 1, 2);
    const seconds = (performance.now() - started) / 1000;
    note(`done in ${seconds.toFixed(3)} s`);
    facts.summary = { ...runSummary(runDir, result, seconds, factors), ...(calibration ? { calibration: calibrationSummary(calibrationFile!, calibration) } : {}) };
    writeSummary(tmp, facts.summary);
    if (transit) writeFileSync(join(tmp, 'transit.json'), `${JSON.stringify(transit, null, 2)}\n`);
    writeFileSync(join(tmp, 'scenario.json'), `${JSON.stringify(scenario, null, 2)}\n`);
    writeRunLog(join(tmp, 'run.log'), scenario, log);
  }, options.force === true);
  return { runDir, result, cached: false, seconds: (performance.now() - started) / 1000 };
}

/** What a run uses of its demand: built here, or from the demand cache (static runs: no agents). */
type RunDemand = Pick<Demand, 'zones' | 'zoneNode' | 'summary'> & { od: OdDemand; trucks: OdDemand; agents?: Demand['agents'] };

/** The code version: package.json's. */
export function codeVersion(): string {
  return (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** A run's inputs: the normalised scenario, the data files it reads, and their input hash (the cache key). */
function runInputs(scenario: Scenario, graphDir: string, scenarioFile?: string) {
  const version = codeVersion();
  const normalised = normaliseScenario(scenario);
  const calibrationFile = scenario.demand?.calibration ? resolve(scenarioFile ? dirname(scenarioFile) : '.', scenario.demand.calibration) : undefined;
  const demandFiles = { ...demandInputFiles(graphDir, normalised), ...(calibrationFile ? { calibration: calibrationFile } : {}) };
  const hash = inputHash({ scenario: normalised, version }, { ...demandFiles, emissions: DEFAULT_EMISSION_FACTORS_FILE });
  return { version, normalised, demandFiles, hash, calibrationFile };
}

/** The input hash a run of `scenario` would have here (its city's graph is built first if missing). */
export function scenarioInputHash(scenario: Scenario, scenarioFile?: string): string {
  return runInputs(scenario, loadCityGraph(cityBySlug(scenario.city)).dir, scenarioFile).hash;
}

/**
 * Threads for a run when none are asked: the machine's cores (at most 4) where the network is
 * city-scale — origins × nodes of a million and more, where Porto Alegre's morning peak goes
 * from 26 s to 16 s on two — and 1 below, where starting the threads costs more than it saves.
 */
export function autoWorkers(net: { zoneCount: number; nodeCount: number }): number {
  return net.zoneCount * net.nodeCount >= 1e6 ? Math.max(1, Math.min(4, availableParallelism())) : 1;
}

/** The files a city's demand is built from (their contents enter the run's hash). */
export function demandInputFiles(graphDir: string, normalised: { demand: { external?: boolean }; city?: string; transit?: unknown }): Record<string, string> {
  const feed = normalised.transit && normalised.city ? TRANSIT_FEEDS[normalised.city] : undefined;
  return {
    ...(normalised.transit ? { modeShares: fileURLToPath(DEFAULT_MODE_SHARES_FILE), ...(feed ? { transitFeed: join(REPO_ROOT, feed) } : {}) } : {}),
    graph: join(graphDir, 'graph.fb'),
    pois: join(graphDir, 'pois.json'),
    cities: process.env.GEMEO_CITIES_FILE ?? DEFAULT_CITIES_FILE,
    parameters: DEFAULT_PARAMETERS_FILE,
    attractions: DEFAULT_ATTRACTIONS_FILE,
    tourism: DEFAULT_TOURISM_FILE,
    ...(normalised.demand.external ? { externalCounts: EXTERNAL_COUNTS_FILE, external: fileURLToPath(DEFAULT_EXTERNAL_FILE), highways: ANTT_FILES.highways, cordon: CORDON_FILE } : {}),
  };
}

/** What a calibration is made for: the city, period, seed and demand settings, and the demand's input files. */
export function demandKey(normalised: { city: string; period: string; seed: number; demand: unknown }, graphDir: string): string {
  return inputHash({ city: normalised.city, period: normalised.period, seed: normalised.seed, demand: normalised.demand }, demandInputFiles(graphDir, { demand: (normalised as { demand: { external?: boolean } }).demand }));
}

/** What summary.json says of a calibrated run: the file and the stations it was fitted to (validate marks them). */
export function calibrationSummary(file: string, c: CalibrationFile) {
  return { file, method: c.method.name, counts: c.counts.file, stations: c.counts.stations };
}

/** The scenario with every default filled in, as hashed and as run (a calibration file is hashed by its contents). */
export function normaliseScenario(s: Scenario): Scenario & { demand: { scale: number; tourists: boolean; month?: number; external?: boolean }; assignment: typeof ASSIGNMENT_DEFAULTS; dynamic?: { reroute: number; share: number; gap: number; scheme: EquilibriumScheme; step: number; retry: boolean }; transit?: { rounds: number } } {
  const { dynamic, transit, ...rest } = s;
  return {
    ...rest,
    // only a transit run hashes its transit settings
    ...(transit ? { transit: { rounds: transit.rounds ?? TRANSIT_DEFAULTS.rounds } } : {}),
    // only a dynamic run hashes its dynamic settings, so static runs keep their cache keys
    ...(s.model === 'dynamic' ? { dynamic: { reroute: dynamic?.reroute ?? DYNAMIC_DEFAULTS.reroute, share: dynamic?.share ?? DYNAMIC_DEFAULTS.share, gap: dynamic?.gap ?? DYNAMIC_DEFAULTS.gap, scheme: dynamic?.scheme ?? DYNAMIC_DEFAULTS.scheme, step: dynamic?.step ?? (dynamic?.scheme === 'swap' ? DEFAULT_STEP : DYNAMIC_DEFAULTS.step), retry: DYNAMIC_DEFAULTS.retry } } : {}),
    // external traffic is hashed only when on, so other runs keep their cache keys
    demand: { scale: s.demand?.scale ?? 1, tourists: s.demand?.tourists ?? true, ...(s.demand?.month !== undefined ? { month: s.demand.month } : {}), ...(s.demand?.external ? { external: true } : {}) },
    assignment: {
      method: s.assignment?.method ?? ASSIGNMENT_DEFAULTS.method,
      gap: s.assignment?.gap ?? ASSIGNMENT_DEFAULTS.gap,
      maxIter: s.assignment?.maxIter ?? ASSIGNMENT_DEFAULTS.maxIter,
    },
  };
}

function writeRunLog(file: string, scenario: Scenario, log: string[]): void {
  const head = [`gemeo run: ${scenario.name} (${scenario.city}, ${scenario.period}, seed ${scenario.seed})`];
  writeFileSync(file, `${[...head, ...log].join('\n')}\n`);
}

/** What a baseline with transit and its scenarios share: city, period, seed, demand, assignment and transit settings, code and demand files. */
export function transitBaselineKey(n: ReturnType<typeof normaliseScenario>, version: string, files: Record<string, string>): string {
  return inputHash({ transitBaseline: true, city: n.city, period: n.period, seed: n.seed, demand: n.demand, assignment: n.assignment, transit: n.transit, version }, files);
}

/**
 * The mode-choice constants of a scenario's baseline (the same scenario without interventions):
 * from a calibrated baseline run already in the runs folder, else by running that baseline
 * first (its run folder: the scenario file's stem + "-linha-de-base").
 */
async function transitBaselineConstants(scenario: Scenario, options: RunOptions, cityRunsDir: string, key: string): Promise<[number, number, number]> {
  const found = findTransitBaseline(cityRunsDir, key);
  if (found) return found;
  const file = options.scenarioFile ? options.scenarioFile.replace(/(\.json)?$/i, '-linha-de-base.json') : undefined;
  const { description: _d, ...rest } = scenario;
  const base = await runScenario({ ...rest, name: `${scenario.name} — linha de base`, interventions: [] }, { ...options, scenarioFile: file, onProgress: undefined });
  const again = findTransitBaseline(cityRunsDir, key);
  if (!again) throw new Error(`transit: the baseline run ${base.runDir} left no calibrated transit.json`);
  return again;
}
