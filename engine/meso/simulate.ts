/**
 * simulate(): a whole mesoscopic run — check the trips, route them, run the queue model,
 * optionally iterate towards a dynamic user equilibrium (dynamic-equilibrium.ts), then build the outputs (trip records, 15-min link series, sampled trajectories).
 *
 * Terms: the *horizon* is the window departures must fall in, [0, horizonS]; the run itself
 * goes on for `clearanceS` more seconds so late vehicles can arrive. Trips that cannot run are
 * counted by reason, never thrown: unknown node, departure outside the horizon, origin = dest,
 * no path (unreachable, or only through closed links). Routing is given as a function so the
 * caller can put it on a worker pool (workers/meso-route-pool.ts); routes are identical either
 * way, and the simulation itself is one deterministic thread (see queue-sim.ts for why any
 * node order, hence any split, gives the same answer). Links may close in time windows
 * (closures.ts): the kernel holds them shut, and routing plans around them.
 */
import type { RoadGraph } from '../graph/road-graph.ts';
import { closureGroups, type LinkClosures } from './closures.ts';
import { forEachTraversal, linkSeries, SERIES_BIN_S, seriesBins, type LinkSeries } from './link-series.ts';
import { freeFlowCost, mesoNetwork, type MesoNetwork } from './meso-network.ts';
import { REMOVE_AFTER_S, runQueueSim, VehicleStatus, type MesoPlan, type QueueSimRun } from './queue-sim.ts';
import { routeAll, type RoutingGraph } from './routes.ts';
import type { LinkTimes } from './td-route.ts';
import type { BestPathFn } from './best-paths.ts';
import { dynamicEquilibrium, type EquilibriumScheme, type PhaseSeconds } from './dynamic-equilibrium.ts';
import type { MoverCheck } from './mover-check.ts';
import type { StepRule } from './step-rule.ts';
import { trajectories, type Trajectories } from './trajectories.ts';
import { tripRecords, TripStatus, type TripRecords } from './trip-records.ts';
import type { TripSet } from './trips.ts';

export type RouteFn = (graph: RoutingGraph, cost: Float64Array, origin: Int32Array, dest: Int32Array, use: Uint8Array) => Promise<{ routeStart: Int32Array; routeLinks: Int32Array }> | { routeStart: Int32Array; routeLinks: Int32Array };

export interface SimulateOptions {
  seed?: number;
  /** Departures must fall in [0, horizonS]; default 24 h. */
  horizonS?: number;
  /** Seconds simulated after the horizon; default 3 h. */
  clearanceS?: number;
  /** Blocked head vehicles: wait before squeezing onto the next link, and before removal (queue-sim.ts defaults). */
  squeezeAfterS?: number;
  removeAfterS?: number;
  binS?: number;
  /** Route cost per link (e.g. equilibrium link times); default free-flow times. */
  routeCost?: Float64Array;
  route?: RouteFn;
  /** Routes given beforehand (e.g. drawn from the equilibrium, equilibrium-routes.ts); trips whose route here is empty are routed on `routeCost`. */
  routes?: { routeStart: Int32Array; routeLinks: Int32Array };
  /**
   * Dynamic user equilibrium (dynamic-equilibrium.ts): up to `maxRuns` runs of the queue model,
   * vehicles moved towards their best time-dependent paths between runs, stopping once the
   * relative gap of all vehicles is at most `gap` (default EQUILIBRIUM_GAP). Without it: one run.
   */
  equilibrium?: { maxRuns: number; gap?: number; scheme?: EquilibriumScheme; step?: number; rule?: StepRule; share?: number; intervalS?: number; queueWeight?: number; spill?: number; retry?: boolean | number };
  /** Best time-dependent paths (default in-thread; workers/meso-best-path-pool.ts puts them on the pool). */
  bestPathFn?: BestPathFn;
  /** Called after each run of the queue model (progress). */
  onIteration?: (record: MesoIteration) => void;
  /** Keep every n-th vehicle's trajectory (0: none). */
  trajectoryEvery?: number;
  /** Links closed in time windows (closures.ts); routes plan around the ones near their departure. */
  closures?: LinkClosures;
}

/** The equilibrium loop stops once the relative gap of all vehicles is at most this. */
export const EQUILIBRIUM_GAP = 0.02;

