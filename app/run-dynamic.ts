/**
 * The dynamic branch of a run (`"model": "dynamic"`): the mesoscopic queue model (engine/meso)
 * on the scenario's applied graph, with routes from the static equilibrium of the period.
 *
 * Terms:
 * - *window*: departures simulated are the demand agents leaving in the period widened by
 *   DYNAMIC_MARGIN_S on each side (07:00–08:00 runs 06:00–09:00), so queues are already built
 *   when the period starts and the period's trips can finish; each agent's base-graph nodes are
 *   found in the applied graph as the static run finds zone nodes.
 * - *timed closure*: a `close` or `close-area` with a from–to window, acting in time
 *   (engine/meso/timed-closures.ts).
 * - routes: each trip's path is drawn from the equilibrium's per-origin flows
 *   (engine/meso/equilibrium-routes.ts); a trip the flows do not cover takes its shortest path
 *   on the route cost — the equilibrium link times (plus tolls as seconds), Infinity on links
 *   without capacity; a trip that would meet a closed link plans around it
 *   (engine/meso/closures.ts); then the dynamic-equilibrium loop on experienced times
 *   (engine/meso/dynamic-equilibrium.ts) until the relative gap of all vehicles is at most the target.
 * - per-edge columns and totals of the period: engine/metrics/period-metrics.ts.
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
import type { MoverCheck } from '../engine/meso/mover-check.ts';
import type { LinkTimes } from '../engine/meso/td-route.ts';
import type { EquilibriumScheme, PhaseSeconds } from '../engine/meso/dynamic-equilibrium.ts';
import type { StepRule } from '../engine/meso/step-rule.ts';
import { TripStatus } from '../engine/meso/trip-records.ts';
import { tripSet } from '../engine/meso/trips.ts';
import type { LinkMetrics } from '../engine/metrics/link-metrics.ts';
import { periodAverages, periodTotals } from '../engine/metrics/period-metrics.ts';
import type { RunDynamic, RunTotals } from '../engine/metrics/run-result.ts';

/** Seconds simulated before and after the period. */
export const DYNAMIC_MARGIN_S = 3600;
/** Every n-th trip's trajectory goes into result.fb. */
export const TRAJECTORY_EVERY = 10;

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
  due?: { maxRuns: number; gap?: number; scheme?: EquilibriumScheme; step?: number; rule?: StepRule; share?: number; queueWeight?: number; retry?: boolean };
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
  /** Seconds of the equilibrium loop per phase. */
  phases: PhaseSeconds;
  /** How the vehicles moved before each run fared in it (engine/meso/mover-check.ts). */
  moverChecks: MoverCheck[];
}

/** Set by bench/dynamic-profile.ts to take a real run's inputs and time the loop on its own; unset in runs. */
export const dynamicInputsTap: { take?: (x: DynamicInputs) => void } = {};

export async function runDynamic(x: DynamicInputs): Promise<DynamicOutcome> {
  dynamicInputsTap.take?.(x);
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
      endedAtClosure: s.endedAtClosure,
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
  return { dynamic, links: periodAverages(graph, dynamic.series, period), totals: periodTotals(dynamic, r.endS, period), agentOf, times: sim.times, phases: sim.phases, moverChecks: sim.moverChecks };
}

