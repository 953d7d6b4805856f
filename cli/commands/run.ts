/**
 * `gemeo run <scenario.json>`: one model run of a scenario, into an atomic, cached run
 * directory. A malformed scenario is refused with one line naming the field, before anything
 * is written.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { Command } from 'commander';
import { checkScenario, scenarioCity } from '../../engine/scenario/check-scenario.ts';
import { parseScenario } from '../../engine/scenario/parse-scenario.ts';
import { ScenarioError, type Scenario } from '../../engine/scenario/scenario.ts';
import type { RunResult } from '../../engine/metrics/run-result.ts';
import { compareRunDirs, readTransit } from '../../app/compare-runs.ts';
import type { Lang } from '../../app/report/i18n.ts';
import { runScenario } from '../../app/run-scenario.ts';
import { printComparison } from './compare.ts';
import { loadCityGraph, registry } from '../../app/city-graphs.ts';
import { UserError } from '../errors.ts';
import { printJson, printTable } from '../output.ts';
import { progressBar, type Progress } from '../progress.ts';

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run a scenario (scenarios/<city>/<name>.json) and write its run directory: result.fb, summary.json, links.geojson/csv, convergence, log')
    .argument('<scenario.json>', 'the scenario file (schema: scenarios/scenario.schema.json)')
    .option('--out <dir>', 'parent folder of the run directories', 'runs')
    .option('--workers <n|auto>', 'worker threads (assignment and routes); results are identical for any number; auto: the cores, for city-scale networks', 'auto')
    .option('--force', 'run again even when the same inputs ran before')
    .option('--with-baseline', 'also run the baseline (same city, period, seed and demand, no interventions) and compare the two')
    .option('--lang <pt|en>', 'language of the comparison report (with --with-baseline)', 'pt')
    .option('--json', 'print JSON for machines')
    .action(async (file: string, opts: { out: string; workers: string; force?: boolean; withBaseline?: boolean; lang: string; json?: boolean }) => {
      const workers = opts.workers === 'auto' ? undefined : Number(opts.workers);
      if (workers !== undefined && (!Number.isInteger(workers) || workers < 1 || workers > 64)) throw new UserError(`--workers "${opts.workers}": expected auto or a whole number from 1 to 64`);
      if (opts.lang !== 'pt' && opts.lang !== 'en') throw new UserError(`--lang "${opts.lang}": expected pt or en`);
      const scenario = readScenario(file);
      const base = opts.withBaseline ? await runWithProgress(baselineOf(scenario), baselineFile(file), opts.out, workers, opts.force === true, !opts.json) : undefined;
      const outcome = await runWithProgress(scenario, file, opts.out, workers, opts.force === true, !opts.json);
      const compared = base ? compareRunDirs(base.runDir, outcome.runDir, { lang: opts.lang as Lang }) : undefined;
      const t = outcome.result.totals;
      const transit = readTransit(outcome.runDir);
      const out = {
        runDir: outcome.runDir,
        city: scenario.city,
        model: scenario.model,
        vkt: t.vkt,
        vht: t.vht,
        meanTripMin: t.meanTripMin,
        delayVh: t.delayVh,
        co2Kg: t.co2Kg,
        trips: t.trips,
        unreachableTrips: t.unreachableTrips,
        ...(outcome.result.dynamic ? { dynamic: dynamicFigures(outcome.result) } : {}),
        synthetic: outcome.result.meta.synthetic,
        cached: outcome.cached,
        seconds: outcome.seconds,
        ...(base && compared ? { baselineRunDir: base.runDir, report: compared.reportPath } : {}),
        ...(transit ? { transit: { shares: transit.shares, riders: transit.riders, riderHours: transit.riderHours, busHours: transit.busHours, personHours: transit.personHours, busModel: transit.busModel } } : {}),
      };
      if (opts.json) return printJson(out);
      if (compared) return printComparison(compared.json, compared.reportPath);
      printTable([
        ['scenario', `${scenario.name} (${scenario.city}, ${scenario.period})${out.synthetic ? '  — SYNTHETIC stand-in streets' : ''}`],
        ['vehicle-km', Math.round(t.vkt)],
        ['vehicle-hours', t.vht.toFixed(1)],
        ['mean trip time', `${t.meanTripMin.toFixed(2)} min`],
        ['delay', `${t.delayVh.toFixed(1)} vehicle-hours`],
        ['trips', `${Math.round(t.trips)}, of which ${Math.round(t.unreachableTrips)} with no route (origin and destination disconnected; left out of the totals)`],
        ...dynamicRows(outcome.result),
        ...(transit
          ? [
              ['mode shares', `car ${(100 * transit.shares.car).toFixed(1)} %, bus ${(100 * transit.shares.bus).toFixed(1)} %, walk ${(100 * transit.shares.walk).toFixed(1)} % of person trips${transit.busModel === 'stand-in' ? ' (stand-in bus: no feed for this city)' : ''}`] as [string, string],
              ['bus', `${Math.round(transit.riders)} riders, ${transit.riderHours.toFixed(0)} rider-hours door to door, ${transit.busHours.toFixed(1)} bus-hours`] as [string, string],
            ]
          : []),
        ['assignment', `${outcome.result.assignment.method}${outcome.result.assignment.status ? ` (${outcome.result.assignment.status})` : ''}, ${outcome.result.assignment.iterations} iterations, relative gap ${outcome.result.assignment.relativeGap.toExponential(2)}`],
        ['run directory', `${outcome.runDir}${outcome.cached ? '  (same inputs ran before: served from the cache)' : ''}`],
        ['seconds', outcome.seconds.toFixed(2)],
      ]);
    });
}

/** The queue model's headline figures of a dynamic run (what run.log and summary.json hold). */
function dynamicFigures(r: RunResult) {
  const d = r.dynamic!.summary;
  return { vehicles: d.vehicles, arrived: d.arrived, stuck: d.stuck, meanTravelTimeS: d.meanTravelTimeS, squeezed: d.squeezed, rejected: d.rejected, conserved: d.conserved, iterations: d.iterations, relativeGap: Number.isFinite(d.relativeGap) ? d.relativeGap : null };
}

