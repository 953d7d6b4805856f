/**
 * The loop shared by link-based methods (MSA, Frank-Wolfe and its conjugate variants): load
 * free-flow AON, then repeat { costs at x → AON target y (and with it SPTT, so the relative
 * gap of x) → stop, or let the method's StepRule move x towards y }. Records the convergence
 * history and always releases the loader's threads.
 *
 * Terms: iteration k measures the gap of x_k (x_1 is the free-flow AON load); `iterations`
 * in the result is the number of gaps measured, at most `maxIter`.
 */
import { createAonLoader } from './aon-loader.ts';
import { linkCost } from './bpr.ts';
import type { AssignmentNetwork, OdDemand } from './network.ts';
import { beckmann, relativeGap, tstt } from './objective.ts';
import type { AssignmentMethod, AssignmentOptions, AssignmentResult, IterationRecord } from './result.ts';

export interface StepRule {
  /** Moves x (flows at iteration k) towards the AON target y at costs `cost`; returns the step taken. */
  step(k: number, x: Float64Array, y: Float64Array, cost: Float64Array): number;
}

export async function runLinkBased(
  net: AssignmentNetwork,
  demand: OdDemand,
  options: AssignmentOptions,
  method: AssignmentMethod,
  rule: StepRule,
): Promise<AssignmentResult> {
  checkOptions(options);
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const m = net.edgeCount;
  const x = new Float64Array(m);
  const y = new Float64Array(m);
  const cost = new Float64Array(m);
  const history: IterationRecord[] = [];
  const loader = await createAonLoader(net, demand, options.workers, options.parallel);
  try {
    linkCost(cost, net, x);
    const first = await loader.load(cost, x);
    const unreachable = { pairs: first.unreachablePairs, demand: first.unreachableDemand };
    for (let k = 1; ; k++) {
      linkCost(cost, net, x);
      const stats = await loader.load(cost, y);
      const total = tstt(net, x, cost);
      const gap = relativeGap(total, stats.sptt);
      const objective = beckmann(net, x);
      const done = gap <= options.gap || k >= options.maxIter || (options.maxSeconds !== undefined && elapsed() >= options.maxSeconds);
      const step = done ? NaN : rule.step(k, x, y, cost);
      const record = { iteration: k, gap, step, objective, seconds: elapsed() };
      history.push(record);
      options.onIteration?.(record);
      if (done) {
        const status = gap <= options.gap ? 'converged' : k >= options.maxIter ? 'iteration limit' : 'time limit';
        const reason = status === 'converged' ? undefined : `stopped ${status === 'time limit' ? `after ${elapsed().toFixed(1)} s (the limit)` : `after ${k} iteration${k === 1 ? '' : 's'} (the limit)`} at relative gap ${gap.toExponential(2)}, target ${options.gap}`;
        return { method, status, ...(reason ? { reason } : {}), iterations: k, relativeGap: gap, beckmann: objective, tstt: total, seconds: elapsed(), workers: loader.workers, flow: x, cost, history, unreachable };
      }
    }
  } finally {
    await loader.close();
  }
}

function checkOptions(o: AssignmentOptions): void {
  if (!(o.gap >= 0)) throw new Error(`gap must be a number ≥ 0, got ${o.gap}`);
  if (!Number.isInteger(o.maxIter) || o.maxIter < 1) throw new Error(`maxIter must be a positive integer, got ${o.maxIter}`);
  if (o.maxSeconds !== undefined && !(o.maxSeconds > 0)) throw new Error(`maxSeconds must be a positive number, got ${o.maxSeconds}`);
}
