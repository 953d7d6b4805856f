/**
 * Mesoscopic model side by side with SUMO's (`sumo --mesosim`): a 30×30 grid from SUMO's own
 * netgenerate with 18,000 vehicles over 2 h, and Porto Alegre's OSM streets, the same network and
 * the same trips in both. Prints wall time (from trips: routing + simulation; on routes computed
 * beforehand: simulation only), the ratio, and the mean trip duration of both (time from entering
 * the network to arrival, SUMO's tripinfo "Duration"). Without SUMO it prints our figures only.
 *
 * Under congestion (`--case grid-congested`, SUMO needed): SUMO meso's lane capacity with its
 * default headways is first measured on a three-link line flooded with vehicles, and the grid
 * is read into gemeo with that capacity per lane, so both models have the same capacities
 * (and the same 7.5 m of queue per vehicle); then 30,000 vehicles in one hour between 10 origin
 * and 10 destination nodes on the same
 * routes in both (gemeo's free-flow shortest paths, and gemeo's routes after the dynamic
 * equilibrium loop): mean duration, arrivals, SUMO's teleports beside gemeo's squeezes and
 * removals.
 * Usage: npx tsx bench/meso.ts [--runs N] [--vehicles N] [--case grid,porto-alegre,grid-congested] [--poa-from-trips]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGraphFile } from '../engine/graph/graph-file.ts';
import type { RoadGraph } from '../engine/graph/road-graph.ts';
import { importOsm } from '../engine/osm/import-osm.ts';
import { runQueueSim, VehicleStatus } from '../engine/meso/queue-sim.ts';
import { simulate, type MesoResult } from '../engine/meso/simulate.ts';
import { readSumoNet } from '../engine/meso/sumo-net-reader.ts';
import { sumoRoutesXml, sumoTripsXml, writeSumoCase } from '../engine/meso/sumo-export.ts';
import { tripSet } from '../engine/meso/trips.ts';
import { stronglyConnectedComponents } from '../engine/graph/strongly-connected.ts';
import { mulberry32 } from '../engine/util/random.ts';
import { machineLine } from './machine.ts';
import { median } from './stats.ts';

const args = process.argv.slice(2);
const flag = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const RUNS = flag('--runs', 3);
const VEHICLES = flag('--vehicles', 18_000);
const HORIZON_S = 7200;
const SUMO_HOME = process.env.SUMO_HOME ?? '/usr/share/sumo';
const hasSumo = spawnSync('sumo', ['--version'], { encoding: 'utf8' }).status === 0;
const work = mkdtempSync(join(tmpdir(), 'gemeo-meso-bench-'));

interface Figures {
  fromTripsS: number;
  onRoutesS: number;
  meanDurationS: number;
  /** SUMO only: mean duration when SUMO routed the trips itself. */
  fromTripsDurationS?: number;
  arrived: number;
}

console.log(`meso benchmark — ${machineLine()}`);
console.log(hasSumo ? `SUMO: ${spawnSync('sumo', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]}` : 'SUMO is not installed (apt-get install sumo sumo-tools): our figures only');
const CASES = args.includes('--case') ? args[args.indexOf('--case') + 1].split(',') : ['grid', 'porto-alegre'];
try {
  if (CASES.includes('grid')) await gridCase();
  if (CASES.includes('porto-alegre')) await portoAlegreCase();
  if (CASES.includes('grid-congested')) await congestedGridCase();
} finally {
  rmSync(work, { recursive: true, force: true });
}

async function gridCase(): Promise<void> {
  let graph: RoadGraph;
  let nodeIds: string[];
  let edgeIds: string[];
  const net = join(work, 'grid.net.xml');
  if (hasSumo) {
    run('netgenerate', ['--grid', '--grid.number', '30', '--no-turnarounds', 'false', '-o', net]);
    ({ graph, nodeIds, edgeIds } = readSumoNet(net, { name: 'SUMO netgenerate grid 30×30' }));
  } else {
    ({ graph, nodeIds, edgeIds } = ownGrid(30, 100));
  }
  const trips = randomTrips(graph, VEHICLES, 42);
  console.log(`\n30×30 grid (${graph.nodeCount} nodes, ${graph.edgeCount} edges), ${VEHICLES} vehicles over 2 h`);
  const ours = await oursFigures(graph, trips);
  report(ours, hasSumo ? sumoFigures(net, trips, ours.result, nodeIds, edgeIds, 'grid') : undefined);
}

