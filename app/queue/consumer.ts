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
import { UnrecoverableError, Worker } from 'bullmq';
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
      connection.disconnect();
    },
    done,
  };
}
