/**
 * Validation benchmark: `npx tsx bench/validate.ts [--runs N]`.
 *
 * Fit and time of the uncalibrated baselines against observed counts: São Paulo (OSM extract,
 * am-peak) against the 14 CET 2012 development stations, and Rondonópolis, Lucas do Rio Verde
 * and Sorriso (stand-in networks, whole day) against the ANTT toll plazas of 2023. Each run is
 * made once (not timed: that is the assignment's benchmark); timed, median of N (default 5)
 * after a warm-up: placing the stations on the links (rbush, class, bearing) and the whole of
 * `gemeo validate` (read the run and the counts, match, GEH, write JSON and both HTML reports).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRun } from '../app/compare-runs.ts';
import { runScenario } from '../app/run-scenario.ts';
import { validateRunDir } from '../app/validate-run.ts';
import { matchStations } from '../engine/counts/match-stations.ts';
import { readCounts } from '../engine/counts/read-counts.ts';
import { parseScenario } from '../engine/scenario/parse-scenario.ts';
import { machineLine } from './machine.ts';
import { median, runsArg, timeRuns } from './stats.ts';

const runs = runsArg(5);
const path = (p: string) => new URL(`../${p}`, import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'gemeo-bench-validate-'));

async function bench(city: string, period: string, countsFile: string): Promise<void> {
  const scenario = parseScenario(JSON.stringify({ city, name: `${city} ${period}`, period, interventions: [] }), `${city}-${period}.json`);
  const { runDir } = await runScenario(scenario, { runsDir: join(tmp, 'runs'), scenarioFile: `${city}-${period}.json` });
  const counts = readCounts(countsFile);
  const run = readRun(runDir);
  const matchMs = median(await timeRuns(() => matchStations(counts, run.edges), runs));
  let v = validateRunDir(runDir, countsFile, { out: join(tmp, 'v', city) }).json;
  const validateMs = median(await timeRuns(() => (v = validateRunDir(runDir, countsFile, { out: join(tmp, 'v', city) }).json), runs));
  const pct = (x: number) => `${(100 * x).toFixed(0)} %`;
  console.log(
    `${city.padEnd(19)} ${period.padEnd(8)} ${String(v.matched).padStart(2)}/${v.stations} placed, ${String(v.compared).padStart(2)} compared | GEH < 5 ${pct(v.gehUnder5Share ?? 0).padStart(5)}, mean GEH ${(v.meanGeh ?? 0).toFixed(1).padStart(5)}, ` +
      `RMSE ${(v.rmsePct ?? 0).toFixed(0)} %, R² ${v.r2 === null ? '—' : v.r2.toFixed(2)}, modelled/counted ${Math.round(v.modelTotal)}/${Math.round(v.countTotal)} (${v.modelToCount === null ? '—' : pct(v.modelToCount)}) | ` +
      `match ${matchMs.toFixed(1)} ms, validate ${validateMs.toFixed(0)} ms (median of ${runs}; ${run.edges.count} edges)${run.meta.synthetic ? ' [stand-in network]' : ''}`,
  );
}

console.log(machineLine());
try {
  await bench('sao-paulo', 'am-peak', path('data/counts/cet-sao-paulo-2012-dev.csv'));
  for (const city of ['rondonopolis', 'lucas-do-rio-verde', 'sorriso']) await bench(city, 'day', path('data/counts/antt-mt-2023.csv'));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
