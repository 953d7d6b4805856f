/**
 * The dynamic user-equilibrium loop of the queue model: run the plan, time the links as
 * experienced, find every vehicle's best time-dependent path for its departure (best-paths.ts),
 * measure the relative gap of all vehicles (relative-gap.ts), and — until the gap is at most
 * the target or the run budget is spent — move vehicles towards their best paths and run again.
 *
 * Schemes (`scheme`):
 * - 'swap' (default): proportional swapping (route-swap.ts), flow moved off each route in
 *   proportion to its relative excess cost, with a step that shrinks as 1/√k;
 * - 'capacity': the same draw, each candidate then checked against the moves already accepted
 *   (capacity-swap.ts): a best path stops taking movers once the queue they add would leave it
 *   no faster than the route they leave; options (off here, measured in bench/RESULTS.md):
 *   `spill`, the check also prices the queue the movers back up past a link's storage, and
 *   `retry`, the candidates the check held back get a second path, found on the link times
 *   loaded with the accepted moves, that the check may accept (on in `gemeo run`'s defaults,
 *   DYNAMIC_DEFAULTS in app/run-scenario.ts);
 * - 'sample': the earlier MATSim-like rule, a seeded `share` of all vehicles takes its best
 *   path whatever it gains (kept for the convergence comparison in bench/dynamic-equilibrium.ts).
 * Every decision is a function of the run and a hash of (seed, vehicle, iteration), and the
 * path search splits over workers only at group boundaries: the same runs for any worker count.
 */
import { bestPathOrder, bestPaths, BEST_PATH_INTERVAL_S, type BestPathFn } from './best-paths.ts';
import { capacityCheck, type SpillNetwork } from './capacity-swap.ts';
import type { LinkClosures } from './closures.ts';
import type { RoutingGraph } from './routes.ts';
import { unitHash, VehicleStatus, type MesoPlan, type QueueSimRun } from './queue-sim.ts';
import { moverCheck, type MoverCheck } from './mover-check.ts';
import { relativeGap } from './relative-gap.ts';
import { swapRoutes, type SwapResult } from './route-swap.ts';
import type { LinkTimes, TripPaths } from './td-route.ts';
import { DEFAULT_STEP_RULE, stepSchedule, type StepRule } from './step-rule.ts';

/**
 * First step of the swap (then step/√k). Measured on Porto Alegre's AM peak (bench/RESULTS.md):
 * 1 moves so many vehicles at once that the second run is worse than the first; 0.5 falls steadily.
 */
export const DEFAULT_STEP = 0.5;
/** First step of the 'capacity' scheme (then step/√k): its check, not the step, holds the movers back (bench/RESULTS.md). */
export const CAPACITY_STEP = 1;

/** Seconds per bin of the experienced link times the paths are found on. */
export const LINK_TIME_BIN_S = 300;

/** How vehicles move between runs (see the file comment). */
export type EquilibriumScheme = 'swap' | 'sample' | 'capacity';

export interface EquilibriumOptions {
  /** Queue-model runs at most (the first included). */
  maxRuns: number;
  /** Stop once the relative gap of all vehicles is at most this. */
  gap: number;
  scheme?: EquilibriumScheme;
  /** 'swap', 'capacity': the first iteration's step (default DEFAULT_STEP, CAPACITY_STEP); 'sample': ignored. */
  step?: number;
  /** 'swap': how the step shrinks (step-rule.ts; default DEFAULT_STEP_RULE). */
  rule?: StepRule;
  /** 'sample': share of vehicles moved per iteration. */
  share?: number;
  intervalS?: number;
  binS?: number;
  seed: number;
  closures?: LinkClosures;
  /** Flow capacity of each link, vehicles per second ('capacity' needs it). */
  capacityPerS?: Float64Array;
  /** 'capacity': weight of the queue a mover is charged (capacity-swap.ts; default DEFAULT_QUEUE_WEIGHT). */
  queueWeight?: number;
  /** 'capacity': weight of the spillback price, × queueWeight (capacity-swap.ts; default 0, off). */
  spill?: number;
  /** 'capacity' with `spill`: the network's out-links, heads and storage. */
  spillNet?: SpillNetwork;
  /** 'capacity': give the candidates the check held back a second chance on paths found on the link times loaded with the accepted moves (capacity-swap.ts; default off). */
  retry?: boolean | number;
}

export interface EquilibriumRun {
  plan: MesoPlan;
  run: QueueSimRun;
  /** Link times experienced in the last run, and the relative gap of each run, first to last. */
  times: LinkTimes;
  gaps: number[];
  /** Vehicles moved before each run after the first. */
  moved: number[];
  /** Seconds spent finding best paths. */
  pathSeconds: number;
  /** Seconds per phase, summed over the runs. */
  phases: PhaseSeconds;
  /** For each run after the first, how the vehicles moved before it fared (mover-check.ts; swapping schemes only). */
  moverChecks: MoverCheck[];
}

/** Where the loop's time goes (bench/dynamic-profile.ts prints it). */
export interface PhaseSeconds {
  simulation: number;
  linkTimes: number;
  bestPaths: number;
  gap: number;
  swap: number;
}

export interface EquilibriumHooks {
  simulate: (plan: MesoPlan) => QueueSimRun;
  experiencedTimes: (plan: MesoPlan, run: QueueSimRun, binS: number, closures?: LinkClosures) => LinkTimes;
  bestPaths?: BestPathFn;
  /** After each run, with its relative gap. */
  onRun?: (index: number, plan: MesoPlan, run: QueueSimRun, gap: number, moved: number) => void;
}

/** Set by bench/dynamic-gap.ts to decompose a run's gap; unset in runs. */
export const equilibriumTap: { measured?: (m: MeasuredRun) => void } = {};

