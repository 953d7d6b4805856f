/**
 * `gemeo calibrate`: OD matrix estimation from traffic counts for a scenario's city, period,
 * seed and demand (engine/calibrate/spiess.ts). The prior is the gravity model's matrix of the
 * scenario's baseline; each outer iteration assigns the current matrix (Algorithm B, warm-started
 * from the previous equilibrium, keeping the origin flows), then takes Spiess gradient steps at
 * that equilibrium's route proportions, whole rows and columns first (engine/calibrate/ends.ts),
 * then cells. The iterate with the lowest objective on the assigned
 * flows is kept, written as a calibration file (app/calibration-file.ts), and the calibrated
 * baseline is run with it like any scenario, starting at that iterate's equilibrium (the last one
 * goes to finalGap), so its run directory holds what the calibration saw, station by station.
 */
import { basename, dirname, extname, join, resolve } from 'node:path';
import { assign } from '../engine/assignment/assign.ts';
import { warmStartFrom } from '../engine/assignment/algorithm-b.ts';
import type { OdDemand } from '../engine/assignment/network.ts';
import type { OriginFlows } from '../engine/assignment/origin-paths.ts';
import { roadAssignmentNetwork, scaleRoadCapacity } from '../engine/assignment/road-network.ts';
import { gehWeights, objective, spiessSteps, type NetObservations } from '../engine/calibrate/spiess.ts';
import { fitStats } from '../engine/counts/fit.ts';
import { matchStations } from '../engine/counts/match-stations.ts';
import { observationPeriod, type Observations } from '../engine/counts/observations.ts';
import { readCounts } from '../engine/counts/read-counts.ts';
import { validateFlows } from '../engine/counts/validate-flows.ts';
import { buildDemand } from '../engine/demand/demand.ts';
import { PERIODS } from '../engine/demand/time-of-day.ts';
import { ZoneKind } from '../engine/demand/zones.ts';
import { EdgeFlag } from '../engine/graph/edge-flags.ts';
import { applyScenario } from '../engine/scenario/apply-scenario.ts';
import { ScenarioError, type Scenario } from '../engine/scenario/scenario.ts';
import { tollSeconds } from '../engine/scenario/value-of-time.ts';
import { EdgeIndex } from '../engine/spatial/edge-index.ts';
import { poolAonLoader } from '../workers/aon-pool.ts';
import { poolBushRunner } from '../workers/algb-pool.ts';
import { CALIBRATION_FORMAT, writeCalibrationFile, type CalibrationFile, type CalibrationFit, type CalibrationHistoryRow } from './calibration-file.ts';
import { cityBySlug, loadCityGraph, loadCityPois, registry } from './city-graphs.ts';
import { cityExternalGateways } from './city-external.ts';
import { classDemand } from './truck-class.ts';
import { classObservations, observeClasses } from './calibrate-classes.ts';
import { autoWorkers, demandKey, normaliseScenario, runScenario, type RunOutcome } from './run-scenario.ts';

/** Method defaults, tuned on the São Paulo CET counts as a whole (never station by station); weights 'geh': each station-hour weighs 1 / its count, so Z ≈ ¼ Σ GEH²; scaleBlocks 'gateway' chosen by a leave-one-out among the split's used stations (bench/calibrate-cv.ts). */
export const CALIBRATE_DEFAULTS = { outer: 10, inner: 20, ends: 20, endsMinDecrease: 0.05, maxFactor: 50, maxShrink: 0.9, scaleFirst: true, scaleBlocks: 'gateway' as 'matrix' | 'gateway', loopGap: 1e-4, finalGap: 1e-5, weights: 'geh' as 'geh' | 'uniform', cells: 'all' as 'all' | 'external' };

