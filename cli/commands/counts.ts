/**
 * `gemeo counts check <file>`: reads a counts file and says what it holds (or the one line that
 * is wrong). `gemeo counts antt --year <y>`: the ANTT toll-plaza volumes of Mato Grosso as a
 * counts file — the average day of the year per plaza, direction and class.
 */
import type { Command } from 'commander';
import { anttCounts } from '../../app/antt-counts.ts';
import { clockOf } from '../../engine/counts/counts.ts';
import { readCounts } from '../../engine/counts/read-counts.ts';
import { countsCsv } from '../../engine/counts/write-counts.ts';
import { writeFileAtomic } from '../../engine/util/write-atomic.ts';
import { UserError } from '../errors.ts';
import { printJson, printTable } from '../output.ts';

export function registerCounts(program: Command): void {
  const counts = program.command('counts').description('traffic counts files: check one, or make one from the ANTT toll-plaza volumes');

  counts
    .command('check')
    .description('read a counts file and summarise it; a bad file is refused with one line naming the line and field')
    .argument('<file>', 'the counts CSV (format: README, "Counts")')
    .option('--json', 'print JSON for machines')
    .action((file: string, opts: { json?: boolean }) => {
      const c = readCounts(file);
      const periods = [...new Set(c.counts.map((k) => `${clockOf(k.startS)}–${clockOf(k.endS)}`))];
      const out = { file, stations: c.stations.length, counts: c.counts.length, vehicles: c.counts.reduce((s, k) => s + k.vehicles, 0), periods, classes: c.classes };
      if (opts.json) return printJson(out);
      printTable([
        ['file', file],
        ['stations', out.stations],
        ['counts', out.counts],
        ['vehicles', Math.round(out.vehicles)],
        ['periods', periods.join(', ')],
        ['classes', c.classes.join(', ') || '—'],
      ]);
    });

  counts
    .command('antt')
    .description('the ANTT toll-plaza volumes (data/mt/antt-toll-volumes-mt.csv) as a counts file: average day of a year per plaza, direction and class, plazas placed approximately on their DNIT highway')
    .requiredOption('--year <yyyy>', 'the year to average (the data cover 2016-01 to 2026-02)')
    .option('--out <file>', 'where to write the counts CSV (default: print it)')
    .option('--json', 'print a JSON summary for machines (with --out)')
    .action((opts: { year: string; out?: string; json?: boolean }) => {
      const year = Number(opts.year);
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UserError(`--year "${opts.year}": expected a year such as 2023`);
      const a = anttCounts(year);
      const csv = countsCsv(a.counts);
      if (!opts.out) return void process.stdout.write(csv);
      writeFileAtomic(opts.out, csv);
      const plazas = a.counts.stations.map((s, i) => ({ station: s.id, lon: s.lon, lat: s.lat, vehicles: Math.round(a.counts.counts[i]!.vehicles) }));
      if (opts.json) return printJson({ out: opts.out, year, stations: plazas.length, plazas, notPlaced: a.notPlaced });
      printTable([
        ['written', opts.out],
        ['stations', `${plazas.length} (plaza × direction), average day of ${year}`],
        ['not placed', a.notPlaced.map((x) => `${x.plaza}: ${x.reason}`).join('; ') || '—'],
      ]);
    });
}