async function portoAlegreCase(): Promise<void> {
  const built = new URL('../data/graphs/porto-alegre/graph.fb', import.meta.url).pathname;
  const graph = existsSync(built) ? readGraphFile(built) : importOsm(new URL('../data/osm/porto-alegre/poa_osm.pbf', import.meta.url).pathname).graph;
  const n = Math.round(VEHICLES / 2);
  const trips = randomTrips(graph, n, 7);
  console.log(`\nPorto Alegre (${graph.nodeCount} nodes, ${graph.edgeCount} edges), ${n} vehicles over 2 h`);
  const ours = await oursFigures(graph, trips);
  let sumo: Figures | undefined;
  if (hasSumo) {
    writeSumoCase(work, 'poa', graph);
    const net = join(work, 'poa.net.xml');
    run('netconvert', ['-n', join(work, 'poa.nod.xml'), '-e', join(work, 'poa.edg.xml'), '-o', net, '--no-turnarounds', 'false']);
    // SUMO routing every trip junction to junction (--junction-taz) on this network ran > 7 min: opt in with --poa-from-trips
    sumo = sumoFigures(net, trips, ours.result, Array.from({ length: graph.nodeCount }, (_, v) => `n${v}`), Array.from({ length: graph.edgeCount }, (_, e) => `e${e}`), 'poa', args.includes('--poa-from-trips'));
  }
  report(ours, sumo);
}

async function congestedGridCase(): Promise<void> {
  if (!hasSumo) {
    console.log('\ncongested grid: needs SUMO (its lane capacity is measured first)');
    return;
  }
  const capacity = sumoLaneCapacityVph();
  const net = join(work, 'grid.net.xml');
  run('netgenerate', ['--grid', '--grid.number', '30', '--no-turnarounds', 'false', '-o', net]);
  const { graph, edgeIds } = readSumoNet(net, { name: 'SUMO netgenerate grid 30×30', capacityPerLaneVph: capacity });
  const n = flag('--congested-vehicles', 30_000);
  const horizon = 3600;
  // 10 origins and 10 destinations, 3,000 veh/h each: queues form around them
  const trips = randomTrips(graph, n, 42, horizon, 10);
  console.log(`\n30×30 grid under congestion, ${n} vehicles over 1 h between 10 origin and 10 destination nodes; capacity ${capacity.toFixed(0)} veh/h per lane in both (SUMO meso's, measured on a flooded line)`);
  const end = horizon + 3 * 3600;
  for (const [label, opts] of [['free-flow shortest paths', {}], ['after 8 equilibrium iterations', { equilibrium: { maxRuns: 9, gap: 0.02 } }]] as const) {
    const t0 = performance.now();
    const r = await simulate(graph, trips, { horizonS: horizon, trajectoryEvery: 0, ...opts });
    const ourS = (performance.now() - t0) / 1000;
    let sum = 0;
    for (let v = 0; v < r.plan.vehicleCount; v++) if (r.run.status[v] === VehicleStatus.Arrived) sum += r.run.endS[v] - r.run.enterS[r.plan.routeStart[v]];
    const routesFile = join(work, 'gridc.rou.xml');
    writeFileSync(routesFile, sumoRoutesXml(r.plan, (e) => edgeIds[e]));
    const s0 = performance.now();
    const out = run('sumo', ['--mesosim', '-n', net, '--no-step-log', '--duration-log.statistics', '--ignore-route-errors', '--no-warnings', '--end', String(end), '-r', routesFile]);
    const sumoS = (performance.now() - s0) / 1000;
    const at = out.indexOf('Statistics (avg of');
    const stat = (key: string) => Number(new RegExp(`${key}:? ([\\d.]+)`).exec(at >= 0 ? out.slice(at) : '')?.[1] ?? NaN);
    const teleports = Number(/Teleports: (\d+)/.exec(out)?.[1] ?? 0);
    const ours = sum / r.run.arrived;
    const sumoMean = stat('Duration');
    const gap = Number.isFinite(r.summary.relativeGap) ? `, relative gap ${r.summary.relativeGap.toFixed(3)} after ${r.summary.iterations} runs` : '';
    console.log(`  on ${label}${gap}:`);
    console.log(`    gemeo     ${ourS.toFixed(2)} s | arrived ${r.run.arrived} | mean duration ${ours.toFixed(1)} s | squeezed ${r.run.squeezed}, removed ${r.run.stuck}, unfinished ${r.run.unfinished}`);
    console.log(`    SUMO meso ${sumoS.toFixed(2)} s (simulation only) | arrived ${stat('avg of')} | mean duration ${sumoMean.toFixed(1)} s | teleports ${teleports}`);
    console.log(`    mean duration ${(100 * (ours - sumoMean) / sumoMean).toFixed(1)} % vs SUMO`);
  }
}