export interface CalibrateOptions {
  /** The calibration file; default `<scenario stem>.calibration.json` beside the scenario. */
  out?: string;
  /** Station ids to fit (default: every station placed on a link). */
  stations?: string[];
  outer?: number;
  inner?: number;
  maxFactor?: number;
  /** Steps of whole rows and columns before the cell steps of each outer iteration (engine/calibrate/ends.ts), stopping at the first that lowers Z by less than endsMinDecrease of it. */
  ends?: number;
  endsMinDecrease?: number;
  /** Weights of the station-hours in the objective: 'geh' (1 / count, the default) or 'uniform'. */
  weights?: 'geh' | 'uniform';
  /** The first scaling step of each outer iteration: one factor for the whole matrix ('matrix'), or one each for the internal, inbound, outbound and through cells ('gateway'). */
  scaleBlocks?: 'matrix' | 'gateway';
  /** Which OD cells may change: 'all' (the default) or 'external' (those with a gateway end: external and through traffic). */
  cells?: 'all' | 'external';
  runsDir?: string;
  workers?: number;
  /** Run the calibrated baseline from a cold start rather than from the loop's kept equilibrium (to measure what the start changes). */
  coldRun?: boolean;
  /** Gap of the loop's last assignment (default CALIBRATE_DEFAULTS.finalGap; the others go to loopGap). */
  finalGap?: number;
  onProgress?: (row: CalibrationHistoryRow) => void;
}

export interface CalibrateOutcome {
  file: string;
  calibration: CalibrationFile;
  run: RunOutcome;
  seconds: number;
  /** Seconds of the prior and the outer loop (assignments and gradient steps), before the file and the calibrated run. */
  loopSeconds: number;
  /** Station-hour by station-hour (single-class fits): the counted rate, the kept iterate's modelled rate in the loop, and the calibrated run's (veh/h). */
  stationFit?: { station: string; countedVph: number; loopVph: number; runVph: number }[];
}

