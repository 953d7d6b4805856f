/**
 * A queue worker (`gemeo worker`): takes variant jobs from the queue, checks each payload as a
 * scenario file is checked (a bad one fails at once, without retries), runs it with the same
 * job function as a local sweep on its own pool of `concurrency` threads into its own runs
 * folder, and returns the run's figures and files. A worker killed mid-job holds the job's lock
 * only until `lockMs` runs out; BullMQ then hands the job to another worker.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { isCompleteRun, scenarioFolder } from '../run-dir.ts';
import { store } from './producer.ts';
import { localRunner } from '../sweep/run-sweep.ts';
import { QUEUE_NAME, redisConnection } from './connection.ts';
import { checkJobData, PayloadError, type QueueJobData, type QueueJobResult } from './payload.ts';

export interface WorkerOptions {
  url: string;
  runsDir: string;
  concurrency: number;
  /** How long a job stays locked to this worker without a renewal (BullMQ lockDuration). */
  lockMs: number;
  log?: (line: string) => void;
}

export interface RunningWorker {
  close(): Promise<void>;
  done: Promise<void>;
}

export function startQueueWorker(o: WorkerOptions): RunningWorker {
  const runner = localRunner(o.concurrency);
  const ranOn = `${hostname()}:${process.pid}`;
  const log = o.log ?? (() => {});
  const connection = redisConnection(o.url);
  const queue = new Queue<QueueJobData, QueueJobResult>(QUEUE_NAME, { connection });
  const worker = new Worker<QueueJobData, QueueJobResult>(
    QUEUE_NAME,
    async (job) => {
      let data: QueueJobData;
      try {
        data = checkJobData(job.data, `job ${job.id}`);
      } catch (err) {
        if (err instanceof PayloadError) throw new UnrecoverableError(err.message);
        throw err;
      }
      log(`job ${job.id} started (attempt ${job.attemptsMade + 1}): ${data.scenario.name}`);
      if (data.baseline) await fetchBaseline(queue, o.runsDir, data.scenario.city, data.baseline, log);
      const result = await runner.run({ scenario: data.scenario, scenarioFile: data.scenarioFile, runsDir: o.runsDir });
      if (result.inputHash !== data.inputHash) throw new UnrecoverableError(`job ${job.id}: this worker computes input hash ${result.inputHash} (another code version or data files); run workers on the coordinator's version`);
      const files: Record<string, string> = {};
      for (const f of readdirSync(result.runDir)) files[f] = readFileSync(join(result.runDir, f)).toString('base64');
      log(`job ${job.id} finished in ${result.seconds.toFixed(2)} s`);
      return { result, files, ranOn };
    },
    { connection, concurrency: o.concurrency, lockDuration: o.lockMs, stalledInterval: Math.max(500, Math.floor(o.lockMs / 2)), maxStalledCount: 3 },
  );
  worker.on('error', (err) => log(`queue: ${err.message}`));
  const done = new Promise<void>((resolve) => worker.once('closed', () => resolve()));
  return {
    async close() {
      await worker.close();
      await runner.close();
      await queue.close();
      connection.disconnect();
    },
    done,
  };
}

/**
 * Puts the variant's baseline run into this worker's runs folder when it is not there (another
 * worker ran it): taken from the baseline job's result, so the variant starts warm here too.
 */
async function fetchBaseline(queue: Queue<QueueJobData, QueueJobResult>, runsDir: string, city: string, b: NonNullable<QueueJobData['baseline']>, log: (line: string) => void): Promise<void> {
  const dir = join(scenarioFolder(runsDir, city, b.scenarioFile, ''), b.inputHash);
  if (isCompleteRun(dir)) return;
  const done = await queue.getJob(b.inputHash);
  if (!done?.returnvalue?.files) return; // not finished or gone: the variant starts cold, to the same gap
  await store(runsDir, dir, done.returnvalue);
  log(`baseline ${b.inputHash} fetched from the queue for a warm start`);
}
