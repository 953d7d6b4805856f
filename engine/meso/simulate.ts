/**
 * simulate(): a whole mesoscopic run — check the trips, route them, run the queue model,
 * optionally re-route a share of the vehicles on the link times they experienced and run
 * again, then build the outputs (trip records, 15-min link series, sampled trajectories).
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
import { linkSeries, SERIES_BIN_S, type LinkSeries } from './link-series.ts';
import { freeFlowCost, mesoNetwork, type MesoNetwork } from './meso-network.ts';
import { runQueueSim, unitHash, VehicleStatus, type MesoPlan, type QueueSimRun } from './queue-sim.ts';
import { routeAll, type RoutingGraph } from './routes.ts';
import { TimeDependentRouter, type LinkTimes } from './td-route.ts';
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
  stuckTimeS?: number;
  binS?: number;
  /** Route cost per link (e.g. equilibrium link times); default free-flow times. */
  routeCost?: Float64Array;
  route?: RouteFn;
  /** Re-routing: iterations after the first run, each re-routing `share` of the vehicles (0..1) on experienced times. */
  reroute?: { iterations: number; share: number };
  /** Keep every n-th vehicle's trajectory (0: none). */
  trajectoryEvery?: number;
  /** Links closed in time windows (closures.ts); routes plan around the ones near their departure. */
  closures?: LinkClosures;
}

export interface MesoSummary {
  trips: number;
  /** Vehicles that ran (departed). */
  vehicles: number;
  arrived: number;
  /** Removed after the stuck time-out, plus unfinished at the end of the run. */
  stuck: number;
  stuckTimedOut: number;
  unfinished: number;
  rejected: { malformed: number; unknownNode: number; outsideHorizon: number; sameNode: number; unreachable: number };
  closedLinks: number;
  meanTravelTimeS: number;
  vehicleSeconds: number;
  vehicleKm: number;
  iterations: number;
  seconds: { routing: number; simulation: number; outputs: number; total: number };
}

export interface MesoResult {
  summary: MesoSummary;
  net: MesoNetwork;
  plan: MesoPlan;
  run: QueueSimRun;
  trips: TripRecords;
  links: LinkSeries;
  trajectories: Trajectories;
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
  const routes = opts.closures && opts.closures.link.length > 0 ? await routeAroundClosures(routeFn, graph, cost, trips, use, opts.closures) : await routeFn(graph, cost, trips.origin, trips.dest, use);
  for (let t = 0; t < n; t++) {
    if (use[t] && routes.routeStart[t + 1] === routes.routeStart[t]) {
      rejected[t] = TripStatus.Unreachable;
      use[t] = 0;
    }
  }
  const tRoute = performance.now();
  // rejected trips keep an empty route and a departure past the end: the kernel never starts them
  const departS = Int32Array.from(trips.departS, (d, t) => (use[t] ? d : -1));
  let plan = planOf(departS, routes.routeStart, routes.routeLinks, use);
  const endS = horizon + (opts.clearanceS ?? 3 * 3600);
  const closures = opts.closures;
  let run = runQueueSim(net, plan, { seed, stuckTimeS: opts.stuckTimeS, endS, closures });
  const iterations = opts.reroute?.iterations ?? 0;
  let tSim = 0;
  for (let it = 1; it <= iterations; it++) {
    const s0 = performance.now();
    plan = reroutePlan(graph, net, plan, run, trips, use, experiencedTimes(net, plan, run, binS, closures), opts.reroute!.share, seed, it);
    tSim += performance.now() - s0;
    run = runQueueSim(net, plan, { seed, stuckTimeS: opts.stuckTimeS, endS, closures });
  }
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
    rejected: { malformed: trips.malformed, unknownNode: count(TripStatus.UnknownNode), outsideHorizon: count(TripStatus.OutsideHorizon), sameNode: count(TripStatus.SameNode), unreachable: count(TripStatus.Unreachable) },
    closedLinks: net.closedLinks,
    meanTravelTimeS: run.arrived > 0 ? travel / run.arrived : 0,
    vehicleSeconds: vehS,
    vehicleKm: vehKm,
    iterations: iterations + 1,
    seconds: { routing: (tRoute - t0 + tSim) / 1000, simulation: (tRun - tRoute - tSim) / 1000, outputs: (tOut - tRun) / 1000, total: (tOut - t0) / 1000 },
  };
  if (summary.arrived + summary.stuck !== summary.vehicles) throw new Error(`meso conservation broken: ${summary.vehicles} departed, ${summary.arrived} arrived, ${summary.stuck} stuck`);
  return { summary, net, plan, run, trips: records, links: series, trajectories: traj };
}

