/**
 * The CostTaskRunner that spreads Algorithm B's cost-reading steps over a worker pool: the
 * slots of each step are cut into one contiguous range per thread; every thread writes only
 * its slots' bushes and figures, so the result is the in-process one, bit for bit.
 */
import type { BushPoolFactory, BushPoolSetup, CostTask, CostTaskRunner } from '../engine/assignment/algorithm-b-workspace.ts';
import type { AlgbTask } from './algb-task.ts';
import { createWorkerPool, type WorkerPool } from './pool.ts';

class PoolCostTasks implements CostTaskRunner {
  constructor(
    private readonly pool: WorkerPool,
    private readonly setup: BushPoolSetup,
  ) {}

  get workers(): number {
    return this.pool.threads;
  }

  async run(task: CostTask, from = 0, to = this.setup.origins.length): Promise<void> {
    const threads = this.pool.threads;
    const jobs: Promise<number>[] = [];
    for (let w = 0; w < threads; w++) {
      const a = from + Math.floor((w * (to - from)) / threads);
      const b = from + Math.floor(((w + 1) * (to - from)) / threads);
      if (b > a) jobs.push(this.pool.run<number>({ setup: this.setup, task, from: a, to: b } satisfies AlgbTask));
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

/** Starts the threads of the next Algorithm B run's pool now; the next poolBushRunner call of as many threads takes it. */
export function prestartBushPool(threads: number): void {
  if (threads > 1 && spare?.threads !== threads) {
    void spare?.destroy();
    spare = createWorkerPool(TASK_FILE, threads);
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
  if (spare?.threads === threads) {
    pool = spare;
    spare = undefined;
  } else pool = createWorkerPool(TASK_FILE, threads);
  return new PoolCostTasks(pool, setup);
};