export async function calibrateScenario(scenario: Scenario, scenarioFile: string, countsFile: string, options: CalibrateOptions = {}): Promise<CalibrateOutcome> {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  if (scenario.demand?.calibration) throw new ScenarioError(`${scenarioFile}: demand.calibration: calibrate a scenario without one (its prior is the gravity model's demand)`);
  const p = { ...CALIBRATE_DEFAULTS, ...definedOnly({ outer: options.outer, inner: options.inner, maxFactor: options.maxFactor, ends: options.ends, endsMinDecrease: options.endsMinDecrease }), ...(options.weights ? { weights: options.weights } : {}), ...(options.cells ? { cells: options.cells } : {}), ...(options.scaleBlocks ? { scaleBlocks: options.scaleBlocks } : {}), ...(options.finalGap !== undefined ? { finalGap: options.finalGap } : {}) };
  const city = cityBySlug(scenario.city);
  const { graph, dir: graphDir } = loadCityGraph(city);
  const normalised = normaliseScenario(scenario);
  const counts = readCounts(countsFile);

  // the prior: the baseline's demand, exactly as runScenario builds it
  const applied = applyScenario(graph, { ...scenario, interventions: [] }, { city });
  const tourists = normalised.demand.tourists ? (normalised.demand.month !== undefined ? { month: normalised.demand.month } : true) : false;
  const external = normalised.demand.external ? cityExternalGateways(city, graph) : undefined;
  const demand = buildDemand(city, graph, { seed: scenario.seed, scale: normalised.demand.scale, tourists, events: applied.events, pois: loadCityPois(graphDir), cities: registry(), index: new EdgeIndex(graph), ...(external ? { external: { gateways: external.gateways } } : {}) });
  const zoneOd = demand.matrices[scenario.period];
  // trucks at their passenger-car equivalent, as the run assigns them; the counts then in PCE too where they give the trucks
  const { nodeOd, trucks } = classDemand(zoneOd, demand.trucks[scenario.period], demand.zoneNode);
  const net = scaleRoadCapacity(roadAssignmentNetwork(graph, nodeOd.zoneNodes), PERIODS.find((x) => x.id === scenario.period)?.capacityFactor ?? 1);
  net.tollFactor = tollSeconds(1);
  const workers = options.workers ?? autoWorkers(net);

  // the stations: placed on the graph's links, then the chosen ones' counts of the period
  const matches = matchStations(counts, { count: graph.edgeCount, osmWayId: graph.osmWayId, dir: Uint8Array.from(graph.flags, (f) => (f & EdgeFlag.Reverse ? 1 : 0)), roadClass: graph.roadClass, geometryOffsets: graph.geometry.offsets, geometryCoords: graph.geometry.coords });
  const wanted = options.stations ? new Set(options.stations) : undefined;
  for (const id of wanted ?? []) if (!counts.stations.some((s) => s.id === id)) throw new ScenarioError(`${countsFile}: --stations: no station "${id}" in the file`);
  const period = observationPeriod(scenario.period, PERIODS);
  const used = { matched: matches.matched.filter((m) => !wanted || wanted.has(counts.stations[m.station]!.id)), unmatched: [] };
  // with trucks at a PCE: trucks and the other vehicles fitted apart where the counts say (app/calibrate-classes.ts)
  const fitted = classObservations(counts, used, period, nodeOd.demand, trucks);
  const obs = fitted.obs;
  if (obs.count === 0) throw new ScenarioError(`${countsFile}: no count of a placed station falls in the ${scenario.period} period (${period.startS / 3600}–${period.endS / 3600} h): nothing to calibrate on`);
  const netObs = toNetObservations(obs, net.roadEdge, graph.edgeCount, period.hours);
  if (p.weights === 'geh') netObs.weight = gehWeights(netObs.target);
  if (fitted.cls && fitted.cls.length > 0) netObs.cls = fitted.cls;
  const usedStations = [...new Set(Array.from(obs.station, (s) => counts.stations[s]!.id))];

  const cellBlocks = gatewayBlocks(nodeOd.demand, nodeOd.zoneNodes, demand.zones.kind, demand.zoneNode);
  // the external cells: those with a gateway end (every block but the internal one)
  const adjustable = p.cells === 'external' ? cellBlocks.of.map((b) => (b === 0 ? 0 : 1)) : undefined;
  if (adjustable && !adjustable.includes(1)) throw new ScenarioError(`${scenarioFile}: --cells external: the demand has no external cells (set "demand": {"external": true} in a city with highway gateways)`);

  // one factor per block where the demand has gateways; without, one block: the whole matrix, as 'matrix'
  const blocks = p.scaleFirst && p.scaleBlocks === 'gateway' && cellBlocks.of.some((b) => b !== 0) ? cellBlocks : undefined;

  // outer loop: assign, measure, step
  const prior = Float64Array.from(nodeOd.demand.flow);
  const g = Float64Array.from(prior);
  const v = new Float64Array(netObs.count);
  const history: CalibrationHistoryRow[] = [];
  let best = { objective: Infinity, g: Float64Array.from(g), fit: undefined as CalibrationFit | undefined, v: Float64Array.from(v), warm: undefined as ReturnType<typeof warmStartFrom> | undefined };
  let before: CalibrationFit | undefined;
  let warm: ReturnType<typeof warmStartFrom> | undefined;
  for (let it = 0; it <= p.outer; it++) {
    const current: OdDemand = { ...nodeOd.demand, flow: g, total: g.reduce((a, b) => a + b, 0) };
    const assignStart = elapsed();
    // the last assignment goes tighter than the run's gap: the calibrated run starts from it (below), and near the
    // unique equilibrium flows the fit it states is also what a run from another start gives
    const gap = it === p.outer ? Math.min(normalised.assignment.gap, p.finalGap) : Math.max(normalised.assignment.gap, p.loopGap);
    const assigned = await assign(net, current, { ...normalised.assignment, gap, method: 'algb', workers, parallel: poolAonLoader, bushPool: poolBushRunner, keepOriginFlows: true, ...(warm ? { warmStart: warm } : {}) });
    const flows = assigned.originFlows as OriginFlows;
    observeClasses(v, netObs, net, flows, nodeOd.demand, g, assigned.flow, fitted.share);
    const z = objective(netObs, v);
    const fit = fitOf(v, netObs, period.hours, obs.hours);
    before ??= fit;
    const row: CalibrationHistoryRow = { iteration: it, objective: z, gehUnder5Share: fit.gehUnder5Share, modelToCount: fit.modelTotal / fit.countTotal, trips: current.total, relativeGap: assigned.relativeGap, seconds: elapsed(), assignSeconds: elapsed() - assignStart, stepSeconds: 0 };
    history.push(row);
    warm = warmStartFrom(flows, net.edgeCount);
    if (z < best.objective) best = { objective: z, g: Float64Array.from(g), fit, v: Float64Array.from(v), warm };
    if (it === p.outer) {
      options.onProgress?.(row);
      break;
    }
    const stepStart = elapsed();
    spiessSteps(net, current, flows, netObs, g, prior, v, p.inner, { maxFactor: p.maxFactor, maxShrink: p.maxShrink, scaleFirst: p.scaleFirst, ...(p.ends > 0 ? { ends: { steps: p.ends, minDecrease: p.endsMinDecrease } } : {}), ...(adjustable ? { adjustable } : {}), ...(blocks ? { blocks } : {}), ...(fitted.share ? { classShare: fitted.share } : {}) });
    row.stepSeconds = elapsed() - stepStart;
    options.onProgress?.(row);
  }
  const loopSeconds = elapsed();

  const calibration: CalibrationFile = {
    format: CALIBRATION_FORMAT,
    city: city.slug,
    period: scenario.period,
    seed: scenario.seed,
    demand: normalised.demand,
    demandKey: demandKey(normalised, graphDir),
    zones: demand.zones.count,
    counts: { file: basename(countsFile), stations: usedStations, unmatched: matches.unmatched.map((u) => ({ station: counts.stations[u.station]!.id, reason: u.reason })) },
    method: {
      name: 'spiess-1990',
      scaleFirst: p.scaleFirst,
      scaleBlocks: p.scaleBlocks,
      outerIterations: p.outer,
      loopGap: p.loopGap,
      finalGap: p.finalGap,
      innerSteps: p.inner,
      endsSteps: p.ends,
      endsMinDecrease: p.endsMinDecrease,
      maxFactor: p.maxFactor,
      maxShrink: p.maxShrink,
      weights: p.weights,
      cells: p.cells,
      fitted: fitted.classes,
      ...(trucks ? { truckPce: trucks.pce } : {}),
      regularisation: `${p.cells === 'external' ? 'only the cells with a gateway end (external and through traffic) change, the internal ones stay the prior\'s; ' : ''}${p.scaleFirst ? `each outer iteration first scales the ${p.cells === 'external' ? 'external cells' : 'whole matrix'} by ${blocks ? 'the least-squares factors of its internal, inbound, outbound and through cells, one each' : 'its least-squares factor'}, then ` : ''}${p.ends > 0 ? `up to ${p.ends} steps of whole origin rows and destination columns (each cell × (1 − λ (a_o + b_d)), a and b the size-weighted mean gradients of its row and column), ending after the first that lowers the objective by less than ${p.endsMinDecrease} of it, then ` : ''}multiplicative gradient steps from the gravity prior (zero cells stay zero, cells move in proportion to their size); each cell's factor against the prior within [1/${p.maxFactor}, ${p.maxFactor}]; the outer iterate with the lowest objective is kept`,
    },
    history,
    fit: { before: before!, after: best.fit! },
    trips: { prior: zoneOd.total, calibrated: 0 },
    createdAt: new Date().toISOString(),
    cells: zoneCells(zoneOd, demand.zoneNode, nodeOd.zoneNodes, nodeOd.demand, best.g, prior),
  };
  calibration.trips.calibrated = calibration.cells.reduce((t, [o, d, f]) => t + (f - 1) * cellFlow(zoneOd, o, d), zoneOd.total);
  const file = resolve(options.out ?? join(dirname(scenarioFile), `${basename(scenarioFile, extname(scenarioFile))}.calibration.json`));
  writeCalibrationFile(file, calibration);
  const calibrated: Scenario = { ...scenario, name: `${scenario.name} — calibrada`, demand: { ...scenario.demand, calibration: file } };
  const stem = basename(scenarioFile, extname(scenarioFile));
  // the calibrated baseline starts at the kept iterate's equilibrium: from a cold start its flows would differ within
  // the gap's tolerance, enough to move a station across GEH 5 (bench/RESULTS.md, calibrate)
  const run = await runScenario(calibrated, { runsDir: options.runsDir, workers: options.workers, scenarioFile: join(dirname(scenarioFile), `${stem}.calibrada.json`), force: true, ...(best.warm && !options.coldRun ? { warmStart: { start: best.warm, edgeCount: net.edgeCount, zoneCount: net.zoneCount } } : {}) });
  // the fit stated is the calibrated baseline's own, at the scenario's gap
  const final = validateFlows(counts, used, run.result.edges.flowVph, period);
  calibration.fit.after = { n: final.fit.n, gehUnder5Share: final.fit.gehUnder5Share, meanGeh: final.fit.meanGeh, countTotal: final.countTotal, modelTotal: final.modelTotal };
  writeCalibrationFile(file, calibration);
  // single class: the loop's observations are validateFlows' own, row for row
  const stationFit = fitted.cls ? undefined : final.rows.map((r, i) => ({ station: counts.stations[r.station]!.id, countedVph: r.countedVph, loopVph: best.v[i]! / period.hours, runVph: r.modelledVph }));
  return { file, calibration, run, seconds: elapsed(), loopSeconds, ...(stationFit ? { stationFit } : {}) };
}