/** SUMO meso's throughput of one 1-lane 50 km/h link (veh/h): arrivals from 10 to 30 min on a three-link line flooded at time 0. */
function sumoLaneCapacityVph(): number {
  const dir = join(work, 'line');
  mkdirSync(dir);
  writeFileSync(join(dir, 'l.nod.xml'), '<nodes><node id="a" x="0" y="0"/><node id="b" x="1000" y="0"/><node id="c" x="2000" y="0"/><node id="d" x="3000" y="0"/></nodes>');
  writeFileSync(join(dir, 'l.edg.xml'), '<edges><edge id="ab" from="a" to="b" numLanes="1" speed="13.89"/><edge id="bc" from="b" to="c" numLanes="1" speed="13.89"/><edge id="cd" from="c" to="d" numLanes="1" speed="13.89"/></edges>');
  run('netconvert', ['-n', join(dir, 'l.nod.xml'), '-e', join(dir, 'l.edg.xml'), '-o', join(dir, 'l.net.xml')]);
  const rows = ['<routes><route id="r" edges="ab bc cd"/>'];
  for (let i = 0; i < 3000; i++) rows.push(`<vehicle id="v${i}" route="r" depart="0"/>`);
  writeFileSync(join(dir, 'l.rou.xml'), `${rows.join('\n')}\n</routes>`);
  run('sumo', ['--mesosim', '-n', join(dir, 'l.net.xml'), '-r', join(dir, 'l.rou.xml'), '--no-step-log', '--tripinfo-output', join(dir, 'trips.xml'), '--end', '7200']);
  const arrivals = [...readFileSync(join(dir, 'trips.xml'), 'utf8').matchAll(/arrival="([\d.]+)"/g)].map((m) => Number(m[1]));
  return (arrivals.filter((a) => a >= 600 && a < 1800).length * 3600) / 1200;
}

/** Random trips between nodes of the largest strongly connected component, seeded, departing in [0, horizonS); with `ends`, from `ends` random origins to `ends` random destinations only. */
function randomTrips(graph: RoadGraph, count: number, seed: number, horizonS = HORIZON_S, ends = 0) {
  const scc = stronglyConnectedComponents(graph.nodeCount, graph.firstOut, graph.head);
  let big = 0;
  for (let c = 1; c < scc.count; c++) if (scc.size[c] > scc.size[big]) big = c;
  const nodes: number[] = [];
  for (let v = 0; v < graph.nodeCount; v++) if (scc.componentOf[v] === big) nodes.push(v);
  const r = mulberry32(seed);
  const from = ends > 0 ? Array.from({ length: ends }, () => nodes[Math.floor(r() * nodes.length)]) : nodes;
  const to = ends > 0 ? Array.from({ length: ends }, () => nodes[Math.floor(r() * nodes.length)]) : nodes;
  const dep = new Int32Array(count);
  const o = new Int32Array(count);
  const d = new Int32Array(count);
  for (let t = 0; t < count; t++) {
    dep[t] = Math.floor(r() * horizonS);
    o[t] = from[Math.floor(r() * from.length)];
    do d[t] = to[Math.floor(r() * to.length)];
    while (d[t] === o[t]);
  }
  return tripSet(dep, o, d);
}

async function oursFigures(graph: RoadGraph, trips: ReturnType<typeof tripSet>): Promise<Figures & { result: MesoResult }> {
  const times: number[] = [];
  let result!: MesoResult;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    result = await simulate(graph, trips, { horizonS: HORIZON_S, trajectoryEvery: 0 });
    times.push(performance.now() - t0);
  }
  const simTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    runQueueSim(result.net, result.plan, { endS: HORIZON_S + 3 * 3600 });
    simTimes.push(performance.now() - t0);
  }
  const { plan, run } = result;
  let sum = 0;
  let k = 0;
  for (let v = 0; v < plan.vehicleCount; v++) {
    if (run.status[v] !== VehicleStatus.Arrived) continue;
    sum += run.endS[v] - run.enterS[plan.routeStart[v]];
    k++;
  }
  return { fromTripsS: median(times) / 1000, onRoutesS: median(simTimes) / 1000, meanDurationS: k ? sum / k : NaN, arrived: run.arrived, result };
}

