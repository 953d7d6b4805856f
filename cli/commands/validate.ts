/**
 * `gemeo validate <runDir> --counts <file>`: how well a run reproduces observed traffic counts —
 * GEH per station and period, the share under 5, mean GEH, RMSE %, R², counted and modelled
 * totals — as JSON and as an HTML report (Portuguese by default). Stations that cannot be placed
 * on a link are listed with the reason.
 */
import type { Command } from 'commander';
import type { Lang } from '../../app/report/i18n.ts';
import { validateRunDir, type ValidationJson } from '../../app/validate-run.ts';
import { UserError } from '../errors.ts';
import { printJson, printTable } from '../output.ts';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('compare a run with observed traffic counts (GEH, RMSE, R²): JSON and an HTML report')
    .argument('<runDir>', 'the run directory (printed by gemeo run)')
    .requiredOption('--counts <file>', 'the counts CSV (format: README, "Counts"; e.g. data/counts/cet-sao-paulo-2012-dev.csv)')
    .option('--out <dir>', 'folder for report.html, report.en.html and validation.json (default: runs/<city>/_validate/<run>--<counts>/)')
    .option('--max-distance <m>', 'farthest a link may lie from a station, metres', '50')
    .option('--lang <pt|en>', 'language of the report whose path is printed (both are written: report.html in Portuguese, report.en.html in English)', 'pt')
    .option('--json', 'print JSON for machines')
    .addHelpText(
      'after',
      `
A count is compared when it falls in the run's period (an am-peak run: the 07:00–08:00 counts);
a station without direction is compared with the sum of both directions of its road.

Example:
  gemeo run scenarios/sao-paulo/baseline.json
  gemeo validate runs/sao-paulo/baseline/<hash> --counts data/counts/cet-sao-paulo-2012-dev.csv`,
    )
    .action((runDir: string, opts: { counts: string; out?: string; maxDistance: string; lang: string; json?: boolean }) => {
      if (opts.lang !== 'pt' && opts.lang !== 'en') throw new UserError(`--lang "${opts.lang}": expected pt or en`);
      const maxDistanceM = Number(opts.maxDistance);
      if (!Number.isFinite(maxDistanceM) || maxDistanceM <= 0 || maxDistanceM > 5000) throw new UserError(`--max-distance "${opts.maxDistance}": expected metres, more than 0 and at most 5000`);
      const { json, reportPath } = validateRunDir(runDir, opts.counts, { out: opts.out, lang: opts.lang as Lang, maxDistanceM });
      if (opts.json) return printJson(json);
      printValidation(json, reportPath);
    });
}

/** Stations not placed, those outside the network in one group (a statewide file against one city lists many). */
function notPlaced(unmatched: ValidationJson['unmatched']): string {
  const outside = unmatched.filter((u) => u.reason.startsWith('outside the network'));
  const others = unmatched.filter((u) => !u.reason.startsWith('outside the network')).map((u) => `${u.station} (${u.reason})`);
  return [...others, ...(outside.length > 0 ? [`${outside.length} outside the network`] : [])].join(', ');
}

function printValidation(v: ValidationJson, reportPath: string): void {
  const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(0)} %`);
  const fixed = (x: number | null, d: number) => (x === null ? '—' : x.toFixed(d));
  printTable([
    ['run', `${v.name} (${v.city}, ${v.period.id} ${v.period.start}–${v.period.end})${v.synthetic ? '  — SYNTHETIC stand-in streets' : ''}`],
    ['stations', `${v.stations}, ${v.matched} placed on links${v.unmatched.length > 0 ? `; not placed: ${notPlaced(v.unmatched)}` : ''}`],
    ['counts compared', `${v.compared} (${v.outsidePeriod} outside the run's period)`],
    ['GEH < 5', `${pct(v.gehUnder5Share)} of the counts`],
    ['mean GEH', fixed(v.meanGeh, 1)],
    ['RMSE', v.rmsePct === null ? '—' : `${v.rmsePct.toFixed(0)} %`],
    ['R²', v.r2 === null ? '— (fewer than 3 counts)' : fixed(v.r2, 2)],
    ['counted / modelled', `${Math.round(v.countTotal)} / ${Math.round(v.modelTotal)} vehicles (${v.modelToCount === null ? '—' : pct(v.modelToCount)})`],
    ...calibrationRows(v),
    ...classRows(v),
    ['report', reportPath],
  ]);
}

/** A calibrated run: the counts it was fitted to are no validation; the held-out ones alone are. */
function calibrationRows(v: ValidationJson): [string, string][] {
  const c = v.calibration;
  if (!c) return [];
  const pct = (x: number) => `${(100 * x).toFixed(0)} %`;
  const used = c.usedCompared > 0 ? `${c.usedCompared} of the compared counts (stations ${c.usedStationsCompared.join(' ')}) were used to calibrate this run: their fit is not validation` : 'none of the compared counts was used to calibrate this run';
  const held = c.heldOut ? `held out: ${c.heldOut.compared} counts, GEH < 5 at ${pct(c.heldOut.gehUnder5Share)}, mean GEH ${c.heldOut.meanGeh.toFixed(1)}, modelled ${Math.round(c.heldOut.modelTotal)} of ${Math.round(c.heldOut.countTotal)} counted` : 'held out: no count';
  return [['calibrated on', used], ['validation', held]];
}

/** A run with a truck class against classified counts: trucks and the other vehicles apart. */
function classRows(v: ValidationJson): [string, string][] {
  if (!v.classes) return [];
  const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(0)} %`);
  const line = (c: NonNullable<ValidationJson['classes']>['trucks']) => `${c.compared} counts, GEH < 5 at ${pct(c.gehUnder5Share)}, modelled ${Math.round(c.modelTotal)} of ${Math.round(c.countTotal)} counted (${pct(c.modelToCount)})`;
  return [['trucks', line(v.classes.trucks)], ['other vehicles', line(v.classes.others)]];
}