function definedOnly<T extends Record<string, number | undefined>>(o: T): Partial<Record<keyof T, number>> {
  return Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as Partial<Record<keyof T, number>>;
}

/** The observations on the assignment network's edges (a graph edge is one net edge), targets in flow units. */
function toNetObservations(obs: Observations, roadEdge: Int32Array, graphEdges: number, hours: number): NetObservations {
  const netEdge = new Int32Array(graphEdges).fill(-1);
  for (let e = 0; e < roadEdge.length; e++) if (roadEdge[e] >= 0) netEdge[roadEdge[e]] = e;
  const edges: number[] = [];
  const edgeStart = new Uint32Array(obs.count + 1);
  for (let i = 0; i < obs.count; i++) {
    for (let k = obs.edgeStart[i]; k < obs.edgeStart[i + 1]; k++) if (netEdge[obs.edges[k]] >= 0) edges.push(netEdge[obs.edges[k]]);
    edgeStart[i + 1] = edges.length;
  }
  return { count: obs.count, edgeStart, edges: Uint32Array.from(edges), target: Float64Array.from(obs.observedVph, (x) => x * hours) };
}

function fitOf(v: Float64Array, o: NetObservations, hours: number, countHours: Float64Array): CalibrationFit {
  const m = Float64Array.from(v, (x) => x / hours);
  const c = Float64Array.from(o.target, (x) => x / hours);
  const f = fitStats(m, c);
  let mt = 0;
  let ct = 0;
  for (let i = 0; i < o.count; i++) {
    mt += m[i] * countHours[i];
    ct += c[i] * countHours[i];
  }

  return { n: f.n, gehUnder5Share: f.gehUnder5Share, meanGeh: f.meanGeh, countTotal: ct, modelTotal: mt };
}

