/**
 * The dynamic branch of a run (`"model": "dynamic"`): the mesoscopic queue model (engine/meso)
 * on the scenario's applied graph, with routes from the static equilibrium of the period.
 *
 * Terms:
 * - *window*: departures simulated are the demand agents leaving in the period widened by
 *   DYNAMIC_MARGIN_S on each side (07:00–08:00 runs 06:00–09:00), so queues are already built
 *   when the period starts and the period's trips can finish; each agent's base-graph nodes are
 *   found in the applied graph as the static run finds zone nodes.
 * - *timed closure*: a `close` or `close-area` with a from–to window. The static model removes
 *   the link for the period; here the link stays in the graph and closes only in its window
 *   (engine/meso/closures.ts), so those interventions are taken out before applyScenario and
 *   turned into link windows after it.
 * - routes: each trip's path is drawn from the equilibrium's per-origin flows
 *   (engine/meso/equilibrium-routes.ts); a trip the flows do not cover takes its shortest path
 *   on the route cost — the equilibrium link times (plus tolls as seconds), Infinity on links
 *   without capacity; a trip that would meet a closed link plans around it
 *   (engine/meso/closures.ts); then the dynamic-equilibrium loop on experienced times
 *   (engine/meso/dynamic-equilibrium.ts) until the relative gap of all vehicles is at most the target.
 * - per-edge columns of the result: the period's averages from the 15-min series (flow =
 *   vehicles leaving per hour; speed = flow-weighted space-mean speed, free-flow speed where no
 *   vehicle left; time = length / speed; v/c = flow / capacity).
 * - totals: over the trips that depart inside the period (not the margins): VKT and VHT as
 *   driven (stuck trips up to their removal), delay of arrived trips, mean time of arrived trips.
 */
import type { Agents } from '../engine/demand/agents.ts';
import type { Period } from '../engine/demand/time-of-day.ts';
import type { RoadGraph } from '../engine/graph/road-graph.ts';
import type { LinkClosures } from '../engine/meso/closures.ts';
import type { OriginFlows } from '../engine/assignment/origin-paths.ts';
import type { RoadAssignmentNetwork } from '../engine/assignment/road-network.ts';
import { equilibriumRoutes } from '../engine/meso/equilibrium-routes.ts';
import { simulate, type MesoIteration, type RouteFn } from '../engine/meso/simulate.ts';
import type { BestPathFn } from '../engine/meso/best-paths.ts';
import type { LinkTimes } from '../engine/meso/td-route.ts';
import { TripStatus } from '../engine/meso/trip-records.ts';
import { tripSet } from '../engine/meso/trips.ts';
import type { LinkMetrics } from '../engine/metrics/link-metrics.ts';
import type { RunDynamic, RunTotals } from '../engine/metrics/run-result.ts';
import { clockSeconds } from '../engine/scenario/parse-scenario.ts';
import { streetsLabel } from '../engine/scenario/streets.ts';
import { indexWays } from '../engine/scenario/graph-lookup.ts';
import type { Intervention, Scenario } from '../engine/scenario/scenario.ts';
import type { AppliedScenario } from '../engine/scenario/applied.ts';
import type { EdgeIndex } from '../engine/spatial/edge-index.ts';

/** Seconds simulated before and after the period. */
export const DYNAMIC_MARGIN_S = 3600;
/** Every n-th trip's trajectory goes into result.fb. */
export const TRAJECTORY_EVERY = 10;

type Timed = Intervention & ({ type: 'close' } | { type: 'close-area' }) & { from: string; to: string };

/** A timed closure acts in time in the dynamic model, not by removal. */
export function isTimedClosure(iv: Intervention): iv is Timed {
  return (iv.type === 'close' || iv.type === 'close-area') && iv.from !== undefined && iv.to !== undefined;
}

/** The scenario applyScenario gets in a dynamic run: timed closures left out (they act in time). */
export function withoutTimedClosures(s: Scenario): Scenario {
  return { ...s, interventions: s.interventions.filter((iv) => !isTimedClosure(iv)) };
}

/**
 * The timed closures as link windows on the applied graph, and the applied log/changed flags
 * completed with them (log entries back at the scenario's own intervention numbers).
 */
