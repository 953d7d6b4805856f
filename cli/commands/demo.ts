/**
 * `gemeo demo` (what `npm start` runs): gemeo end to end on the embedded data — a planner's
 * question for Cuiabá (a full Arena Pantanal on a weekday evening, against the baseline),
 * answered with a comparison report; the real Porto Alegre streets from OpenStreetMap; and
 * Algorithm B on the Sioux Falls test network checked against its best-known equilibrium.
 */
import { join, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { compareRunDirs } from '../../app/compare-runs.ts';
import { startServer } from '../../app/server.ts';
import { assign } from '../../engine/assignment/assign.ts';
import { readTntpNetwork, readTntpTrips } from '../../engine/tntp/read-tntp.ts';
import { cityBySlug, cityNetwork, loadCityGraph, registry, REPO_ROOT } from '../../app/city-graphs.ts';
import { printJson } from '../output.ts';
import { printComparison } from './compare.ts';
import { baselineOf, readScenario, runWithProgress } from './run.ts';

/** Sioux Falls' equilibrium Beckmann objective (TNTP README: 42.31335287107440 × 1e5). */
const SIOUX_FALLS_BEST_KNOWN = 4_231_335.28710744;
export const DEMO_SCENARIO = 'scenarios/cuiaba/jogo-arena-pantanal.json';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run gemeo end to end on the embedded data (what `npm start` does)')
    .option('--out <dir>', 'parent folder of the run directories', 'runs')
    .option('--port <n>', 'port of the viewer (0: any free port)', '8080')
    .option('--no-serve', 'do not start the viewer at the end')
    .option('--json', 'print JSON for machines (implies --no-serve)')
    .action(async (opts: { out: string; port: string; serve: boolean; json?: boolean }) => {
      const say = (line = '') => {
        if (!opts.json) process.stdout.write(`${line}\n`);
      };
      const cities = registry();
      const standIns = cities.filter((c) => cityNetwork(c).synthetic).length;
      say(`gemeo — ${cities.length} cities in data/cities.json (${cities.filter((c) => c.role === 'pilot').length} pilot cities of Mato Grosso); ${standIns} run on synthetic stand-in streets until their OSM data is fetched`);
      say();

      const file = join(REPO_ROOT, DEMO_SCENARIO);
      const scenario = readScenario(file);
      say(`Cuiabá: "${scenario.name}" against the baseline (${scenario.period}) …`);
      const base = await runWithProgress(baselineOf(scenario), file.replace(/\.json$/, '.linha-de-base.json'), opts.out, 1, false, !opts.json);
      const run = await runWithProgress(scenario, file, opts.out, 1, false, !opts.json);
      const compared = compareRunDirs(base.runDir, run.runDir);
      if (!opts.json) printComparison(compared.json, compared.reportPath);
      say();

      const poa = loadCityGraph(cityBySlug('porto-alegre'));
      say(`Porto Alegre — real OpenStreetMap streets (© OpenStreetMap contributors, ODbL 1.0): ${poa.graph.nodeCount} nodes, ${poa.graph.edgeCount} directed edges, ${poa.info.summary.edgeKm} km`);

      const tntp = join(REPO_ROOT, 'data/tntp/SiouxFalls/SiouxFalls');
      const net = readTntpNetwork(`${tntp}_net.tntp`);
      const result = await assign(net, readTntpTrips(`${tntp}_trips.tntp`, net.zoneCount), { method: 'algb', gap: 1e-6, maxIter: 1000, workers: 1 });
      const deviation = Math.abs(result.beckmann - SIOUX_FALLS_BEST_KNOWN) / SIOUX_FALLS_BEST_KNOWN;
      say(
        `Sioux Falls (TNTP) — Algorithm B: relative gap ${result.relativeGap.toExponential(2)} in ${result.seconds.toFixed(3)} s; ` +
          `Beckmann objective within ${deviation.toExponential(1)} of the best-known ${SIOUX_FALLS_BEST_KNOWN.toFixed(3)}`,
      );
      say();
      say(`Report for officials (Portuguese): ${compared.reportPath}`);
      say('Next: gemeo city list · gemeo run <scenario.json> --with-baseline · gemeo compare <runA> <runB> · gemeo --help');
      if (opts.serve && !opts.json) await serveComparison(opts.out, base.runDir, run.runDir, Number(opts.port));
      if (opts.json) {
        printJson({
          cities: cities.length,
          scenario: scenario.name,
          baselineRunDir: base.runDir,
          runDir: run.runDir,
          report: compared.reportPath,
          vkt: compared.json.vkt,
          vht: compared.json.vht,
          meanTripMin: compared.json.meanTripMin,
          portoAlegre: { nodes: poa.graph.nodeCount, edges: poa.graph.edgeCount, synthetic: poa.graph.meta.synthetic },
          siouxFalls: { method: result.method, relativeGap: result.relativeGap, beckmann: result.beckmann, bestKnown: SIOUX_FALLS_BEST_KNOWN, seconds: result.seconds },
        });
      }
    });
}

/** Serves the viewer on the demo's comparison and waits for Ctrl+C. */
async function serveComparison(runsDir: string, runDirA: string, runDirB: string, port: number): Promise<void> {
  process.stdout.write('\nStarting the map viewer (the first start builds it, about 10 s) …\n');
  const root = resolve(runsDir);
  const rel = (dir: string) => relative(root, dir).split(sep).join('/');
  const server = await startServer({ port, runsDir: root, log: () => {} });
  process.stdout.write(`Map viewer: ${server.url}?a=${encodeURIComponent(rel(runDirA))}&b=${encodeURIComponent(rel(runDirB))}  (Ctrl+C stops)\n`);
  await new Promise<void>((done) => {
    const stop = () => void server.close().then(done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