function planOf(departS: Int32Array, routeStart: Int32Array, routeLinks: Int32Array, use: Uint8Array): MesoPlan {
  // vehicles that do not run have empty routes: the kernel never starts them
  const dep = Int32Array.from(departS, (d, t) => (use[t] ? d : 0));
  return { vehicleCount: dep.length, departS: dep, routeStart, routeLinks };
}

/** Link times per bin as experienced in `run` (free-flow where no vehicle left the link in a bin; Infinity where closed in any part of it). */
export function experiencedTimes(net: MesoNetwork, plan: MesoPlan, run: QueueSimRun, binS: number, closures?: LinkClosures): LinkTimes {
  const s = linkSeries(net, plan, run, binS);
  const m = net.linkCount;
  const time = new Float64Array(s.binCount * m);
  for (let b = 0; b < s.binCount; b++) {
    for (let e = 0; e < m; e++) {
      const c = b * m + e;
      const v = s.speedKmh[c];
      time[c] = net.flowPerStep[e] <= 0 ? Infinity : v > 0 ? Math.max(net.fftSteps[e], (3.6 * net.lengthM[e]) / v) : net.fftSteps[e];
    }
  }
  for (let k = 0; closures && k < closures.link.length; k++) {
    const b0 = Math.max(0, Math.floor((closures.fromS[k] - s.startS) / binS));
    const b1 = Math.min(s.binCount - 1, Math.floor((closures.toS[k] - 1 - s.startS) / binS));
    for (let b = b0; b <= b1; b++) time[b * m + closures.link[k]] = Infinity;
  }
  return { binS, startS: s.startS, binCount: s.binCount, linkCount: m, time };
}

/** Routes every trip on `cost`, re-routes the ones that would meet a closure (closureGroups) on their group's costs, and joins them per trip. */
async function routeAroundClosures(routeFn: RouteFn, graph: RoadGraph, cost: Float64Array, trips: TripSet, use: Uint8Array, closures: LinkClosures): Promise<{ routeStart: Int32Array; routeLinks: Int32Array }> {
  const first = await routeFn(graph, cost, trips.origin, trips.dest, use);
  const { group, costs } = closureGroups(closures, trips.departS, use, cost, first.routeStart, first.routeLinks);
  const n = trips.count;
  const parts: { routeStart: Int32Array; routeLinks: Int32Array }[] = [first];
  for (let g = 1; g < costs.length; g++) {
    const mine = Uint8Array.from(use, (u, t) => (u && group[t] === g ? 1 : 0));
    // a worker pool needs shared costs; the masked copies are plain
    const c = costs[g].buffer instanceof SharedArrayBuffer ? costs[g] : shared(costs[g]);
    parts.push(await routeFn(graph, c, trips.origin, trips.dest, mine));
  }
  // with no way around the closure, a trip keeps its route and waits for the reopening
  for (let t = 0; t < n; t++) if (group[t] > 0 && parts[group[t]].routeStart[t + 1] === parts[group[t]].routeStart[t]) group[t] = 0;
  const routeStart = new Int32Array(n + 1);
  for (let t = 0; t < n; t++) {
    const r = parts[group[t]];
    routeStart[t + 1] = routeStart[t] + (use[t] ? r.routeStart[t + 1] - r.routeStart[t] : 0);
  }
  const routeLinks = new Int32Array(routeStart[n]);
  for (let t = 0; t < n; t++) {
    if (!use[t]) continue;
    const r = parts[group[t]];
    routeLinks.set(r.routeLinks.subarray(r.routeStart[t], r.routeStart[t + 1]), routeStart[t]);
  }
  return { routeStart, routeLinks };
}

function shared(a: Float64Array): Float64Array {
  const out = new Float64Array(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}

/** A new plan where a seeded share of the vehicles take the time-dependent shortest path on `times`. */
function reroutePlan(graph: RoadGraph, net: MesoNetwork, plan: MesoPlan, run: QueueSimRun, trips: TripSet, use: Uint8Array, times: LinkTimes, share: number, seed: number, iteration: number): MesoPlan {
  const router = new TimeDependentRouter(net.nodeCount);
  const n = plan.vehicleCount;
  const routeStart = new Int32Array(n + 1);
  const links: number[] = [];
  for (let t = 0; t < n; t++) {
    const r0 = plan.routeStart[t];
    const r1 = plan.routeStart[t + 1];
    const redo = use[t] && unitHash(seed, t, iteration, 0x5eed) < share && run.status[t] !== VehicleStatus.Pending;
    if (!redo || router.route(graph, times, trips.origin[t], trips.dest[t], plan.departS[t], links) === 0) {
      for (let i = r0; i < r1; i++) links.push(plan.routeLinks[i]);
    }
    routeStart[t + 1] = links.length;
  }
  return { vehicleCount: n, departS: plan.departS, routeStart, routeLinks: Int32Array.from(links) };
}
