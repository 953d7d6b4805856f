/**
 * `gemeo sweep <sweep.json>`: every variant of a base scenario (the cartesian product of the
 * sweep file's `vary` entries), run on a local worker pool, recorded in the catalogue, and a
 * report (pt/en) of each metric against each parameter with the best variant by the objective.
 * With `--queue` the variants go to Redis (BullMQ) and `gemeo worker`s run them (app/queue/).
 */
import type { Command } from 'commander';
import { checkQueueUrl } from '../../app/queue/connection.ts';
import { localRunner, runSweep } from '../../app/sweep/run-sweep.ts';
import { loadSweep } from '../../app/sweep/sweep-file.ts';
import { UserError } from '../errors.ts';
import { printJson, printTable } from '../output.ts';
import { progressBar } from '../progress.ts';

export function registerSweep(program: Command): void {
  program
    .command('sweep')
    .description('run every variant of a sweep file (a base scenario and the fields to vary) and write the sweep report')
    .argument('<sweep.json>', 'the sweep file (schema: scenarios/sweep.schema.json)')
    .option('--out <dir>', 'parent folder of the run directories (and of the catalogue)', 'runs')
    .option('--workers <n>', 'variants run at once, each on its own thread', '1')
    .option('--queue <url>', 'enqueue the variants on Redis (redis://host:port, rediss:// for TLS) for `gemeo worker`s to run; results come back into --out')
    .option('--json', 'print JSON for machines')
    .addHelpText('after', '\nExample sweep file:\n  {"name": "Escala", "base": "scenarios/nobres/baseline.json",\n   "vary": [{"path": "demand.scale", "values": [0.9, 1.0, 1.1]}, {"path": "seed", "values": [1, 2, 3]}], "objective": "vht"}')
    .action(async (file: string, opts: { out: string; workers: string; queue?: string; json?: boolean }) => {
      const workers = Number(opts.workers);
      if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new UserError(`--workers "${opts.workers}": expected a whole number from 1 to 64`);
      if (opts.queue !== undefined) checkQueueUrl(opts.queue);
      const sweep = loadSweep(file);
      const runner = opts.queue !== undefined ? (await import('../../app/queue/producer.ts')).queueRunner(opts.queue, opts.out) : localRunner(workers);
      const bar = progressBar(`${sweep.spec.name}`, sweep.variants.length, !opts.json && process.stderr.isTTY === true, true);
      let outcome;
      try {
        outcome = await runSweep(sweep, { runsDir: opts.out, runner, onProgress: (p) => bar.update(p.done, p.total) });
      } finally {
        bar.stop();
        await runner.close();
      }
      if (opts.json) {
        return printJson({
          name: sweep.spec.name,
          variants: outcome.variants,
          completed: outcome.completed,
          failed: outcome.failed,
          baselines: outcome.baselines,
          objective: sweep.spec.objective,
          best: outcome.best ?? null,
          report: outcome.report,
          reportEn: outcome.reportEn,
          sweepId: outcome.sweepId,
          seconds: outcome.seconds,
          results: outcome.results.map((r) => ({ index: r.index, label: r.label, status: r.result ? 'complete' : 'failed', ...(r.result ? { runDir: r.result.runDir, inputHash: r.result.inputHash, cached: r.result.cached, ...r.result.metrics } : { error: r.error }) })),
        });
      }
      printTable([
        ['sweep', `${sweep.spec.name} (${sweep.base.city}, ${outcome.variants} variants)`],
        ['completed', `${outcome.completed}${outcome.failed ? `, ${outcome.failed} failed` : ''}`],
        ['best', outcome.best ? `${outcome.best.label}: ${sweep.spec.objective} ${outcome.best.value.toFixed(2)}` : '—'],
        ['report', outcome.report],
        ['seconds', outcome.seconds.toFixed(2)],
      ]);
      if (outcome.failed > 0) process.exitCode = 1;
    });
}
