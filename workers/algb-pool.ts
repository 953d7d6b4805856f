/**
 * The CostTaskRunner that spreads Algorithm B's cost-reading steps over threads: the slots of
 * each step are cut into one contiguous range per thread, the last range run by the calling
 * thread itself (it would only wait otherwise), the others by a pool of threads − 1; every
 * thread writes only its slots' bushes and figures, so the result is the in-process one, bit
 * for bit. One pool thread fewer is one V8 heap and one tsx loader fewer (about 27 MB each).
 */
import { BushWorkspace, type BushPoolFactory, type BushPoolSetup, type CostTask, type CostTaskRunner } from '../engine/assignment/algorithm-b-workspace.ts';
import type { AlgbTask } from './algb-task.ts';
import { createWorkerPool, type WorkerPool } from './pool.ts';

class PoolCostTasks implements CostTaskRunner {
  private own: BushWorkspace | undefined;

  constructor(
    private readonly pool: WorkerPool,
    private readonly setup: BushPoolSetup,
  ) {}

  get workers(): number {
    return this.pool.threads + 1;
  }

  async run(task: CostTask, from = 0, to = this.setup.origins.length): Promise<void> {
    const threads = this.pool.threads + 1;
    const cut = (w: number) => from + Math.floor((w * (to - from)) / threads);
    const jobs: Promise<number>[] = [];
    for (let w = 0; w < threads - 1; w++) {
      const a = cut(w);
      const b = cut(w + 1);
      if (b > a) jobs.push(this.pool.run<number>({ setup: this.setup, task, from: a, to: b } satisfies AlgbTask));
    }
    // let the pool hand out its tasks before this thread starts on its own range
    await new Promise((resolve) => setImmediate(resolve));
    const { net, demand, origins, storage, cost, warmStart, out } = this.setup;
    this.own ??= new BushWorkspace(net, demand, origins, storage, { cost }, warmStart);
    try {
      this.own.run(task, cut(threads - 1), to, out);
    } catch (err) {
      await Promise.allSettled(jobs); // no rejection of theirs left unheard
      throw err;
    }
    await Promise.all(jobs);
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}

const TASK_FILE = new URL('./algb-task.ts', import.meta.url);

/**
 * A pool started ahead of its run: its threads load their code (a good second each through
 * tsx on a loaded machine) while the caller reads the graph, the demand and the warm start.
 */
let spare: WorkerPool | undefined;

/** Starts the pool of the next Algorithm B run on `threads` threads now (threads − 1 in the pool); the next poolBushRunner call of as many takes it. */
export function prestartBushPool(threads: number): void {
  if (threads > 1 && spare?.threads !== threads - 1) {
    void spare?.destroy();
    spare = createWorkerPool(TASK_FILE, threads - 1);
  }
}

/** Stops a pool prestartBushPool started that no run took (a run that failed or used no pool). */
export async function releaseSpareBushPool(): Promise<void> {
  const pool = spare;
  spare = undefined;
  await pool?.destroy();
}

/** The thread-pool factory to pass as AssignmentOptions.bushPool. */
export const poolBushRunner: BushPoolFactory = async (setup, threads) => {
  let pool: WorkerPool;
  if (spare?.threads === threads - 1) {
    pool = spare;
    spare = undefined;
  } else pool = createWorkerPool(TASK_FILE, threads - 1);
  return new PoolCostTasks(pool, setup);
};