export interface MesoSummary {
  trips: number;
  /** Vehicles that ran (departed). */
  vehicles: number;
  arrived: number;
  /** Removed after the stuck time-out, plus unfinished at the end of the run. */
  stuck: number;
  stuckTimedOut: number;
  unfinished: number;
  /** Times a blocked vehicle was squeezed onto a full link (a gridlock indicator, like SUMO's teleports). */
  squeezed: number;
  rejected: { malformed: number; unknownNode: number; outsideHorizon: number; sameNode: number; unreachable: number };
  closedLinks: number;
  /** Trips bound for a place behind a closure in their time, ended where the closure begins (routeAroundClosures). */
  endedAtClosure: number;
  meanTravelTimeS: number;
  vehicleSeconds: number;
  vehicleKm: number;
  /** Runs of the queue model. */
  iterations: number;
  /** Relative gap of all vehicles in the last run (relative-gap.ts); NaN without the equilibrium loop. */
  relativeGap: number;
  /** Each run of the queue model, first to last. */
  history: MesoIteration[];
  seconds: { routing: number; simulation: number; outputs: number; total: number };
}

/** One run of the queue model: the first on the planned routes, then one per equilibrium iteration. */
export interface MesoIteration {
  iteration: number;
  /** Relative gap of all vehicles in this run (relative-gap.ts); NaN without the equilibrium loop. */
  gap: number;
  /** Vehicles moved to a new route before this run (0 for the first). */
  moved: number;
  arrived: number;
  /** Timed out or unfinished. */
  stuck: number;
  meanTravelTimeS: number;
  vehicleSeconds: number;
  squeezed: number;
}

function iterationRecord(iteration: number, run: QueueSimRun, departS: Int32Array, use: Uint8Array): MesoIteration {
  let travel = 0;
  let vehS = 0;
  for (let t = 0; t < use.length; t++) {
    if (!use[t]) continue;
    vehS += run.endS[t] - departS[t];
    if (run.status[t] === VehicleStatus.Arrived) travel += run.endS[t] - departS[t];
  }
  return { iteration, arrived: run.arrived, stuck: run.stuck + run.unfinished, meanTravelTimeS: run.arrived > 0 ? travel / run.arrived : 0, vehicleSeconds: vehS, squeezed: run.squeezed, gap: NaN, moved: 0 };
}

export interface MesoResult {
  summary: MesoSummary;
  net: MesoNetwork;
  plan: MesoPlan;
  run: QueueSimRun;
  trips: TripRecords;
  links: LinkSeries;
  trajectories: Trajectories;
  /** Link times experienced in the last run (LINK_TIME_BIN_S bins), for time-dependent zone-to-zone times. */
  times: LinkTimes;
  /** Seconds of the equilibrium loop per phase (dynamic-equilibrium.ts). */
  phases: PhaseSeconds;
  /** How the movers fared run by run (mover-check.ts). */
  moverChecks: MoverCheck[];
}

