/**
 * PoolAonLoader: the AonLoader that spreads origin blocks over a worker pool. Network columns,
 * demand, link costs and per-block flow buffers all live in SharedArrayBuffers; each worker
 * gets a contiguous range of blocks (by block index), writes only its blocks' buffers, and the
 * main thread merges them in block order — the same blocks and order as in-process loading,
 * hence bit-identical flows for any worker count.
 */
import { mergeBlocks, type AonNetwork, type AonStats, type BlockPlan } from '../engine/assignment/all-or-nothing.ts';
import type { AonLoader, ParallelAonFactory } from '../engine/assignment/aon-loader.ts';
import type { AssignmentNetwork, OdDemand } from '../engine/assignment/network.ts';
import { createWorkerPool, type WorkerPool } from './pool.ts';
import { sharedCopy } from '../engine/util/shared-array.ts';

/** What one task receives; typed arrays over SharedArrayBuffers are shared, not copied. */
export interface AonTask {
  net: AonNetwork;
  demand: OdDemand;
  cost: Float64Array;
  blockFlows: Float64Array;
  stats: Float64Array;
  blockSize: number;
  blockFrom: number;
  blockTo: number;
}

export class PoolAonLoader implements AonLoader {
  private constructor(
    private readonly pool: WorkerPool,
    private readonly tasks: AonTask[],
    private readonly cost: Float64Array,
    private readonly blockFlows: Float64Array,
    private readonly stats: Float64Array,
    private readonly blockCount: number,
  ) {}

  get workers(): number {
    return this.pool.threads;
  }

  static async create(net: AssignmentNetwork, demand: OdDemand, plan: BlockPlan, workers: number): Promise<PoolAonLoader> {
    const m = net.edgeCount;
    const aonNet: AonNetwork = {
      nodeCount: net.nodeCount,
      edgeCount: m,
      zoneCount: net.zoneCount,
      firstThruNode: net.firstThruNode,
      firstOut: sharedCopy(net.firstOut),
      tail: sharedCopy(net.tail),
      head: sharedCopy(net.head),
    };
    const sharedDemand: OdDemand = { ...demand, rowStart: sharedCopy(demand.rowStart), dest: sharedCopy(demand.dest), flow: sharedCopy(demand.flow) };
    const cost = new Float64Array(new SharedArrayBuffer(8 * m));
    const blockFlows = new Float64Array(new SharedArrayBuffer(8 * m * plan.blockCount));
    const stats = new Float64Array(new SharedArrayBuffer(8 * 3 * plan.blockCount));
    const tasks: AonTask[] = [];
    for (let w = 0; w < workers; w++) {
      const blockFrom = Math.floor((w * plan.blockCount) / workers);
      const blockTo = Math.floor(((w + 1) * plan.blockCount) / workers);
      if (blockTo > blockFrom) tasks.push({ net: aonNet, demand: sharedDemand, cost, blockFlows, stats, blockSize: plan.blockSize, blockFrom, blockTo });
    }
    const pool = createWorkerPool(new URL('./aon-task.ts', import.meta.url), tasks.length);
    return new PoolAonLoader(pool, tasks, cost, blockFlows, stats, plan.blockCount);
  }

  async load(cost: Float64Array, out: Float64Array): Promise<AonStats> {
    this.cost.set(cost);
    await Promise.all(this.tasks.map((t) => this.pool.run<number>(t)));
    return mergeBlocks(out, this.blockFlows, this.stats, this.blockCount);
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}

/** The thread-pool factory to pass as AssignmentOptions.parallel. */
export const poolAonLoader: ParallelAonFactory = (net, demand, plan, threads) => PoolAonLoader.create(net, demand, plan, threads);
