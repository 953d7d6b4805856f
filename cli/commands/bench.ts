/**
 * `gemeo bench [suite…]`: runs the benchmark scripts of bench/ (each prints its figures with the
 * machine). With no suite it lists them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import { REPO_ROOT } from '../../app/city-graphs.ts';

const BENCH_DIR = join(REPO_ROOT, 'bench');
const HELPERS = new Set(['machine', 'stats', 'micro', 'dynamic-inputs']);

export function benchSuites(): { name: string; about: string }[] {
  return readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !HELPERS.has(f.slice(0, -3)))
    .sort()
    .map((f) => ({ name: f.slice(0, -3), about: firstDocLine(join(BENCH_DIR, f)) }));
}

export function registerBench(program: Command): void {
  program
    .command('bench')
    .description('run benchmark suites from bench/ (figures with the machine; medians)')
    .argument('[suites...]', 'suite names; none lists them; "all" runs every one')
    .option('--runs <n>', 'timed runs per figure, passed to each suite')
    .action((suites: string[], opts: { runs?: string }) => {
      const known = benchSuites();
      if (suites.length === 0) {
        for (const s of known) process.stdout.write(`${s.name.padEnd(14)} ${s.about}\n`);
        return;
      }
      const names = suites.includes('all') ? known.map((s) => s.name) : suites;
      for (const name of names) {
        const file = join(BENCH_DIR, `${name}.ts`);
        if (!known.some((s) => s.name === name) || !existsSync(file)) {
          throw new UserError(`unknown benchmark suite "${name}"; known: ${known.map((s) => s.name).join(', ')}`);
        }
        const args = ['--import', 'tsx', file, ...(opts.runs ? ['--runs', opts.runs] : [])];
        const r = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: REPO_ROOT });
        if (r.status !== 0) throw new UserError(`benchmark suite ${name} failed (exit ${r.status ?? r.signal})`, 1);
      }
    });
}

/** The first sentence of the file's opening comment, as the suite's description. */
function firstDocLine(file: string): string {
  const m = /\/\*\*\s*\n?\s*\*?\s*([^\n]*)/.exec(readFileSync(file, 'utf8'));
  return m ? m[1].replace(/:\s*`.*$/, '').trim() : '';
}