export async function simulate(graph: RoadGraph, trips: TripSet, opts: SimulateOptions = {}): Promise<MesoResult> {
  const t0 = performance.now();
  const seed = opts.seed ?? 1;
  const horizon = opts.horizonS ?? 86_400;
  const binS = opts.binS ?? SERIES_BIN_S;
  const net = mesoNetwork(graph);
  const n = trips.count;
  const rejected = new Uint8Array(n);
  const use = new Uint8Array(n);
  for (let t = 0; t < n; t++) {
    if (trips.origin[t] < 0 || trips.dest[t] < 0) rejected[t] = TripStatus.UnknownNode;
    else if (!(trips.departS[t] >= 0 && trips.departS[t] <= horizon)) rejected[t] = TripStatus.OutsideHorizon;
    else if (trips.origin[t] === trips.dest[t]) rejected[t] = TripStatus.SameNode;
    else use[t] = 1;
  }
  const cost = opts.routeCost ?? freeFlowCost(net);
  const routeFn: RouteFn = opts.route ?? routeAll;
  const planned = await plannedRoutes(routeFn, graph, cost, trips, use, opts.routes);
  const around = opts.closures && opts.closures.link.length > 0 ? await routeAroundClosures(planned, routeFn, graph, cost, trips, use, opts.closures, opts.removeAfterS ?? REMOVE_AFTER_S) : { routes: planned, dest: trips.dest, endedAtClosure: 0 };
  const routes = around.routes;
  for (let t = 0; t < n; t++) {
    if (use[t] && routes.routeStart[t + 1] === routes.routeStart[t]) {
      rejected[t] = TripStatus.Unreachable;
      use[t] = 0;
    }
  }
  const tRoute = performance.now();
  // rejected trips keep an empty route and a departure past the end: the kernel never starts them
  const departS = Int32Array.from(trips.departS, (d, t) => (use[t] ? d : -1));
  const first = planOf(departS, routes.routeStart, routes.routeLinks, use);
  const endS = horizon + (opts.clearanceS ?? 3 * 3600);
  const closures = opts.closures;
  const queue = (p: MesoPlan) => runQueueSim(net, p, { seed, squeezeAfterS: opts.squeezeAfterS, removeAfterS: opts.removeAfterS, endS, closures });
  const history: MesoIteration[] = [];
  const eqOpts = opts.equilibrium;
  const eq = await dynamicEquilibrium(graph, trips.origin, around.dest, use, first, { maxRuns: eqOpts?.maxRuns ?? 1, gap: eqOpts?.gap ?? EQUILIBRIUM_GAP, scheme: eqOpts?.scheme, step: eqOpts?.step, rule: eqOpts?.rule, share: eqOpts?.share, intervalS: eqOpts?.intervalS, queueWeight: eqOpts?.queueWeight, spill: eqOpts?.spill, retry: eqOpts?.retry, spillNet: net, seed, closures, capacityPerS: net.flowPerStep }, {
    simulate: queue,
    experiencedTimes: (p, r, b, c) => experiencedTimes(net, p, r, b, c),
    bestPaths: opts.bestPathFn,
    onRun: (i, _p, r, gap, moved) => {
      history.push({ ...iterationRecord(i, r, departS, use), gap: eqOpts ? gap : NaN, moved });
      opts.onIteration?.(history[i]);
    },
  }, eqOpts !== undefined);
  const { plan, run } = eq;
  const tSim = eq.pathSeconds * 1000;
  const tRun = performance.now();
  const records = tripRecords(net, plan, run, rejected);
  const series = linkSeries(net, plan, run, binS);
  const every = opts.trajectoryEvery ?? 10;
  const traj = trajectories(graph, plan, run, every > 0 ? every : 1, every > 0 ? 20_000 : 0);
  const tOut = performance.now();

  let vehicles = 0;
  let travel = 0;
  let vehS = 0;
  let vehKm = 0;
  for (let t = 0; t < n; t++) {
    if (!use[t]) continue;
    vehicles++;
    vehS += run.endS[t] - departS[t];
    vehKm += records.distanceM[t] / 1000;
    if (run.status[t] === VehicleStatus.Arrived) travel += run.endS[t] - departS[t];
  }
  const count = (s: number) => rejected.reduce((k, r) => k + (r === s ? 1 : 0), 0);
  const summary: MesoSummary = {
    trips: n + trips.malformed,
    vehicles,
    arrived: run.arrived,
    stuck: run.stuck + run.unfinished,
    stuckTimedOut: run.stuck,
    unfinished: run.unfinished,
    squeezed: run.squeezed,
    rejected: { malformed: trips.malformed, unknownNode: count(TripStatus.UnknownNode), outsideHorizon: count(TripStatus.OutsideHorizon), sameNode: count(TripStatus.SameNode), unreachable: count(TripStatus.Unreachable) },
    closedLinks: net.closedLinks,
    endedAtClosure: around.endedAtClosure,
    meanTravelTimeS: run.arrived > 0 ? travel / run.arrived : 0,
    vehicleSeconds: vehS,
    vehicleKm: vehKm,
    iterations: history.length,
    relativeGap: eqOpts ? eq.gaps[eq.gaps.length - 1] : NaN,
    history,
    seconds: { routing: (tRoute - t0 + tSim) / 1000, simulation: (tRun - tRoute - tSim) / 1000, outputs: (tOut - tRun) / 1000, total: (tOut - t0) / 1000 },
  };
  if (summary.arrived + summary.stuck !== summary.vehicles) throw new Error(`meso conservation broken: ${summary.vehicles} departed, ${summary.arrived} arrived, ${summary.stuck} stuck`);
  return { summary, net, plan, run, trips: records, links: series, trajectories: traj, times: eq.times, phases: eq.phases, moverChecks: eq.moverChecks };
}

