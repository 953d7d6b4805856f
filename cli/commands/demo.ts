/**
 * `gemeo demo` (what `npm start` runs): the engine end to end on the embedded data — the city
 * registry, the real Porto Alegre streets from OpenStreetMap, Cuiabá's synthetic stand-in
 * network, and Algorithm B on the Sioux Falls test network checked against its best-known
 * equilibrium.
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { assign } from '../../engine/assignment/assign.ts';
import { readTntpNetwork, readTntpTrips } from '../../engine/tntp/read-tntp.ts';
import { cityBySlug, cityNetwork, loadCityGraph, registry, REPO_ROOT } from '../city-graphs.ts';
import { printJson } from '../output.ts';

/** Sioux Falls' equilibrium Beckmann objective (TNTP README: 42.31335287107440 × 1e5). */
const SIOUX_FALLS_BEST_KNOWN = 4_231_335.287107440;

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the engine end to end on the embedded data (what `npm start` does)')
    .option('--json', 'print JSON for machines')
    .action(async (opts: { json?: boolean }) => {
      const say = (line: string) => {
        if (!opts.json) process.stdout.write(`${line}\n`);
      };
      const cities = registry();
      const standIns = cities.filter((c) => cityNetwork(c).synthetic).length;
      say(`gemeo — ${cities.length} cities in data/cities.json (${cities.filter((c) => c.role === 'pilot').length} pilot cities of Mato Grosso); ${standIns} run on synthetic stand-in streets until their OSM data is fetched\n`);

      const poa = loadCityGraph(cityBySlug('porto-alegre'));
      const poaImport = poa.info.import;
      say(`Porto Alegre — real OpenStreetMap streets (© OpenStreetMap contributors, ODbL 1.0)`);
      say(`  ${poa.graph.nodeCount} nodes, ${poa.graph.edgeCount} directed edges, ${poa.info.summary.edgeKm} km${poaImport ? ` from ${poaImport.drivableWays} drivable ways` : ''}`);
      say(`  graph file: ${join(poa.dir, 'graph.fb')}\n`);

      const cuiaba = loadCityGraph(cityBySlug('cuiaba'));
      say(`Cuiabá — SYNTHETIC stand-in street network (from the IBGE boundary, seat, population and DNIT highways)`);
      say(`  ${cuiaba.graph.nodeCount} nodes, ${cuiaba.graph.edgeCount} directed edges, ${cuiaba.info.summary.edgeKm} km; replace it with real streets: gemeo city fetch cuiaba`);
      say(`  graph file: ${join(cuiaba.dir, 'graph.fb')}\n`);

      const tntp = join(REPO_ROOT, 'data/tntp/SiouxFalls/SiouxFalls');
      const net = readTntpNetwork(`${tntp}_net.tntp`);
      const result = await assign(net, readTntpTrips(`${tntp}_trips.tntp`, net.zoneCount), { method: 'algb', gap: 1e-6, maxIter: 1000, workers: 1 });
      const deviation = Math.abs(result.beckmann - SIOUX_FALLS_BEST_KNOWN) / SIOUX_FALLS_BEST_KNOWN;
      say(`Sioux Falls (TNTP test network) — Algorithm B`);
      say(`  relative gap ${result.relativeGap.toExponential(2)} after ${result.iterations} iterations in ${result.seconds.toFixed(3)} s`);
      say(`  Beckmann objective ${result.beckmann.toFixed(3)} vs best-known ${SIOUX_FALLS_BEST_KNOWN.toFixed(3)} (relative difference ${deviation.toExponential(1)})\n`);
      say('Next: gemeo city list · gemeo city info <slug> · gemeo assign --help · gemeo bench graph');
      if (opts.json) {
        printJson({
          cities: cities.length,
          portoAlegre: { nodes: poa.graph.nodeCount, edges: poa.graph.edgeCount, synthetic: poa.graph.meta.synthetic },
          cuiaba: { nodes: cuiaba.graph.nodeCount, edges: cuiaba.graph.edgeCount, synthetic: cuiaba.graph.meta.synthetic },
          siouxFalls: { method: result.method, relativeGap: result.relativeGap, beckmann: result.beckmann, bestKnown: SIOUX_FALLS_BEST_KNOWN, seconds: result.seconds },
        });
      }
    });
}