function sumoFigures(net: string, trips: ReturnType<typeof tripSet>, ours: MesoResult, nodeIds: string[], edgeIds: string[], tag: string, fromTripsToo = true): Figures {
  const tripsFile = join(work, `${tag}.trips.xml`);
  const routesFile = join(work, `${tag}.rou.xml`);
  writeFileSync(tripsFile, sumoTripsXml(trips.departS, trips.origin, trips.dest, undefined, (v) => nodeIds[v]));
  writeFileSync(routesFile, sumoRoutesXml(ours.plan, (e) => edgeIds[e]));
  const common = ['--mesosim', '-n', net, '--no-step-log', '--duration-log.statistics', '--ignore-route-errors', '--no-warnings', '--end', String(HORIZON_S + 3 * 3600)];
  const fromTrips = fromTripsToo ? timed(() => run('sumo', [...common, '-r', tripsFile, '--junction-taz'])) : { seconds: NaN, out: '' };
  const onRoutes = timed(() => run('sumo', [...common, '-r', routesFile]));
  // the trip statistics follow "Statistics (avg of N):" (an earlier "Duration:" is the wall time)
  const stats = (text: string, key: string) => {
    const at = text.indexOf('Statistics (avg of');
    return at < 0 ? NaN : Number(new RegExp(`${key}:? ([\\d.]+)`).exec(text.slice(at))?.[1] ?? NaN);
  };
  return {
    fromTripsS: fromTrips.seconds,
    onRoutesS: onRoutes.seconds,
    meanDurationS: stats(onRoutes.out, 'Duration'),
    fromTripsDurationS: stats(fromTrips.out, 'Duration'),
    arrived: stats(onRoutes.out, 'avg of'),
  };
}

function report(ours: Figures, sumo?: Figures): void {
  const row = (label: string, a: Figures) => console.log(`  ${label.padEnd(12)} from trips ${a.fromTripsS.toFixed(3)} s | on routes ${a.onRoutesS.toFixed(3)} s | mean duration ${a.meanDurationS.toFixed(1)} s | arrived ${a.arrived}`);
  row('gemeo', ours);
  if (!sumo) return;
  row('SUMO meso', sumo);
  console.log(`  SUMO meso on its own routes (from trips): mean duration ${sumo.fromTripsDurationS?.toFixed(1)} s`);
  const diff = (100 * (ours.meanDurationS - sumo.meanDurationS)) / sumo.meanDurationS;
  console.log(`  ratio SUMO/gemeo: from trips ×${(sumo.fromTripsS / ours.fromTripsS).toFixed(1)}, on routes ×${(sumo.onRoutesS / ours.onRoutesS).toFixed(1)}; mean duration ${diff >= 0 ? '+' : ''}${diff.toFixed(1)} % vs SUMO`);
}

function run(cmd: string, argv: string[]): string {
  process.stderr.write(`  … ${cmd} ${argv.filter((a) => !a.startsWith('/')).slice(0, 3).join(' ')}\n`);
  const r = spawnSync(cmd, argv, { encoding: 'utf8', env: { ...process.env, SUMO_HOME }, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} failed (exit ${r.status}): ${(r.stderr || r.stdout).split('\n').slice(0, 3).join(' ')}`);
  return `${r.stdout}\n${r.stderr}`;
}

/** Median wall time of RUNS runs of a command (the last run's output kept). */
function timed(fn: () => string): { seconds: number; out: string } {
  const times: number[] = [];
  let out = '';
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    out = fn();
    times.push(performance.now() - t0);
  }
  return { seconds: median(times) / 1000, out };
}

/** A grid like netgenerate's (spacing m, one lane each way, 50 km/h) when SUMO is absent. */
function ownGrid(k: number, spacing: number) {
  const lines = ['<net>'];
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) lines.push(`<junction id="${i}/${j}" type="priority" x="${i * spacing}" y="${j * spacing}"/>`);
  const edge = (a: string, b: string) => lines.push(`<edge id="${a}to${b}" from="${a}" to="${b}"><lane id="${a}to${b}_0" index="0" speed="13.89" length="${spacing}"/></edge>`);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      if (i + 1 < k) (edge(`${i}/${j}`, `${i + 1}/${j}`), edge(`${i + 1}/${j}`, `${i}/${j}`));
      if (j + 1 < k) (edge(`${i}/${j}`, `${i}/${j + 1}`), edge(`${i}/${j + 1}`, `${i}/${j}`));
    }
  }
  lines.push('</net>');
  const file = join(work, 'own-grid.net.xml');
  writeFileSync(file, lines.join('\n'));
  return readSumoNet(file, { name: 'grid 30×30 (gemeo)' });
}
