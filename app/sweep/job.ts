/**
 * The job of a sweep: one validated scenario run into a runs folder (recorded in its catalogue
 * by runScenario). The local sweep and the queue's workers run this same function; its payload
 * is data (a scenario and names), never code.
 */
import { runScenario } from '../run-scenario.ts';
import type { Scenario } from '../../engine/scenario/scenario.ts';

export interface VariantJob {
  scenario: Scenario;
  /** Names the run folder: runs/<city>/<stem of this>/<hash>. */
  scenarioFile: string;
  runsDir: string;
  /** The baseline it can start warm from, run before it (a queue worker fetches its run when it lacks it). */
  baseline?: { scenario: Scenario; scenarioFile: string };
  /** Threads inside the run; default 1 (a sweep spreads variants, not threads). */
  threads?: number;
}

export interface VariantResult {
  runDir: string;
  inputHash: string;
  cached: boolean;
  seconds: number;
  catalogueId?: number;
  metrics: { vht: number; vkt: number; meanTripMin: number; delayVh: number; co2Kg: number; trips: number; unreachableTrips: number };
  assignment: { status?: string; iterations: number; relativeGap: number; warmStarted?: boolean };
}

export async function runVariantJob(job: VariantJob): Promise<VariantResult> {
  const out = await runScenario(job.scenario, { runsDir: job.runsDir, scenarioFile: job.scenarioFile, workers: job.threads ?? 1 });
  const t = out.result.totals;
  return {
    runDir: out.runDir,
    inputHash: out.result.meta.inputHash,
    cached: out.cached,
    seconds: out.seconds,
    ...(out.catalogueId !== undefined ? { catalogueId: out.catalogueId } : {}),
    metrics: { vht: t.vht, vkt: t.vkt, meanTripMin: t.meanTripMin, delayVh: t.delayVh, co2Kg: t.co2Kg, trips: t.trips, unreachableTrips: t.unreachableTrips },
    assignment: { status: out.result.assignment.status, iterations: out.result.assignment.iterations, relativeGap: out.result.assignment.relativeGap },
  };
}