export function timedClosures(s: Scenario, applied: AppliedScenario, index: EdgeIndex): LinkClosures {
  const graph = applied.graph;
  const ways = indexWays(graph);
  const link: number[] = [];
  const fromS: number[] = [];
  const toS: number[] = [];
  const kept: number[] = [];
  const entries: AppliedScenario['log'] = [];
  s.interventions.forEach((iv, i) => {
    if (!isTimedClosure(iv)) {
      kept.push(i);
      return;
    }
    const edges = iv.type === 'close' ? iv.ways.flatMap((w) => ways.get(w) ?? []) : index.edgesInPolygon(iv.polygon);
    for (const e of edges) {
      link.push(e);
      fromS.push(clockSeconds(iv.from));
      toS.push(clockSeconds(iv.to));
      applied.changed[e] = 2; // EdgeChange.ClosedInWindow
    }
    entries.push({ intervention: i, type: iv.type, edges: edges.length, note: `${edges.length} edges closed ${iv.from}–${iv.to} (in time, dynamic model)`, label: iv.type === 'close' ? streetsLabel(graph.wayNames, iv.ways) : '', from: iv.from, to: iv.to });
  });
  for (const entry of applied.log) entry.intervention = kept[entry.intervention];
  applied.log.push(...entries);
  applied.log.sort((a, b) => a.intervention - b.intervention);
  return { link: Int32Array.from(link), fromS: Int32Array.from(fromS), toS: Int32Array.from(toS) };
}

export interface DynamicInputs {
  graph: RoadGraph;
  agents: Agents;
  /** Each agent's origin and destination node in `graph`. */
  originNode: Uint32Array;
  destNode: Uint32Array;
  period: Period;
  seed: number;
  /** Route cost per edge of `graph` (equilibrium times + tolls as seconds): trips not drawn from `equilibrium` take their shortest path on it. */
  routeCost: Float64Array;
  /** The equilibrium's origin flows (Algorithm B): each trip between zone nodes takes a path drawn from them (engine/meso/equilibrium-routes.ts). */
  equilibrium?: { net: RoadAssignmentNetwork; flows: OriginFlows };
  closures: LinkClosures;
  route?: RouteFn;
  bestPathFn?: BestPathFn;
  /** The dynamic-user-equilibrium loop (engine/meso/dynamic-equilibrium.ts): queue-model runs at most, the gap that stops it, the scheme. */
  due?: { maxRuns: number; gap?: number; scheme?: 'swap' | 'sample'; step?: number; share?: number };
  onIteration?: (record: MesoIteration) => void;
}

export interface DynamicOutcome {
  dynamic: RunDynamic;
  links: LinkMetrics;
  totals: Omit<RunTotals, 'co2Kg'>;
  /** Agent index behind each simulated trip. */
  agentOf: Int32Array;
  /** Link times experienced in the last run (time-dependent zone-to-zone times). */
  times: LinkTimes;
}

export async function runDynamic(x: DynamicInputs): Promise<DynamicOutcome> {
  const { graph, agents, period } = x;
  const windowStartS = Math.max(0, period.startS - DYNAMIC_MARGIN_S);
  const windowEndS = period.endS + DYNAMIC_MARGIN_S;
  const picked: number[] = [];
  for (let a = 0; a < agents.count; a++) if (agents.departS[a] >= windowStartS && agents.departS[a] < windowEndS) picked.push(a);
  const agentOf = Int32Array.from(picked);
  const trips = tripSet(
    Array.from(agentOf, (a) => agents.departS[a]),
    Array.from(agentOf, (a) => x.originNode[a]),
    Array.from(agentOf, (a) => x.destNode[a]),
  );
  const use = Uint8Array.from(trips.origin, (o, t) => (o !== trips.dest[t] ? 1 : 0));
  const drawn = x.equilibrium ? equilibriumRoutes(x.equilibrium.net, x.equilibrium.flows, trips.origin, trips.dest, use, x.seed) : undefined;
  const sim = await simulate(graph, trips, { seed: x.seed, horizonS: windowEndS, routeCost: x.routeCost, routes: drawn, route: x.route, bestPathFn: x.bestPathFn, closures: x.closures, equilibrium: x.due, trajectoryEvery: TRAJECTORY_EVERY, onIteration: x.onIteration });
  const s = sim.summary;
  const r = sim.trips;
  const n = trips.count;
  const arriveS = Float64Array.from(r.endS, (e, t) => (r.status[t] === TripStatus.Arrived ? e : NaN));
  const dynamic: RunDynamic = {
    summary: {
      vehicles: s.vehicles,
      arrived: s.arrived,
      stuck: s.stuck,
      stuckTimedOut: s.stuckTimedOut,
      unfinished: s.unfinished,
      squeezed: s.squeezed,
      routesDrawn: drawn?.drawn ?? 0,
      history: s.history,
      meanTravelTimeS: s.meanTravelTimeS,
      vehicleSeconds: s.vehicleSeconds,
      vehicleKm: s.vehicleKm,
      rejected: { unknownNode: s.rejected.unknownNode, outsideHorizon: s.rejected.outsideHorizon, sameNode: s.rejected.sameNode, unreachable: s.rejected.unreachable },
      windowStartS,
      windowEndS,
      iterations: s.iterations,
      relativeGap: s.relativeGap,
      seconds: s.seconds.total,
      conserved: s.vehicles === s.arrived + s.stuck,
      timedClosures: x.closures.link.length,
    },
    trips: {
      count: n,
      id: Float64Array.from(agentOf, (a) => agents.chain[a] * 256 + agents.leg[a]),
      kind: Uint8Array.from(agentOf, (a) => agents.kind[a]),
      status: r.status,
      // the records zero the departure of trips that did not run; keep the demand's
      departS: Float64Array.from(trips.departS),
      arriveS,
      distanceM: r.distanceM,
      delayS: r.delayS,
    },
    series: { binS: sim.links.binS, startS: sim.links.startS, binCount: sim.links.binCount, flowVph: sim.links.flowVph, speedKmh: sim.links.speedKmh, densityVpkm: sim.links.densityVpkm, queueVeh: sim.links.queueVeh },
    trajectories: { count: sim.trajectories.count, trip: sim.trajectories.vehicle, startIndices: sim.trajectories.startIndices, coords: sim.trajectories.coords, timestamps: sim.trajectories.timestamps },
  };
  return { dynamic, links: periodAverages(graph, dynamic.series, period), totals: periodTotals(dynamic, r.endS, period), agentOf, times: sim.times };
}

