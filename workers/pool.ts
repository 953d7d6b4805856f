/**
 * WorkerPool: a Piscina pool with a fixed number of threads running one TypeScript task file.
 * Created once per run and destroyed at its end. Threads load the task file through tsx
 * (`--import tsx`, resolved from here so the pool works from any working directory, under
 * vitest and under the CLI alike). A task that throws or a thread that dies rejects that
 * task's promise with an error naming the task file; nothing waits forever.
 */
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';

export interface WorkerPool {
  readonly threads: number;
  run<T>(task: unknown): Promise<T>;
  destroy(): Promise<void>;
}

export function createWorkerPool(taskFile: URL, threads: number): WorkerPool {
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`worker pool: threads must be a positive integer, got ${threads}`);
  const name = basename(fileURLToPath(taskFile));
  const piscina = new Piscina({
    filename: taskFile.href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    execArgv: ['--import', tsxLoader()],
  });
  // A dying thread is reported through the task's rejection; keep the pool's own 'error' event from crashing the process.
  piscina.on('error', () => {});
  let destroyed = false;
  return {
    threads,
    async run<T>(task: unknown): Promise<T> {
      if (destroyed) throw new Error(`worker pool (${name}) was already destroyed`);
      try {
        return (await piscina.run(task)) as T;
      } catch (err) {
        throw new Error(`worker task ${name} failed: ${(err as Error)?.message ?? String(err)}`, { cause: err });
      }
    },
    async destroy(): Promise<void> {
      if (destroyed) return;
      destroyed = true;
      await piscina.destroy();
    },
  };
}

function tsxLoader(): string {
  try {
    return import.meta.resolve('tsx');
  } catch {
    return 'tsx';
  }
}
