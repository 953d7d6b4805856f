/**
 * `gemeo runs list|show|compare|prune`: the run catalogue of a runs folder
 * (`<runs>/catalogue.sqlite`, app/catalogue/). Run folders made before the catalogue existed
 * are imported the first time it is opened.
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { compareRunDirs } from '../../app/compare-runs.ts';
import { withCatalogue, type Catalogue } from '../../app/catalogue/connection.ts';
import { pruneCandidates, pruneRuns } from '../../app/catalogue/prune.ts';
import { findRun, listRunRows, runDocuments, type RunRow } from '../../app/catalogue/runs.ts';
import type { Lang } from '../../app/report/i18n.ts';
import { UserError } from '../errors.ts';
import { printJson, printTable } from '../output.ts';
import { printComparison } from './compare.ts';

const RUNS_OPTION = ['--runs <dir>', 'runs folder (its catalogue is <dir>/catalogue.sqlite)', 'runs'] as const;

export function registerRuns(program: Command): void {
  const runs = program.command('runs').description('the run catalogue: list, show, compare and prune runs (SQLite, beside the run folders)');
  runs.addHelpText('after', '\nA run is named by its id (gemeo runs list), its <city>/<scenario>/<hash> folder, or 4 or more leading digits of its input hash.');

  runs
    .command('list')
    .description('every run in the catalogue: id, city, scenario, status, vehicle-hours, seconds')
    .option(...RUNS_OPTION)
    .option('--city <slug>', 'only this city')
    .option('--scenario <name>', 'only this scenario (the run folder name)')
    .option('--status <complete|failed>', 'only runs with this status')
    .option('--json', 'print JSON for machines')
    .action((opts: { runs: string; city?: string; scenario?: string; status?: string; json?: boolean }) => {
      if (opts.status !== undefined && opts.status !== 'complete' && opts.status !== 'failed') throw new UserError(`--status "${opts.status}": expected complete or failed`);
      const rows = withCatalogue(opts.runs, (c) => listRunRows(c, { city: opts.city, scenario: opts.scenario, status: opts.status as RunRow['status'] | undefined }));
      if (opts.json) return printJson(rows);
      if (rows.length === 0) return void process.stdout.write(`no runs in ${opts.runs} yet (gemeo run <scenario.json> makes one)\n`);
      printRows(rows);
    });

  runs
    .command('show')
    .description('one run: its catalogue row, summary and scenario')
    .argument('<run>', 'id, <city>/<scenario>/<hash> or input-hash prefix')
    .option(...RUNS_OPTION)
    .option('--json', 'print JSON for machines')
    .action((ref: string, opts: { runs: string; json?: boolean }) => {
      const shown = withCatalogue(opts.runs, (c) => {
        const row = resolveRun(c, ref);
        return { ...row, folder: row.runDir ? join(c.runsDir, row.runDir) : null, ...runDocuments(c, row.id) };
      });
      if (opts.json) return printJson(shown);
      const s = shown.summary;
      printTable([
        ['id', shown.id],
        ['run', shown.runDir ?? '(no folder: the run failed)'],
        ['scenario', `${shown.name} (${shown.city}, ${shown.period}, seed ${shown.seed}, ${shown.model})`],
        ['status', `${shown.status}${shown.assignmentStatus ? `, assignment ${shown.assignmentStatus}` : ''}${shown.source === 'import' ? ' (imported from its folder)' : ''}`],
        ['input hash', shown.inputHash],
        ['code version', shown.version],
        ['started', shown.startedAt],
        ['finished', shown.finishedAt],
        ['seconds', `${shown.seconds.toFixed(2)}${shown.assignmentSeconds !== null ? ` (assignment ${shown.assignmentSeconds.toFixed(2)})` : ''}`],
        ...(s ? ([['vehicle-hours', s.vht.toFixed(1)], ['vehicle-km', Math.round(s.vkt)], ['mean trip time', `${s.meanTripMin.toFixed(2)} min`], ['delay', `${s.delayVh.toFixed(1)} vehicle-hours`], ['interventions', shown.interventions]] as [string, string | number][]) : []),
        ...(shown.error ? ([['error', shown.error]] as [string, string][]) : []),
        ...(shown.folder ? ([['folder', shown.folder]] as [string, string][]) : []),
      ]);
    });

  runs
    .command('compare')
    .description('compare two catalogued runs (A the baseline): the same report as gemeo compare')
    .argument('<a>', 'the baseline run')
    .argument('<b>', 'the run with the intervention')
    .option(...RUNS_OPTION)
    .option('--lang <pt|en>', 'language of report.html', 'pt')
    .option('--json', 'print JSON for machines')
    .action((a: string, b: string, opts: { runs: string; lang: string; json?: boolean }) => {
      if (opts.lang !== 'pt' && opts.lang !== 'en') throw new UserError(`--lang "${opts.lang}": expected pt or en`);
      const [dirA, dirB] = withCatalogue(opts.runs, (c) => [a, b].map((ref) => folderOf(c, ref)));
      const { json, reportPath } = compareRunDirs(dirA, dirB, { lang: opts.lang as Lang });
      if (opts.json) return printJson(json);
      printComparison(json, reportPath);
    });

  runs
    .command('prune')
    .description('remove runs from the catalogue and their folders from disk')
    .option(...RUNS_OPTION)
    .option('--keep <n>', 'keep the newest n complete runs of each city and scenario')
    .option('--failed', 'remove the rows of failed runs')
    .option('--missing', 'remove rows whose folder was deleted by hand')
    .option('--dry-run', 'only say what would be removed')
    .option('--json', 'print JSON for machines')
    .action((opts: { runs: string; keep?: string; failed?: boolean; missing?: boolean; dryRun?: boolean; json?: boolean }) => {
      const keep = opts.keep === undefined ? undefined : Number(opts.keep);
      if (keep !== undefined && (!Number.isInteger(keep) || keep < 0)) throw new UserError(`--keep "${opts.keep}": expected a whole number, 0 or more`);
      if (keep === undefined && !opts.failed && !opts.missing) throw new UserError('prune: say what to remove: --keep <n>, --failed and/or --missing');
      const removed = withCatalogue(opts.runs, (c) => {
        const rows = pruneCandidates(c, { keep, failed: opts.failed, missing: opts.missing });
        if (!opts.dryRun) pruneRuns(c, rows);
        return rows;
      });
      if (opts.json) return printJson({ dryRun: opts.dryRun === true, removed });
      process.stdout.write(`${opts.dryRun ? 'would remove' : 'removed'} ${removed.length} run(s)\n`);
      if (removed.length > 0) printRows(removed);
    });
}

function resolveRun(c: Catalogue, ref: string): RunRow {
  const { row, matches } = findRun(c, ref);
  if (row) return row;
  if (matches > 1) throw new UserError(`run "${ref}": ${matches} runs match; give more digits of the hash, or the id`);
  throw new UserError(`run "${ref}": not in the catalogue of ${c.runsDir} (gemeo runs list shows the runs)`);
}

function folderOf(c: Catalogue, ref: string): string {
  const row = resolveRun(c, ref);
  if (!row.runDir) throw new UserError(`run "${ref}" failed and has no folder to compare`);
  return join(c.runsDir, row.runDir);
}

function printRows(rows: RunRow[]): void {
  const head = ['id', 'city', 'scenario', 'hash', 'status', 'period', 'seed', 'vht', 'seconds', 'finished'];
  const cells = rows.map((r) => [String(r.id), r.city, r.scenario, r.inputHash, r.status, r.period, String(r.seed), r.vht === null ? '—' : r.vht.toFixed(1), r.seconds.toFixed(2), r.finishedAt.slice(0, 19).replace('T', ' ')]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i].length)));
  for (const row of [head, ...cells]) process.stdout.write(`${row.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd()}\n`);
}
