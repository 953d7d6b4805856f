/**
 * `gemeo simulate`: the mesoscopic queue model on a city graph with a trips file
 * (id,depart_s,from_osm_node,to_osm_node — or from_node,to_node as graph node indices for
 * stand-in graphs). Trips that cannot run are counted in the output, never fatal.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { readGraphFile } from '../../engine/graph/graph-file.ts';
import type { RoadGraph } from '../../engine/graph/road-graph.ts';
import { simulate } from '../../engine/meso/simulate.ts';
import { readTripsCsv } from '../../engine/meso/trips.ts';
import { writeMesoOutputs } from '../../engine/meso/write-outputs.ts';
import { routeOnPool } from '../../workers/meso-route-pool.ts';
import { bestPathsOnPool } from '../../workers/meso-best-path-pool.ts';
import { cityBySlug, loadCityGraph } from '../../app/city-graphs.ts';
import { UserError } from '../errors.ts';
import { printJson, printTable } from '../output.ts';

interface SimulateOpts {
  graph?: string;
  trips?: string;
  workers: string;
  horizon: string;
  seed: string;
  reroute: string;
  gap: string;
  out?: string;
  json?: boolean;
}

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('mesoscopic dynamic simulation (queue model with spillback) of individual trips on a city graph')
    .option('--graph <slug|dir>', "a city's road graph: a registry slug or a folder holding graph.fb")
    .option('--trips <file.csv>', 'trips: id,depart_s,from_osm_node,to_osm_node (or id,depart_s,from_node,to_node with graph node indices)')
    .option('--workers <n>', 'worker threads for routing; results are identical for any number', '1')
    .option('--horizon <HH:MM>', 'departures must fall between 00:00 and this time', '24:00')
    .option('--seed <n>', 'seed of the merge order at intersections and of re-routing', '1')
    .option('--reroute <n>', 'dynamic-equilibrium iterations after the first run (route swapping on experienced link times)', '0')
    .option('--gap <x>', 'the iterations stop once the relative gap of all vehicles is at most this', '0.02')
    .option('--out <dir>', 'write trips.csv, link-series.csv, trajectories.json and meso-summary.json here')
    .option('--json', 'print JSON for machines')
    .action(async (opts: SimulateOpts) => {
      if (!opts.graph || !opts.trips) throw new UserError(`missing ${opts.graph ? '--trips' : '--graph'}: gemeo simulate needs --graph and --trips`);
      const workers = int('--workers', opts.workers, 1, 64);
      const seed = int('--seed', opts.seed, 0, 0xffffffff);
      const iterations = int('--reroute', opts.reroute, 0, 50);
      const gap = Number(opts.gap);
      if (!(gap >= 0 && gap <= 1)) throw new UserError(`--gap "${opts.gap}": expected a number between 0 and 1`);
      const horizonS = clock('--horizon', opts.horizon);
      const graph = loadGraph(opts.graph);
      const trips = readTripsCsv(opts.trips, graph);
      if (trips.count === 0) throw new UserError(`${opts.trips}: no trip can run${trips.firstProblem ? ` (${trips.firstProblem})` : ' (the file has no rows)'}`);
      const t0 = performance.now();
      const paths = bestPathsOnPool(workers);
      const result = await simulate(graph, trips, {
        seed,
        horizonS,
        equilibrium: iterations > 0 ? { maxRuns: iterations + 1, gap } : undefined,
        route: (g, cost, origin, dest, use) => routeOnPool(g, cost, origin, dest, use, workers),
        bestPathFn: paths.find,
      }).finally(() => paths.close());
      const seconds = (performance.now() - t0) / 1000;
      const s = result.summary;
      if (opts.out) writeMesoOutputs(opts.out, graph, trips.ids, result);
      const out = {
        vehicles: s.vehicles,
        arrived: s.arrived,
        stuck: s.stuck,
        meanTravelTimeS: round(s.meanTravelTimeS, 1),
        vehicleSeconds: s.vehicleSeconds,
        seconds: round(seconds, 3),
        stuckTimedOut: s.stuckTimedOut,
        unfinished: s.unfinished,
        squeezed: s.squeezed,
        iterations: s.iterations,
        relativeGap: Number.isFinite(s.relativeGap) ? s.relativeGap : null,
        rejected: s.rejected,
        closedLinks: s.closedLinks,
        vehicleKm: round(s.vehicleKm, 1),
        workers,
        network: graph.meta.name,
        synthetic: graph.meta.synthetic,
        ...(trips.firstProblem ? { firstProblem: trips.firstProblem } : {}),
        ...(opts.out ? { out: opts.out } : {}),
      };
      if (opts.json) return printJson(out);
      printTable([
        ['network', `${graph.meta.name}${graph.meta.synthetic ? '  — SYNTHETIC stand-in streets' : ''}`],
        ['vehicles', s.vehicles],
        ['arrived', s.arrived],
        ['stuck', `${s.stuck} (${s.stuckTimedOut} timed out, ${s.unfinished} unfinished)`],
        ['squeezed onto full links', s.squeezed],
        ['rejected trips', Object.entries(s.rejected).map(([k, v]) => `${k} ${v}`).join(', ')],
        ['queue-model runs', `${s.iterations}${Number.isFinite(s.relativeGap) ? `, relative gap of all vehicles ${s.relativeGap.toFixed(4)}` : ''}`],
        ['mean travel time', `${s.meanTravelTimeS.toFixed(1)} s`],
        ['vehicle-hours', (s.vehicleSeconds / 3600).toFixed(1)],
        ['seconds', seconds.toFixed(3)],
        ...(opts.out ? ([['outputs', opts.out]] as [string, string][]) : []),
      ]);
    });
}

function loadGraph(arg: string): RoadGraph {
  if (existsSync(arg) && statSync(arg).isDirectory()) {
    const file = join(arg, 'graph.fb');
    if (!existsSync(file)) throw new UserError(`${arg}: no graph.fb in this folder`);
    return readGraphFile(file);
  }
  return loadCityGraph(cityBySlug(arg)).graph;
}

function int(flag: string, text: string, min: number, max: number): number {
  const x = Number(text);
  if (!Number.isInteger(x) || x < min || x > max) throw new UserError(`${flag} "${text}": expected an integer in ${min}..${max}`);
  return x;
}

/** "HH:MM" → seconds after midnight (up to 48:00 for runs past midnight). */
function clock(flag: string, text: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m || Number(m[2]) > 59 || Number(m[1]) > 48) throw new UserError(`${flag} "${text}": expected a time HH:MM (00:00 to 48:00)`);
  return Number(m[1]) * 3600 + Number(m[2]) * 60;
}

function round(x: number, d: number): number {
  return Number(x.toFixed(d));
}
