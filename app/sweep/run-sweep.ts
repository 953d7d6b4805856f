/**
 * Running a sweep: its variants through a job runner (in this process, on a local worker pool,
 * or — app/queue/ — on remote workers), then the sweep recorded in the catalogue and its report
 * written. Where Algorithm B can start warm (app/warm-start.ts) — variants with interventions —
 * each distinct baseline (same city, period, seed and demand, no interventions) runs first, so
 * the variants start from its equilibrium; a sweep of baselines needs none.
 */
import { join } from 'node:path';
import { withCatalogue } from '../catalogue/connection.ts';
import { recordSweep } from '../catalogue/sweeps.ts';
import { normaliseScenario } from '../run-scenario.ts';
import { canonicalJson, slugify } from '../run-dir.ts';
import { createWorkerPool } from '../../workers/pool.ts';
import type { Scenario } from '../../engine/scenario/scenario.ts';
import { runVariantJob, type VariantJob, type VariantResult } from './job.ts';
import type { LoadedSweep, SweepVariant } from './sweep-file.ts';
import { writeSweepReport, type SweepReportData } from './report.ts';

/** Runs jobs: the same job function wherever it runs. */
export interface JobRunner {
  run(job: VariantJob): Promise<VariantResult>;
  close(): Promise<void>;
}

/** Jobs in this process (one at a time) or on a pool of `workers` threads. */
export function localRunner(workers: number): JobRunner {
  if (workers <= 1) {
    let chain: Promise<unknown> = Promise.resolve();
    return {
      run(job) {
        const next = chain.then(() => runVariantJob(job));
        chain = next.catch(() => {});
        return next;
      },
      close: async () => {},
    };
  }
  const pool = createWorkerPool(new URL('../../workers/sweep-job-task.ts', import.meta.url), workers);
  return { run: (job) => pool.run<VariantResult>(job), close: () => pool.destroy() };
}

export interface SweepProgress {
  done: number;
  total: number;
  failed: number;
  label: string;
}

export interface SweepOutcome {
  variants: number;
  completed: number;
  failed: number;
  baselines: number;
  report: string;
  reportEn: string;
  reportDir: string;
  sweepId: number;
  seconds: number;
  best: SweepReportData['best'];
  results: SweepReportData['rows'];
}

export async function runSweep(sweep: LoadedSweep, options: { runsDir: string; runner: JobRunner; onProgress?: (p: SweepProgress) => void }): Promise<SweepOutcome> {
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const slug = slugify(sweep.spec.name) || 'sweep';
  const scenarioFile = `${slug}.json`;
  const baselines = warmBaselines(sweep.variants);
  const baselineFile = `${slug}.linha-de-base.json`;
  const total = baselines.length + sweep.variants.length;
  let done = 0;
  let failedCount = 0;
  const tick = (label: string, ok: boolean) => {
    done++;
    if (!ok) failedCount++;
    options.onProgress?.({ done, total, failed: failedCount, label });
  };
  options.onProgress?.({ done: 0, total, failed: 0, label: '' });
  // baselines first: a failed baseline only means its variants start cold
  await Promise.all(
    baselines.map((b) =>
      options.runner.run({ scenario: b, scenarioFile: baselineFile, runsDir: options.runsDir }).then(
        () => tick('linha de base', true),
        () => tick('linha de base', false),
      ),
    ),
  );
  const settled = await Promise.all(
    sweep.variants.map((v) =>
      options.runner.run({ scenario: v.scenario, scenarioFile, runsDir: options.runsDir, ...(warmBaselineOf(v.scenario) ? { baseline: { scenario: warmBaselineOf(v.scenario)!, scenarioFile: baselineFile } } : {}) }).then(
        (r) => {
          tick(v.label, true);
          return { variant: v, result: r as VariantResult | undefined, error: undefined as string | undefined };
        },
        (err: unknown) => {
          tick(v.label, false);
          return { variant: v, result: undefined, error: ((err as Error)?.message ?? String(err)).split('\n')[0] };
        },
      ),
    ),
  );
  const rows = settled.map((s) => ({ index: s.variant.index, label: s.variant.label, params: s.variant.params, ...(s.result ? { result: s.result } : {}), ...(s.error ? { error: s.error } : {}) }));
  const reportDir = join(options.runsDir, sweep.base.city, '_sweeps', slug);
  const report = writeSweepReport(reportDir, { name: sweep.spec.name, description: sweep.spec.description, city: sweep.base.city, file: sweep.file, base: sweep.spec.base, objective: sweep.spec.objective, vary: sweep.spec.vary, rows });
  const seconds = (performance.now() - t0) / 1000;
  const sweepId = withCatalogue(options.runsDir, (c) =>
    recordSweep(c, {
      name: sweep.spec.name,
      file: sweep.file,
      city: sweep.base.city,
      objective: sweep.spec.objective,
      startedAt,
      finishedAt: new Date().toISOString(),
      seconds,
      reportDir: report.dir,
      spec: sweep.spec,
      variants: rows.map((r) => ({ index: r.index, params: r.params, status: r.result ? 'complete' : 'failed', runId: r.result?.catalogueId, inputHash: r.result?.inputHash, error: r.error })),
    }),
  );
  const completed = rows.filter((r) => r.result).length;
  return { variants: rows.length, completed, failed: rows.length - completed, baselines: baselines.length, report: report.pt, reportEn: report.en, reportDir: report.dir, sweepId, seconds, best: report.data.best, results: report.data.rows };
}

/** The distinct baselines that variants with interventions can warm-start from (Algorithm B only). */
export function warmBaselines(variants: SweepVariant[]): Scenario[] {
  const out = new Map<string, Scenario>();
  for (const v of variants) {
    const b = warmBaselineOf(v.scenario);
    if (b && !out.has(canonicalJson(b))) out.set(canonicalJson(b), b);
  }
  return [...out.values()];
}

/** The baseline a scenario starts warm from (same city, period, seed and demand, no interventions), when Algorithm B can. */
export function warmBaselineOf(s: Scenario): Scenario | undefined {
  if (s.interventions.length === 0 || (s.assignment?.method ?? 'algb') !== 'algb') return undefined;
  const { description: _d, ...rest } = s;
  return { ...rest, name: 'Linha de base (sem intervenção)', description: 'Linha de base da varredura: mesma cidade, período, semente e demanda, sem intervenções.', interventions: [], demand: normaliseScenario(s).demand };
}