function planOf(departS: Int32Array, routeStart: Int32Array, routeLinks: Int32Array, use: Uint8Array): MesoPlan {
  // vehicles that do not run have empty routes: the kernel never starts them
  const dep = Int32Array.from(departS, (d, t) => (use[t] ? d : 0));
  return { vehicleCount: dep.length, departS: dep, routeStart, routeLinks };
}

/**
 * Link times per bin as experienced in `run`, by the bin a vehicle *entered* the link (what a
 * router departing then would meet; MATSim's travel-time calculator does the same): the mean
 * of exit − entry over the vehicles that entered in the bin, a vehicle removed as stuck or
 * still on the link at the end counting its time up to then (a lower bound). A bin nobody
 * entered takes free-flow time, but never less than the previous bin's time minus a bin (a
 * link too full to enter stays slow for as long as its queue takes to clear: FIFO). Never
 * below free-flow; Infinity where closed in any part of the bin.
 */
export function experiencedTimes(net: MesoNetwork, plan: MesoPlan, run: QueueSimRun, binS: number, closures?: LinkClosures): LinkTimes {
  const m = net.linkCount;
  const { startS, binCount } = seriesBins(plan, run, binS);
  const sum = new Float64Array(binCount * m);
  const entered = new Float64Array(binCount * m);
  forEachTraversal(plan, run, (_v, e, inS, outS) => {
    const c = Math.min(binCount - 1, Math.floor((inS - startS) / binS)) * m + e;
    sum[c] += outS - inS;
    entered[c]++;
  });
  // shared, so a worker pool reads it without a copy
  const time = new Float64Array(new SharedArrayBuffer(8 * binCount * m));
  for (let e = 0; e < m; e++) {
    let previous = 0;
    for (let b = 0; b < binCount; b++) {
      const c = b * m + e;
      previous = net.flowPerStep[e] <= 0 ? Infinity : Math.max(net.fftSteps[e], entered[c] > 0 ? sum[c] / entered[c] : 0, previous - binS);
      time[c] = previous;
    }
  }
  // departures queue for room on their first link: that wait belongs to the route, not to a link's crossing time
  const waitSum = new Float64Array(binCount * m);
  const waitN = new Float64Array(binCount * m);
  for (let v = 0; v < plan.vehicleCount; v++) {
    const r0 = plan.routeStart[v];
    if (r0 === plan.routeStart[v + 1] || run.status[v] === VehicleStatus.Pending) continue;
    const c = Math.min(binCount - 1, Math.max(0, Math.floor((plan.departS[v] - startS) / binS))) * m + plan.routeLinks[r0];
    waitSum[c] += (run.enterS[r0] >= 0 ? run.enterS[r0] : run.endS[v]) - plan.departS[v];
    waitN[c]++;
  }
  const entryWaitS = new Float64Array(new SharedArrayBuffer(8 * binCount * m));
  for (let c = 0; c < binCount * m; c++) entryWaitS[c] = waitN[c] > 0 ? waitSum[c] / waitN[c] : 0;
  for (let k = 0; closures && k < closures.link.length; k++) {
    const b0 = Math.max(0, Math.floor((closures.fromS[k] - startS) / binS));
    const b1 = Math.min(binCount - 1, Math.floor((closures.toS[k] - 1 - startS) / binS));
    for (let b = b0; b <= b1; b++) time[b * m + closures.link[k]] = Infinity;
  }
  return { binS, startS, binCount, linkCount: m, time, entryWaitS };
}

type Routes = { routeStart: Int32Array; routeLinks: Int32Array };

