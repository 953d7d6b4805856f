/**
 * `gemeo streets <city> [--search <text>] [--json]`: the named ways of a city's road graph —
 * way id, name, class, length, lanes — so that a planner finds the street to write into a
 * scenario (`"street": "Avenida Ipiranga"`, or its way ids). Matching ignores case and accents.
 */
import type { Command } from 'commander';
import { cityBySlug, loadCityGraph } from '../../app/city-graphs.ts';
import { searchStreets } from '../../engine/scenario/streets.ts';
import { UserError } from '../errors.ts';
import { printJson } from '../output.ts';

export function registerStreets(program: Command): void {
  program
    .command('streets')
    .description("list a city's streets by name: way id, class, length and lanes (the ids and names a scenario may use)")
    .argument('<city>', 'a city slug from `gemeo city list`')
    .option('--search <text>', 'only the ways whose name or route number contains this text (case and accents ignored)')
    .option('--limit <n>', 'at most this many ways (0: all)', '200')
    .option('--json', 'print JSON for machines')
    .action((slug: string, opts: { search?: string; limit: string; json?: boolean }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 0) throw new UserError(`--limit "${opts.limit}": expected a whole number ≥ 0`);
      if (opts.search !== undefined && opts.search.trim() === '') throw new UserError('--search: expected some text, e.g. --search ipiranga');
      const city = cityBySlug(slug);
      const { graph } = loadCityGraph(city);
      const found = searchStreets(graph, opts.search ?? '');
      const shown = limit > 0 ? found.slice(0, limit) : found;
      if (opts.json) {
        return printJson({
          city: city.slug,
          synthetic: graph.meta.synthetic,
          search: opts.search ?? null,
          total: found.length,
          ways: shown.map((w) => ({ way: w.way, name: w.name, ref: w.ref, synthetic: w.synthetic, class: w.roadClass, lengthM: Math.round(w.lengthM * 10) / 10, lanes: w.lanes, oneway: w.oneway })),
        });
      }
      if (found.length === 0) {
        process.stdout.write(`no street of ${city.name} matches "${opts.search ?? ''}"\n`);
        return;
      }
      const idWidth = Math.max(3, ...shown.map((w) => String(w.way).length));
      const nameOf = (w: (typeof shown)[number]) => `${w.label}${w.synthetic ? ' (synthetic)' : ''}`;
      const nameWidth = Math.min(48, Math.max(4, ...shown.map((w) => nameOf(w).length)));
      process.stdout.write(`${'way'.padStart(idWidth)}  ${'name'.padEnd(nameWidth)}  ${'class'.padEnd(13)}  ${'length'.padStart(8)}  lanes\n`);
      for (const w of shown) {
        const name = nameOf(w);
        process.stdout.write(`${String(w.way).padStart(idWidth)}  ${name.padEnd(nameWidth)}  ${w.roadClass.padEnd(13)}  ${`${Math.round(w.lengthM)} m`.padStart(8)}  ${w.lanes}${w.oneway ? ' one-way' : ''}\n`);
      }
      const more = found.length - shown.length;
      process.stdout.write(`${found.length} ways${more > 0 ? ` (${more} more: --limit 0 lists all)` : ''}${graph.meta.synthetic ? ' — SYNTHETIC stand-in streets with generated names' : ''}\n`);
    });
}
