/**
 * The CostTaskRunner that spreads Algorithm B's cost-reading steps over threads: the calling
 * thread (it would only wait otherwise) and a pool of threads − 1 take the slots of each step
 * one at a time from a shared cursor; every thread writes only its slots' bushes and figures,
 * so the result is the in-process one, bit for bit. Shifting rounds run on this thread and one
 * pool thread, in step. One pool thread fewer is one V8 heap and one tsx loader fewer (about
 * 27 MB each).
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
    const { cursor } = this.setup;
    Atomics.store(cursor, 0, from);
    const jobs: Promise<number>[] = [];
    for (let w = 0; w < Math.min(this.pool.threads, to - from - 1); w++) jobs.push(this.pool.run<number>({ setup: this.setup, task, from, to } satisfies AlgbTask));
    // let the pool hand out its tasks before this thread starts taking slots
    await new Promise((resolve) => setImmediate(resolve));
    const own = this.workspace();
    try {
      own.run(task, from, to, this.setup.out, cursor);
    } catch (err) {
      await Promise.allSettled(jobs); // no rejection of theirs left unheard
      throw err;
    }
    await Promise.all(jobs);
  }

  /**
   * A round of shifting shared by this thread (even slots of each sweep) and one pool thread
   * (odd slots), in step (shift-pipeline.ts). This thread blocks while it shifts, so it first
   * waits, yielding, until the pool thread has taken its task.
   */
  async shift(): Promise<number> {
    const pipeline = this.workspace().shifter();
    pipeline.prepareShared();
    const job = this.pool.run<number>({ setup: this.setup, task: 'shift', from: 0, to: 0 } satisfies AlgbTask);
    let failed = false;
    job.catch(() => {
      failed = true;
    });
    while (!pipeline.partnerStarted() && !failed) await new Promise((resolve) => setImmediate(resolve));
    let largest = 0;
    if (!failed) {
      try {
        largest = pipeline.round(0);
      } catch (err) {
        await Promise.allSettled([job]);
        throw err;
      }
    }
    await job;
    return largest;
  }

  private workspace(): BushWorkspace {
    const { net, demand, origins, storage, links, warmStart, shift } = this.setup;
    this.own ??= new BushWorkspace(net, demand, origins, storage, links, warmStart, shift);
    return this.own;
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
