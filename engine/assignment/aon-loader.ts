/**
 * AonLoader: the one expensive step every link-based method repeats — an all-or-nothing load
 * of the whole demand at given link costs — behind one interface, run either in this thread
 * or on a worker pool (workers/aon-pool.ts). Both use the same origin blocks and merge order
 * (all-or-nothing.ts), so they return bit-identical flows.
 *
 * The engine imports nothing from workers/: a caller that wants threads passes a
 * `ParallelAonFactory` (workers/aon-pool.ts `poolAonLoader`) in the assignment options.
 */
import { AonScratch, blockPlan, loadBlock, mergeBlocks, type AonStats, type BlockPlan } from './all-or-nothing.ts';
import type { AssignmentNetwork, OdDemand } from './network.ts';

export interface AonLoader {
  /** Threads actually used (1 when run in-process). */
  readonly workers: number;
  /** Writes the AON flows at `cost` into `out` and returns SPTT and unreachable counts. */
  load(cost: Float64Array, out: Float64Array): Promise<AonStats>;
  /** Releases threads; safe to call twice. */
  close(): Promise<void>;
}

/** Makes an AonLoader that spreads the same origin blocks over `threads` worker threads. */
export type ParallelAonFactory = (net: AssignmentNetwork, demand: OdDemand, plan: BlockPlan, threads: number) => Promise<AonLoader>;

export async function createAonLoader(net: AssignmentNetwork, demand: OdDemand, workers: number, parallel?: ParallelAonFactory): Promise<AonLoader> {
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`workers must be a positive integer, got ${workers}`);
  const plan = blockPlan(demand.zoneCount);
  if (workers === 1 || plan.blockCount === 1) return new InProcessAonLoader(net, demand, plan);
  if (!parallel) throw new Error(`workers = ${workers} needs a thread pool: pass options.parallel (poolAonLoader from workers/aon-pool.ts)`);
  return parallel(net, demand, plan, Math.min(workers, plan.blockCount));
}

export class InProcessAonLoader implements AonLoader {
  readonly workers = 1;
  private readonly scratch: AonScratch;
  private readonly blockFlows: Float64Array;
  private readonly stats: Float64Array;

  constructor(
    private readonly net: AssignmentNetwork,
    private readonly demand: OdDemand,
    private readonly plan: BlockPlan,
  ) {
    this.scratch = new AonScratch(net.nodeCount);
    this.blockFlows = new Float64Array(plan.blockCount * net.edgeCount);
    this.stats = new Float64Array(plan.blockCount * 3);
  }

  async load(cost: Float64Array, out: Float64Array): Promise<AonStats> {
    const { net, demand, plan, blockFlows, stats } = this;
    const m = net.edgeCount;
    for (let b = 0; b < plan.blockCount; b++) {
      const from = b * plan.blockSize;
      const to = Math.min(demand.zoneCount, from + plan.blockSize);
      loadBlock(blockFlows.subarray(b * m, (b + 1) * m), stats, 3 * b, net, demand, cost, from, to, this.scratch);
    }
    return mergeBlocks(out, blockFlows, stats, plan.blockCount);
  }

  async close(): Promise<void> {}
}