/** The given routes, with the trips that have none there (or every trip, with none given) routed on `cost`. */
async function plannedRoutes(routeFn: RouteFn, graph: RoadGraph, cost: Float64Array, trips: TripSet, use: Uint8Array, given?: Routes): Promise<Routes> {
  if (!given) return routeFn(graph, cost, trips.origin, trips.dest, use);
  const rest = Uint8Array.from(use, (u, t) => (u && given.routeStart[t + 1] === given.routeStart[t] ? 1 : 0));
  const routed = await routeFn(graph, cost, trips.origin, trips.dest, rest);
  return joinPerTrip(use, [given, routed], Int32Array.from(rest));
}

/** Per trip t, the route of parts[pick[t]]. */
function joinPerTrip(use: Uint8Array, parts: Routes[], pick: Int32Array): Routes {
  const n = use.length;
  const routeStart = new Int32Array(n + 1);
  for (let t = 0; t < n; t++) {
    const r = parts[pick[t]];
    routeStart[t + 1] = routeStart[t] + (use[t] ? r.routeStart[t + 1] - r.routeStart[t] : 0);
  }
  const routeLinks = new Int32Array(routeStart[n]);
  for (let t = 0; t < n; t++) {
    if (!use[t]) continue;
    const r = parts[pick[t]];
    routeLinks.set(r.routeLinks.subarray(r.routeStart[t], r.routeStart[t + 1]), routeStart[t]);
  }
  return { routeStart, routeLinks };
}

/**
 * Keeps the planned routes, re-routes the trips that would meet a closure (closureGroups) on
 * their group's costs, and joins them per trip. A trip with no way around — bound for an address
 * on the closed street itself, or behind it — waits for the reopening when that comes within
 * the stuck time-out, and otherwise ends where the closure begins: its route stops at the first
 * link it would meet closed, and that link's tail becomes its destination (the driver parks
 * there), so it is not removed as stuck.
 */
async function routeAroundClosures(first: Routes, routeFn: RouteFn, graph: RoadGraph, cost: Float64Array, trips: TripSet, use: Uint8Array, closures: LinkClosures, removeAfterS: number): Promise<{ routes: Routes; dest: Int32Array; endedAtClosure: number }> {
  const { group, costs, firstClosed, waitS } = closureGroups(closures, trips.departS, use, cost, first.routeStart, first.routeLinks);
  const n = trips.count;
  const parts: { routeStart: Int32Array; routeLinks: Int32Array }[] = [first];
  for (let g = 1; g < costs.length; g++) {
    const mine = Uint8Array.from(use, (u, t) => (u && group[t] === g ? 1 : 0));
    // a worker pool needs shared costs; the masked copies are plain
    const c = costs[g].buffer instanceof SharedArrayBuffer ? costs[g] : shared(costs[g]);
    parts.push(await routeFn(graph, c, trips.origin, trips.dest, mine));
  }
  const dest = trips.dest.slice();
  const endAt = new Int32Array(n).fill(-1);
  let endedAtClosure = 0;
  for (let t = 0; t < n; t++) {
    if (group[t] === 0 || parts[group[t]].routeStart[t + 1] !== parts[group[t]].routeStart[t]) continue;
    group[t] = 0;
    const k = firstClosed[t];
    if (waitS[t] <= removeAfterS) continue;
    endAt[t] = k;
    dest[t] = graph.tail[first.routeLinks[k]];
    // one whose very first link is closed cannot start: its empty route rejects it as unreachable
    if (k > first.routeStart[t]) endedAtClosure++;
  }
  const joined = joinPerTrip(use, parts, group);
  if (!endAt.some((k) => k >= 0)) return { routes: joined, dest, endedAtClosure };
  // cut the ended trips' routes before their closed link
  const routeStart = new Int32Array(n + 1);
  for (let t = 0; t < n; t++) routeStart[t + 1] = routeStart[t] + (endAt[t] >= 0 ? endAt[t] - first.routeStart[t] : joined.routeStart[t + 1] - joined.routeStart[t]);
  const routeLinks = new Int32Array(routeStart[n]);
  for (let t = 0; t < n; t++) {
    const from = joined.routeStart[t];
    routeLinks.set(joined.routeLinks.subarray(from, from + routeStart[t + 1] - routeStart[t]), routeStart[t]);
  }
  return { routes: { routeStart, routeLinks }, dest, endedAtClosure };
}

function shared(a: Float64Array): Float64Array {
  const out = new Float64Array(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}
