/**
 * `gemeo calibrate <scenario.json> --counts <file>`: OD matrix estimation from traffic counts
 * (Spiess's gradient method from the gravity prior, app/calibrate.ts). Writes a calibration file
 * that scenarios name in `"demand": {"calibration": "<file>"}`, runs the calibrated baseline and
 * prints its run directory and the fit on the counts it used, with the convergence history.
 */
import type { Command } from 'commander';
import { calibrateScenario, CALIBRATE_DEFAULTS } from '../../app/calibrate.ts';
import { UserError } from '../errors.ts';
import { printJson, printTable } from '../output.ts';
import { readScenario } from './run.ts';

export function registerCalibrate(program: Command): void {
  program
    .command('calibrate')
    .description('estimate the OD matrix from traffic counts (Spiess gradient ODME from the gravity prior); writes a calibration file and runs the calibrated baseline')
    .argument('<scenario.json>', 'the scenario whose city, period, seed and demand settings are calibrated (its interventions are ignored)')
    .requiredOption('--counts <file>', 'the counts CSV (format: README, "Counts")')
    .option('--stations <ids>', 'comma-separated station ids to fit (default: every station placed on a link); the others stay for validation')
    .option('--out <file>', 'the calibration file (default: <scenario stem>.calibration.json beside the scenario)')
    .option('--runs <dir>', 'parent folder of the run directories', 'runs')
    .option('--outer <n>', 'assignments (outer iterations)', String(CALIBRATE_DEFAULTS.outer))
    .option('--inner <n>', 'gradient steps per assignment', String(CALIBRATE_DEFAULTS.inner))
    .option('--ends <n>', 'steps of whole rows and columns (origins and destinations) before the cell steps of each assignment', String(CALIBRATE_DEFAULTS.ends))
    .option('--ends-min-decrease <x>', 'the row and column steps stop after one that lowers the objective by less than this share of it', String(CALIBRATE_DEFAULTS.endsMinDecrease))
    .option('--weights <w>', 'weights of the station-hours in the objective: geh (1 / count, Z ≈ ¼ Σ GEH²) or uniform', CALIBRATE_DEFAULTS.weights)
    .option('--cells <c>', 'which OD cells may change: all, or external (those with a highway gateway end: external and through traffic)', CALIBRATE_DEFAULTS.cells)
    .option('--scale <s>', 'the scaling step of each assignment: matrix (one least-squares factor for the whole matrix) or gateway (one each for the internal, inbound, outbound and through cells)', CALIBRATE_DEFAULTS.scaleBlocks)
    .option('--max-factor <x>', "bound on each OD cell's factor against the prior (and 1/x)", String(CALIBRATE_DEFAULTS.maxFactor))
    .option('--workers <n|auto>', 'worker threads of the assignment', 'auto')
    .option('--json', 'print JSON for machines')
    .addHelpText(
      'after',
      `
The counts of the scenario's period are fitted (an am-peak scenario: 07:00–08:00). Scenarios then
use the calibrated demand with "demand": {"calibration": "<file>"} (relative to the scenario file);
gemeo validate marks the stations a run was calibrated on, and reports the others as validation.

Example:
  gemeo calibrate scenarios/sao-paulo/baseline.json --counts data/counts/cet-sao-paulo-2012-dev.csv`,
    )
    .action(async (file: string, opts: { counts: string; stations?: string; out?: string; runs: string; outer: string; inner: string; ends: string; endsMinDecrease: string; maxFactor: string; weights: string; cells: string; scale: string; workers: string; json?: boolean }) => {
      const whole = (name: string, x: string, lo: number, hi: number) => {
        const n = Number(x);
        if (!Number.isInteger(n) || n < lo || n > hi) throw new UserError(`--${name} "${x}": expected a whole number from ${lo} to ${hi}`);
        return n;
      };
      const outer = whole('outer', opts.outer, 1, 50);
      const inner = whole('inner', opts.inner, 0, 100);
      const ends = whole('ends', opts.ends, 0, 100);
      const endsMinDecrease = Number(opts.endsMinDecrease);
      if (!(endsMinDecrease >= 0 && endsMinDecrease < 1)) throw new UserError(`--ends-min-decrease "${opts.endsMinDecrease}": expected a share from 0 to under 1`);
      const maxFactor = Number(opts.maxFactor);
      if (opts.cells !== 'all' && opts.cells !== 'external') throw new UserError(`--cells "${opts.cells}": expected all or external`);
      if (opts.scale !== 'matrix' && opts.scale !== 'gateway') throw new UserError(`--scale "${opts.scale}": expected matrix or gateway`);
      if (opts.weights !== 'geh' && opts.weights !== 'uniform') throw new UserError(`--weights "${opts.weights}": expected geh or uniform`);
      if (!(maxFactor >= 1 && maxFactor <= 1000)) throw new UserError(`--max-factor "${opts.maxFactor}": expected a number from 1 to 1000`);
      const workers = opts.workers === 'auto' ? undefined : whole('workers', opts.workers, 1, 64);
      const stations = opts.stations?.split(',').map((s) => s.trim()).filter((s) => s !== '');
      const scenario = readScenario(file);
      const r = await calibrateScenario(scenario, file, opts.counts, { out: opts.out, stations, outer, inner, ends, endsMinDecrease, maxFactor, weights: opts.weights, cells: opts.cells, scaleBlocks: opts.scale, runsDir: opts.runs, workers });
      const c = r.calibration;
      const out = { runDir: r.run.runDir, calibration: r.file, stations: c.counts.stations, unmatched: c.counts.unmatched ?? [], fit: c.fit, trips: c.trips, history: c.history, cells: c.cells.length, seconds: r.seconds };
      if (opts.json) return printJson(out);
      const pct = (x: number) => `${(100 * x).toFixed(0)} %`;
      const fit = (f: typeof c.fit.before) => `GEH < 5 at ${pct(f.gehUnder5Share)} of ${f.n} counts, mean GEH ${f.meanGeh.toFixed(1)}, modelled ${Math.round(f.modelTotal)} of ${Math.round(f.countTotal)} counted (${pct(f.modelTotal / f.countTotal)})`;
      printTable([
        ['scenario', `${scenario.name} (${scenario.city}, ${scenario.period}, seed ${scenario.seed})`],
        ['stations used', c.counts.stations.join(' ')],
        ...(c.counts.unmatched?.length ? [['not placed', c.counts.unmatched.map((u) => `${u.station} (${u.reason})`).join('; ')] as [string, string]] : []),
        ['before', fit(c.fit.before)],
        ['after', fit(c.fit.after)],
        ['history', c.history.map((h) => `${h.iteration}: ${pct(h.gehUnder5Share)} / ${pct(h.modelToCount)}`).join(', ')],
        ['trips', `${Math.round(c.trips.prior)} → ${Math.round(c.trips.calibrated)} (${c.cells.length} OD cells adjusted)`],
        ['calibration file', r.file],
        ['runDir', r.run.runDir],
        ['seconds', r.seconds.toFixed(1)],
      ]);
    });
}
