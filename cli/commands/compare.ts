/**
 * `gemeo compare <runDirA> <runDirB>`: what changes from run A (the baseline) to run B —
 * totals, the links that get worse or better, zone-to-zone times, tourists' access, CO2 — as
 * JSON and as an HTML report for officials (Portuguese by default).
 */
import type { Command } from 'commander';
import { compareRunDirs } from '../../app/compare-runs.ts';
import type { Lang } from '../../app/report/i18n.ts';
import { UserError } from '../errors.ts';
import { printJson, printTable } from '../output.ts';

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description('compare two runs of the same city, period and seed: JSON and an HTML report')
    .argument('<runDirA>', 'the baseline run directory (printed by gemeo run)')
    .argument('<runDirB>', 'the run with the intervention')
    .option('--out <dir>', 'folder for report.html, report.en.html and comparison.json (default: runs/<city>/_compare/<a>--<b>/)')
    .option('--lang <pt|en>', 'language of report.html', 'pt')
    .option('--top <n>', 'how many worsened and improved links to list', '10')
    .option('--json', 'print JSON for machines')
    .action((runDirA: string, runDirB: string, opts: { out?: string; lang: string; top: string; json?: boolean }) => {
      if (opts.lang !== 'pt' && opts.lang !== 'en') throw new UserError(`--lang "${opts.lang}": expected pt or en`);
      const top = Number(opts.top);
      if (!Number.isInteger(top) || top < 1 || top > 1000) throw new UserError(`--top "${opts.top}": expected a whole number from 1 to 1000`);
      const { json, reportPath } = compareRunDirs(runDirA, runDirB, { out: opts.out, lang: opts.lang as Lang, top });
      if (opts.json) return printJson(json);
      printComparison(json, reportPath);
    });
}

export function printComparison(json: ReturnType<typeof compareRunDirs>['json'], reportPath: string): void {
  const fmt = (d: { a: number; b: number; delta: number }, digits: number, unit: string) =>
    `${d.a.toFixed(digits)} → ${d.b.toFixed(digits)} ${unit} (${d.delta >= 0 ? '+' : ''}${d.delta.toFixed(digits)})`;
  printTable([
    ['city', `${json.city}${json.synthetic ? '  — SYNTHETIC stand-in streets' : ''}`],
    ['A → B', `${json.a.name} → ${json.b.name}`],
    ['vehicle-km', fmt(json.vkt, 0, 'km')],
    ['vehicle-hours', fmt(json.vht, 1, 'h')],
    ['mean trip time', fmt(json.meanTripMin, 2, 'min')],
    ['delay', fmt(json.delayVh, 1, 'veh·h')],
    ['CO2', fmt(json.co2Kg, 0, 'kg')],
    ['trips', `${Math.round(json.trips.a)} → ${Math.round(json.trips.b)}; with no route (left out of the totals) ${Math.round(json.trips.unreachable.a)} → ${Math.round(json.trips.unreachable.b)}`],
    ...(json.trips.same ? [] : [['warning', 'A and B do not total the same trips: vehicle-km, vehicle-hours, delay, CO2 and mean trip time are over different sets of trips'] as [string, string]]),
    ['most worsened', json.topWorse.slice(0, 3).map(linkText).join('; ') || '—'],
    ['most improved', json.topBetter.slice(0, 3).map(linkText).join('; ') || '—'],
    ['report', reportPath],
  ]);
}

/** "Avenida Ipiranga (way 287533506, v/c 0.06 → 1.18)"; an unnamed way by its id. */
function linkText(l: { way: number; name: string | null; vcA: number; vcB: number }): string {
  const v = `v/c ${l.vcA.toFixed(2)} → ${l.vcB.toFixed(2)}`;
  return l.name ? `${l.name} (way ${l.way}, ${v})` : `way ${l.way} (${v})`;
}
