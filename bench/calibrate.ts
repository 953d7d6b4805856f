/**
 * Calibration benchmark: `npx tsx bench/calibrate.ts [sao-paulo|sao-paulo-cordon|porto-alegre] [--first] [--cold] [--final-gap X] [--outer N] [--gap X] [--workers N]` (all by default; --first: only the first São Paulo case;
 * sao-paulo-cordon: with the cordon traffic of the extract, `"demand": {"external": true}`).
 *
 * Fit and time of `gemeo calibrate` (Spiess gradient ODME, the defaults) on São Paulo's
 * am-peak against the 14 CET 2012 development stations: all 14 used, and 9 used with the other
 * 5 held out (every third station of the file) and validated on the calibrated run; both again
 * with cells only (no steps of whole rows and columns) to compare. Each
 * calibration is timed once, whole (prior, the warm-started assignments, gradient steps, the file,
 * the calibrated baseline's run directory): it takes tens of seconds, so no median.
 *
 * Porto Alegre has no counts: its timing uses SYNTHETIC counts (bench/synthetic-counts.ts) —
 * the uncalibrated baseline's am-peak flows on 40 arterial links drawn with seed 1, each
 * multiplied by a factor drawn log-uniformly from [1/1.5, 1.5]. The fit printed for them says how
 * well the method recovers a perturbed run, never how well the model fits Porto Alegre.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { calibrateScenario } from '../app/calibrate.ts';
import { runScenario } from '../app/run-scenario.ts';
import { countsCsv } from '../engine/counts/write-counts.ts';
import { syntheticCounts } from './synthetic-counts.ts';
import { validateRunDir } from '../app/validate-run.ts';
import { parseScenario } from '../engine/scenario/parse-scenario.ts';
import { machineLine } from './machine.ts';
import { geh } from '../engine/counts/fit.ts';
import { SPLIT } from './calibrate-split.ts';

const path = (p: string) => new URL(`../${p}`, import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'gemeo-bench-calibrate-'));
const CET = path('data/counts/cet-sao-paulo-2012-dev.csv');
const pct = (x: number) => `${(100 * x).toFixed(0)} %`;
/** The 1-minute load average when a line is printed: the 2 cores may be shared. */
const load = () => `load ${loadavg()[0]!.toFixed(1)}`;
/** Seconds of the loop's assignments and of its gradient steps, from the convergence history. */
const split = (h: { assignSeconds?: number; stepSeconds?: number }[]) => `assignments ${h.reduce((t, x) => t + (x.assignSeconds ?? 0), 0).toFixed(1)} s, steps ${h.reduce((t, x) => t + (x.stepSeconds ?? 0), 0).toFixed(1)} s`;
/** The rest of the time: before the loop (counts, prior, stations) and after it (the file and the calibrated run). */
const rest = (r: { seconds: number; loopSeconds: number; calibration: { history: { assignSeconds?: number; stepSeconds?: number }[] } }) => {
  const loop = r.calibration.history.reduce((t, x) => t + (x.assignSeconds ?? 0) + (x.stepSeconds ?? 0), 0);
  return `before the loop ${(r.loopSeconds - loop).toFixed(1)} s, file and calibrated run ${(r.seconds - r.loopSeconds).toFixed(1)} s`;
};

async function bench(label: string, stations?: string[], ends?: number, external = false): Promise<void> {
  const file = join(tmp, 'sao-paulo-am-peak.json');
  // external: the cordon gateways of the extract with their assumed volumes (app/cordon-gateways.ts)
  const scenario = parseScenario(JSON.stringify({ city: 'sao-paulo', name: 'São Paulo am-peak', period: 'am-peak', ...(external ? { demand: { external: true } } : {}), ...(runGap ? { assignment: { gap: runGap } } : {}), interventions: [] }), file);
  const r = await calibrateScenario(scenario, file, CET, { out: join(tmp, `${label}.calibration.json`), runsDir: join(tmp, 'runs'), ...variant, ...(stations ? { stations } : {}), ...(ends !== undefined ? { ends } : {}) });
  const { before, after } = r.calibration.fit;
  const fit = (f: typeof before) => `GEH < 5 ${pct(f.gehUnder5Share).padStart(5)}, modelled/counted ${pct(f.modelTotal / f.countTotal).padStart(5)}`;
  let held = '';
  if (stations) {
    const v = validateRunDir(r.run.runDir, CET, { out: join(tmp, 'v', label) }).json;
    const h = v.calibration?.heldOut;
    if (h) held = ` | held out ${h.compared}: GEH < 5 ${pct(h.gehUnder5Share)}, modelled/counted ${pct(h.modelToCount ?? 0)}`;
    for (const x of v.rows.filter((row) => !stations.includes(row.station))) console.log(`  held out ${x.station} counted ${(x.countedVph ?? 0).toFixed(0).padStart(6)} veh/h | run ${(x.modelledVph ?? 0).toFixed(0).padStart(6)} GEH ${(x.geh ?? NaN).toFixed(2).padStart(5)}`);
  }
  stationLines(r.stationFit);
  console.log(`  history (Z, share under GEH 5): ${r.calibration.history.map((h) => `${h.objective.toFixed(0)} ${pct(h.gehUnder5Share)}`).join(' → ')}`);
  console.log(`sao-paulo am-peak ${label.padEnd(18)} used ${String(before.n).padStart(2)}: before ${fit(before)}; after ${fit(after)}${held} | ${r.seconds.toFixed(1)} s, trips ${Math.round(r.calibration.trips.prior)} → ${Math.round(r.calibration.trips.calibrated)}, ${split(r.calibration.history)}, ${rest(r)}, ${load()}`);
}