function cellFlow(od: OdDemand, o: number, d: number): number {
  for (let k = od.rowStart[o]; k < od.rowStart[o + 1]; k++) if (od.dest[k] === d) return od.flow[k];
  return 0;
}

/** Zone cells whose node cell changed: [origin zone, destination zone, factor], factors to 6 significant digits. */
function zoneCells(zoneOd: OdDemand, zoneNode: Uint32Array, nodes: Uint32Array, nodeOd: OdDemand, g: Float64Array, prior: Float64Array): [number, number, number][] {
  const slot = new Map<number, number>();
  nodes.forEach((n, k) => slot.set(n, k));
  const cell = new Map<number, number>();
  for (let a = 0; a < nodeOd.zoneCount; a++) for (let k = nodeOd.rowStart[a]; k < nodeOd.rowStart[a + 1]; k++) cell.set(a * nodeOd.zoneCount + nodeOd.dest[k], k);
  const out: [number, number, number][] = [];
  for (let o = 0; o < zoneOd.zoneCount; o++) {
    const a = slot.get(zoneNode[o])!;
    for (let k = zoneOd.rowStart[o]; k < zoneOd.rowStart[o + 1]; k++) {
      const b = slot.get(zoneNode[zoneOd.dest[k]])!;
      if (a === b) continue;
      const c = cell.get(a * nodeOd.zoneCount + b)!;
      const f = Number((g[c] / prior[c]).toPrecision(6));
      if (f !== 1) out.push([o, zoneOd.dest[k], f]);
    }
  }
  return out;
}

/** The block of each node cell for the scaling step: 0 internal, 1 from a gateway (inbound), 2 to one (outbound), 3 gateway to gateway (through). */
function gatewayBlocks(od: OdDemand, zoneNodes: Uint32Array, kind: Uint8Array, zoneNode: Uint32Array): { count: number; of: Uint8Array } {
  const gatewayNode = new Set<number>();
  for (let z = 0; z < kind.length; z++) if (kind[z] === ZoneKind.Gateway) gatewayNode.add(zoneNode[z]!);
  const of = new Uint8Array(od.flow.length);
  for (let a = 0; a < od.zoneCount; a++) {
    const from = gatewayNode.has(zoneNodes[a]!) ? 1 : 0;
    for (let k = od.rowStart[a]; k < od.rowStart[a + 1]; k++) of[k] = from + (gatewayNode.has(zoneNodes[od.dest[k]!]!) ? 2 : 0);
  }
  return { count: 4, of };
}

