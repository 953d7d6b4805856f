/**
 * What an assignment run is asked (AssignmentOptions) and what it returns (AssignmentResult).
 * Every method fills the same result, convergence history included, so the CLI, reports and
 * benchmarks treat them alike.
 *
 * Terms: `flow` and `cost` are per edge of the AssignmentNetwork (cost = generalized cost at
 * the final flows); `relativeGap` as defined in objective.ts; `seconds` is wall time inside
 * the method, after the network and demand were read.
 */

import type { ParallelAonFactory } from './aon-loader.ts';
import type { BushPoolFactory, WarmStart } from './algorithm-b-workspace.ts';
import type { OriginFlows } from './origin-paths.ts';

export type AssignmentMethod = 'msa' | 'fw' | 'cfw' | 'bfw' | 'algb';

export const ASSIGNMENT_METHODS: readonly AssignmentMethod[] = ['msa', 'fw', 'cfw', 'bfw', 'algb'];

/**
 * How a run ended: `converged` (gap at or below the target), `time limit`, `iteration limit`,
 * or `stalled` (the gap stopped improving; Algorithm B only, after a change of strategy).
 */
export type AssignmentStatus = 'converged' | 'stalled' | 'time limit' | 'iteration limit';

export const ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = ['converged', 'stalled', 'time limit', 'iteration limit'];

export interface IterationRecord {
  iteration: number;
  /** Relative gap of the flows at the start of this iteration. */
  gap: number;
  /** Step size taken from those flows (NaN where a method has no single step). */
  step: number;
  /** Beckmann objective of the flows at the start of this iteration. */
  objective: number;
  /** Seconds since the method started. */
  seconds: number;
  /** Algorithm B: the origins this iteration updated and shifted (the others had settled). */
  origins?: number;
}

export interface AssignmentOptions {
  method: AssignmentMethod;
  /** Target relative gap; the run stops once the gap is at or below it. */
  gap: number;
  /** Iteration limit. */
  maxIter: number;
  /** Worker threads for shortest-path loading; 1 runs in-process. Results do not depend on it. */
  workers: number;
  /** Wall-time limit in seconds, checked once per iteration (Algorithm B: default DEFAULT_MAX_SECONDS). */
  maxSeconds?: number;
  /** Called after each iteration's record is made (progress bars, tests). */
  onIteration?: (record: IterationRecord) => void;
  /** Thread pool for workers > 1 (workers/aon-pool.ts `poolAonLoader`); the engine never starts threads itself. */
  parallel?: ParallelAonFactory;
  /** Thread pool for Algorithm B's origin batches (workers/algb-pool.ts `poolBushRunner`). */
  bushPool?: BushPoolFactory;
  /** Algorithm B only: start each listed origin's bush from an earlier solution (see WarmStart). */
  warmStart?: WarmStart;
  /** Algorithm B only: return the origin-based link flows (`originFlows`), e.g. to draw trips' paths from them. */
  keepOriginFlows?: boolean;
  /** Algorithm B only: return the last gap check's shortest-path costs from each origin to every zone (`zoneCosts`). */
  keepZoneCosts?: boolean;
}

export interface AssignmentResult {
  method: AssignmentMethod;
  status: AssignmentStatus;
  /** Why a run that did not converge stopped, in one sentence. */
  reason?: string;
  iterations: number;
  relativeGap: number;
  beckmann: number;
  tstt: number;
  seconds: number;
  workers: number;
  flow: Float64Array;
  cost: Float64Array;
  history: IterationRecord[];
  /** OD pairs with no path (never loaded, never NaN) and their total demand. */
  unreachable: { pairs: number; demand: number };
  /** Algorithm B with a warm start: how many origins started from it (the rest started cold). */
  warmStarted?: number;
  /**
   * Algorithm B with `keepZoneCosts`: row r (origin zone origins[r]) holds the shortest-path
   * cost to each of the network's zones at the final flows (the last gap check's searches), NaN
   * where no path exists. Zones with no demand of their own have no row.
   */
  zoneCosts?: { origins: Int32Array; cost: Float32Array };
  /** Each origin's link flows (Algorithm B with `keepOriginFlows`). */
  originFlows?: OriginFlows;
}