/** Station by station: the GEH the loop's kept iterate had and the calibrated run's, so that a fit the run loses shows where. */
function stationLines(rows: { station: string; countedVph: number; loopVph: number; runVph: number }[] | undefined): void {
  for (const x of rows ?? []) console.log(`  ${x.station} counted ${x.countedVph.toFixed(0).padStart(6)} veh/h | loop ${x.loopVph.toFixed(0).padStart(6)} GEH ${geh(x.loopVph, x.countedVph).toFixed(2).padStart(5)} | run ${x.runVph.toFixed(0).padStart(6)} GEH ${geh(x.runVph, x.countedVph).toFixed(2).padStart(5)}`);
}

async function portoAlegre(): Promise<void> {
  const file = join(tmp, 'porto-alegre-am-peak.json');
  const scenario = parseScenario(JSON.stringify({ city: 'porto-alegre', name: 'Porto Alegre am-peak', period: 'am-peak', interventions: [] }), file);
  const base = await runScenario(scenario, { runsDir: join(tmp, 'runs'), scenarioFile: file });
  const counts = syntheticCounts(base.result.edges, { stations: 40, seed: 1, minVph: 300, spread: 1.5, startS: 7 * 3600, endS: 8 * 3600 });
  const countsFile = join(tmp, 'porto-alegre-synthetic.csv');
  writeFileSync(countsFile, countsCsv(counts));
  // CPU seconds of the process (worker threads included) beside the wall time: on a shared machine the wall time says more about the neighbours
  const cpu0 = process.cpuUsage();
  const r = await calibrateScenario(scenario, file, countsFile, { out: join(tmp, 'poa.calibration.json'), runsDir: join(tmp, 'runs'), ...variant });
  const cpu = process.cpuUsage(cpu0);
  const { before, after } = r.calibration.fit;
  const fit = (f: typeof before) => `GEH < 5 ${pct(f.gehUnder5Share).padStart(5)}, modelled/counted ${pct(f.modelTotal / f.countTotal).padStart(5)}`;
  // a digest of the calibrated cells: the same for 1 and 2 workers
  const digest = createHash('sha256').update(JSON.stringify(r.calibration.cells)).digest('hex').slice(0, 12);
  console.log(`porto-alegre am-peak SYNTHETIC counts (40 links, seed 1, ×[1/1.5, 1.5]) used ${before.n}: before ${fit(before)}; after ${fit(after)} | ${r.seconds.toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU (baseline run before it ${base.seconds.toFixed(1)} s), trips ${Math.round(r.calibration.trips.prior)} → ${Math.round(r.calibration.trips.calibrated)}, ${split(r.calibration.history)}, ${rest(r)}, cells ${digest}, ${load()}`);
}

const only = process.argv[2];
/** `--first`: only the first São Paulo case (all 14 stations, the defaults). */
const first = process.argv.includes('--first');
/** `--cold`: the calibrated run from a cold start, as before it started at the loop's equilibrium; `--final-gap X`: the loop's last gap. */
/** `--gap X`: the scenario's (and so the calibrated run's) assignment gap, default 1e-4. */
const runGap = process.argv.includes('--gap') ? Number(process.argv[process.argv.indexOf('--gap') + 1]) : undefined;
const variant = { ...(process.argv.includes('--cold') ? { coldRun: true } : {}), ...(process.argv.includes('--final-gap') ? { finalGap: Number(process.argv[process.argv.indexOf('--final-gap') + 1]) } : {}), ...(process.argv.includes('--outer') ? { outer: Number(process.argv[process.argv.indexOf('--outer') + 1]) } : {}), ...(process.argv.includes('--workers') ? { workers: Number(process.argv[process.argv.indexOf('--workers') + 1]) } : {}) };
console.log(machineLine());
try {
  if (!only || only === 'sao-paulo') {
    await bench('all-14');
    if (!first) {
      await bench('9-of-14', SPLIT);
      // the same without the steps of whole rows and columns: cells only, as before them
      await bench('all-14 cells only', undefined, 0);
      await bench('9-of-14 cells only', SPLIT, 0);
    }
  }
  if (!only || only === 'sao-paulo-cordon') {
    await bench('all-14 cordon', undefined, undefined, true);
    await bench('9-of-14 cordon', SPLIT, undefined, true);
  }
  if (!only || only === 'porto-alegre') await portoAlegre();
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