/** Per-edge flow, speed, time and v/c averaged over the series bins that start inside the period. */
export function periodAverages(graph: RoadGraph, s: RunDynamic['series'], period: Period): LinkMetrics {
  const m = graph.edgeCount;
  const flow = new Float64Array(m);
  const speedSum = new Float64Array(m);
  let bins = 0;
  for (let b = 0; b < s.binCount; b++) {
    const t = s.startS + b * s.binS;
    if (t < period.startS || t >= period.endS) continue;
    bins++;
    const row = b * m;
    for (let e = 0; e < m; e++) {
      const f = s.flowVph[row + e];
      if (f > 0) {
        flow[e] += f;
        speedSum[e] += f * s.speedKmh[row + e];
      }
    }
  }
  const timeS = new Float64Array(m);
  const vc = new Float32Array(m);
  const speedKmh = new Float32Array(m);
  for (let e = 0; e < m; e++) {
    const v = flow[e] > 0 ? speedSum[e] / flow[e] : graph.lengthM[e] > 0 && graph.freeFlowS[e] > 0 ? (3.6 * graph.lengthM[e]) / graph.freeFlowS[e] : graph.speedKmh[e];
    flow[e] = bins > 0 ? flow[e] / bins : 0;
    speedKmh[e] = v;
    timeS[e] = v > 0 ? (3.6 * graph.lengthM[e]) / v : graph.freeFlowS[e];
    vc[e] = graph.capacityVph[e] > 0 ? flow[e] / graph.capacityVph[e] : 0;
  }
  return { flowVph: flow, timeS, vc, speedKmh };
}

/** Totals over the trips that depart inside the period; `endS` is each trip's arrival, removal or end-of-run time. */
export function periodTotals(d: RunDynamic, endS: Float64Array, period: Period): Omit<RunTotals, 'co2Kg'> {
  const t = d.trips;
  let km = 0;
  let onRoadS = 0;
  let delay = 0;
  let arrived = 0;
  let arrivedS = 0;
  let ran = 0;
  let unreachable = 0;
  for (let i = 0; i < t.count; i++) {
    if (t.departS[i] < period.startS || t.departS[i] >= period.endS) continue;
    if (t.status[i] === TripStatus.Unreachable) unreachable++;
    if (t.status[i] >= 10) continue;
    ran++;
    km += t.distanceM[i] / 1000;
    onRoadS += endS[i] - t.departS[i];
    if (t.status[i] === TripStatus.Arrived) {
      arrived++;
      arrivedS += endS[i] - t.departS[i];
      delay += t.delayS[i];
    }
  }
  return { vkt: km, vht: onRoadS / 3600, delayVh: delay / 3600, meanTripMin: arrived > 0 ? arrivedS / arrived / 60 : 0, trips: ran, unreachableTrips: unreachable };
}
