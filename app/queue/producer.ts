/**
 * The coordinator's side of the queue: each variant becomes a BullMQ job whose id is its input
 * hash, so enqueuing the same inputs twice (a rerun, two coordinators) makes one job. Jobs are
 * retried with exponential backoff; a job whose worker died is taken back by BullMQ once its
 * lock runs out and runs on another worker. The finished run comes back with its files, is
 * written into the coordinator's runs folder (atomically, app/run-dir.ts) and recorded in its
 * catalogue — once per run folder, however many times the job ran. A variant already complete
 * in the coordinator's runs folder is not enqueued at all.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { Queue, QueueEvents, type Job } from 'bullmq';
import { withCatalogue } from '../catalogue/connection.ts';
import { findRun, recordComplete, relativeRunDir } from '../catalogue/runs.ts';
import { buildRunDir, isCompleteRun, scenarioFolder } from '../run-dir.ts';
import type { RunSummary } from '../run-files.ts';
import { scenarioInputHash } from '../run-scenario.ts';
import { readResultFile } from '../../engine/metrics/result-file.ts';
import type { JobRunner } from '../sweep/run-sweep.ts';
import type { VariantJob, VariantResult } from '../sweep/job.ts';
import { QUEUE_NAME, redisConnection } from './connection.ts';
import { checkRunFiles, type QueueJobData, type QueueJobResult } from './payload.ts';

export const JOB_OPTIONS = { attempts: 3, backoff: { type: 'exponential' as const, delay: 2_000 }, removeOnComplete: { age: 7 * 24 * 3600 }, removeOnFail: { age: 7 * 24 * 3600 } };

export function queueRunner(url: string, runsDir: string): JobRunner {
  const connection = redisConnection(url);
  const queue = new Queue<QueueJobData, QueueJobResult>(QUEUE_NAME, { connection });
  const eventsConnection = redisConnection(url);
  const events = new QueueEvents(QUEUE_NAME, { connection: eventsConnection });
  const ready = events.waitUntilReady();
  return {
    async run(job: VariantJob): Promise<VariantResult> {
      const inputHash = scenarioInputHash(job.scenario);
      const runDir = join(scenarioFolder(runsDir, job.scenario.city, job.scenarioFile, job.scenario.name), inputHash);
      if (isCompleteRun(runDir)) return localResult(runsDir, runDir);
      await ready;
      const data: QueueJobData = { scenario: job.scenario, scenarioFile: job.scenarioFile, inputHash, ...(job.baseline ? { baseline: { inputHash: scenarioInputHash(job.baseline.scenario), scenarioFile: job.baseline.scenarioFile } } : {}) };
      let queued: Job<QueueJobData, QueueJobResult> = await queue.add('variant', data, { ...JOB_OPTIONS, jobId: inputHash });
      // the same id may name a job that failed before: run it again
      if ((await queued.getState()) === 'failed') {
        await queued.retry('failed');
        queued = (await queue.getJob(inputHash)) ?? queued;
      }
      const back = (await queued.waitUntilFinished(events)) as QueueJobResult;
      return store(runsDir, runDir, back);
    },
    async close() {
      await events.close();
      await queue.close();
      // BullMQ leaves connections it was given open
      for (const c of [connection, eventsConnection]) c.disconnect();
    },
  };
}

/** Writes a returned run into the coordinator's runs folder and catalogue. */
export async function store(runsDir: string, runDir: string, back: QueueJobResult): Promise<VariantResult> {
  const files = checkRunFiles(back.files);
  if (!files['summary.json'] || !files['result.fb']) throw new Error(`the run of ${back.result.inputHash} came back without its summary or result (from ${back.ranOn})`);
  const summary = { ...(JSON.parse(files['summary.json'].toString('utf8')) as RunSummary), runDir };
  await buildRunDir(runDir, (tmp) => {
    for (const [name, bytes] of Object.entries(files)) if (name !== 'summary.json') writeFileSync(join(tmp, name), bytes);
    writeFileSync(join(tmp, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  });
  const scenario = files['scenario.json'] ? (JSON.parse(files['scenario.json'].toString('utf8')) as unknown) : undefined;
  const startedAt = new Date(Date.parse(summary.createdAt) - summary.seconds * 1000).toISOString();
  const catalogueId = withCatalogue(runsDir, (c) => {
    const rel = relativeRunDir(c, runDir);
    return findRun(c, rel).row?.id ?? recordComplete(c, summary, { runDir: rel, startedAt, scenario });
  });
  return { ...back.result, runDir, cached: false, catalogueId };
}

/** A variant already complete here: its figures from its own folder. */
function localResult(runsDir: string, runDir: string): VariantResult {
  const r = readResultFile(join(runDir, 'result.fb'));
  const t = r.totals;
  const catalogueId = withCatalogue(runsDir, (c) => findRun(c, relativeRunDir(c, runDir)).row?.id);
  return {
    runDir,
    inputHash: r.meta.inputHash,
    cached: true,
    seconds: 0,
    ...(catalogueId !== undefined ? { catalogueId } : {}),
    metrics: { vht: t.vht, vkt: t.vkt, meanTripMin: t.meanTripMin, delayVh: t.delayVh, co2Kg: t.co2Kg, trips: t.trips, unreachableTrips: t.unreachableTrips },
    assignment: { status: r.assignment.status, iterations: r.assignment.iterations, relativeGap: r.assignment.relativeGap },
  };
}