/** One run as the loop measured it (for equilibriumTap). */
export interface MeasuredRun {
  index: number;
  graph: RoutingGraph;
  origin: Int32Array;
  dest: Int32Array;
  plan: MesoPlan;
  run: QueueSimRun;
  times: LinkTimes;
  trips: Int32Array;
  best: TripPaths;
  intervalS: number;
  gap: number;
}

/** With `measure` false and one run, the best paths and the gap are skipped (gap NaN). */
export async function dynamicEquilibrium(graph: RoutingGraph, origin: Int32Array, dest: Int32Array, use: Uint8Array, first: MesoPlan, opts: EquilibriumOptions, hooks: EquilibriumHooks, measure = true): Promise<EquilibriumRun> {
  const intervalS = opts.intervalS ?? BEST_PATH_INTERVAL_S;
  const binS = opts.binS ?? LINK_TIME_BIN_S;
  const find: BestPathFn = hooks.bestPaths ?? bestPaths;
  const gaps: number[] = [];
  const moved: number[] = [];
  const moverChecks: MoverCheck[] = [];
  let predicted: Float64Array | undefined;
  let pathSeconds = 0;
  const phases: PhaseSeconds = { simulation: 0, linkTimes: 0, bestPaths: 0, gap: 0, swap: 0 };
  let clock = performance.now();
  const lap = (phase: keyof PhaseSeconds) => {
    const now = performance.now();
    phases[phase] += (now - clock) / 1000;
    clock = now;
  };
  let plan = first;
  let lastMoved = 0;
  const nextStep = stepSchedule(opts.rule ?? DEFAULT_STEP_RULE, opts.step ?? (opts.scheme === 'capacity' ? CAPACITY_STEP : DEFAULT_STEP));
  for (let k = 1; ; k++) {
    clock = performance.now();
    const run = hooks.simulate(plan);
    lap('simulation');
    const times = hooks.experiencedTimes(plan, run, binS, opts.closures);
    lap('linkTimes');
    if (!measure && k >= opts.maxRuns) {
      gaps.push(NaN);
      hooks.onRun?.(k - 1, plan, run, NaN, lastMoved);
      return { plan, run, times, gaps, moved, pathSeconds, phases, moverChecks };
    }
    const ran = Uint8Array.from(use, (u, t) => (u && run.status[t] !== VehicleStatus.Pending ? 1 : 0));
    const trips = bestPathOrder(origin, plan.departS, ran, intervalS);
    const t0 = performance.now();
    const best = await find(graph, times, origin, dest, plan.departS, trips, intervalS);
    pathSeconds += (performance.now() - t0) / 1000;
    lap('bestPaths');
    const gap = relativeGap(run, plan.departS, trips, best.timeS);
    gaps.push(gap);
    equilibriumTap.measured?.({ index: k - 1, graph, origin, dest, plan, run, times, trips, best, intervalS, gap });
    if (predicted) moverChecks.push(moverCheck(predicted, run, plan.departS, trips, best.timeS));
    lap('gap');
    hooks.onRun?.(k - 1, plan, run, gap, lastMoved);
    if (!(gap > opts.gap) || k >= opts.maxRuns) return { plan, run, times, gaps, moved, pathSeconds, phases, moverChecks };
    clock = performance.now();
    let next: SwapResult;
    if (opts.scheme === 'capacity') {
      const check = capacityCheck(plan, run, times, trips, best, opts.capacityPerS!, nextStep(gap), opts.seed, k, opts.queueWeight, opts.spill && opts.spillNet ? { weight: opts.spill, net: opts.spillNet } : undefined);
      const held = opts.retry ? check.held() : undefined;
      if (held && held.length > 0) check.retry(held, await find(graph, check.loaded(), origin, dest, plan.departS, held, intervalS));
      next = check.result();
    } else next = opts.scheme === 'sample' ? sampleRoutes(plan, trips, best, opts.share ?? 0.15, opts.seed, k) : swapRoutes(plan, times, trips, best, nextStep(gap), opts.seed, k);
    if (next.predictedS) predicted = next.predictedS;
    else if (next.take) {
      predicted = new Float64Array(plan.vehicleCount).fill(NaN);
      for (let i = 0; i < trips.length; i++) if (next.take[trips[i]]) predicted[trips[i]] = best.timeS[i];
    }
    lap('swap');
    plan = next.plan;
    lastMoved = next.moved;
    moved.push(next.moved);
  }
}

/** 'sample': a seeded share of the listed vehicles takes its best path. */
function sampleRoutes(plan: MesoPlan, trips: Int32Array, best: TripPaths, share: number, seed: number, iteration: number): SwapResult {
  const n = plan.vehicleCount;
  const at = new Int32Array(n).fill(-1);
  for (let i = 0; i < trips.length; i++) if (best.starts[i + 1] > best.starts[i] && unitHash(seed, trips[i], iteration, 0x5eed) < share) at[trips[i]] = i;
  const start = new Int32Array(n + 1);
  let moved = 0;
  for (let v = 0; v < n; v++) {
    if (at[v] >= 0) moved++;
    start[v + 1] = start[v] + (at[v] >= 0 ? best.starts[at[v] + 1] - best.starts[at[v]] : plan.routeStart[v + 1] - plan.routeStart[v]);
  }
  const links = new Int32Array(start[n]);
  for (let v = 0; v < n; v++) links.set(at[v] >= 0 ? best.links.subarray(best.starts[at[v]], best.starts[at[v] + 1]) : plan.routeLinks.subarray(plan.routeStart[v], plan.routeStart[v + 1]), start[v]);
  return { plan: { vehicleCount: n, departS: plan.departS, routeStart: start, routeLinks: links }, moved };
}