function dynamicRows(r: RunResult): [string, string][] {
  if (!r.dynamic) return [];
  const d = dynamicFigures(r);
  const rejected = d.rejected.sameNode + d.rejected.unreachable + d.rejected.unknownNode + d.rejected.outsideHorizon;
  return [
    ['vehicles', `${d.vehicles} departed: ${d.arrived} arrived, ${d.stuck} stuck or unfinished (departed = arrived + stuck: ${d.conserved ? 'holds' : 'BROKEN'})`],
    ['mean trip (sim.)', `${(d.meanTravelTimeS / 60).toFixed(2)} min over the arrived trips; ${d.squeezed} squeezes onto full links; ${d.iterations} queue-model runs, relative gap of all vehicles ${d.relativeGap === null ? '—' : d.relativeGap.toFixed(4)}`],
    ['not simulated', `${rejected} trips (${d.rejected.sameNode} start and end on one node, ${d.rejected.unreachable} with no route)`],
  ];
}

/** Reads, parses and checks a scenario file against its city's graph; every problem is one line. */
export function readScenario(file: string) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ScenarioError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, expected a scenario .json file' : `cannot be read (${code})`}`);
  }
  const scenario = parseScenario(text, file);
  const city = scenarioCity(scenario, file, registry());
  checkScenario(scenario, file, { city, graph: loadCityGraph(city).graph });
  return scenario;
}

/** The scenario's baseline: the same city, period, seed and demand, with no interventions. */
export function baselineOf(scenario: Scenario): Scenario {
  return { ...scenario, name: 'Linha de base (sem intervenção)', description: `Linha de base de "${scenario.name}": mesma cidade, período, semente e demanda, sem intervenções.`, interventions: [] };
}

/** The name under which a scenario file's baseline runs: <stem>.linha-de-base.json beside it. */
function baselineFile(file: string): string {
  return join(dirname(file), `${basename(file, extname(file))}.linha-de-base.json`);
}

export async function runWithProgress(scenario: Scenario, file: string, runsDir: string, workers: number | undefined, force: boolean, show: boolean) {
  let bar: Progress | undefined;
  let stage = '';
  try {
    return await runScenario(scenario, {
      runsDir,
      scenarioFile: file,
      workers,
      force,
      onProgress: (s, done, total) => {
        if (!show) return;
        if (s !== stage) {
          bar?.stop();
          stage = s;
          bar = progressBar(`${scenario.name}: ${s}`, total);
        }
        bar?.update(done, total);
      },
    });
  } finally {
    bar?.stop();
  }
}
