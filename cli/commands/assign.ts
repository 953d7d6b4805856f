/**
 * `gemeo assign`: static user-equilibrium assignment, on a TNTP test network (--net/--trips)
 * or on a city's road graph with an OD matrix file (--graph/--od).
 */
import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeFileAtomic } from '../../engine/util/write-atomic.ts';
import type { Command } from 'commander';
import { assign, ASSIGNMENT_METHODS, type AssignmentMethod, type AssignmentResult, type IterationRecord } from '../../engine/assignment/assign.ts';
import type { AssignmentNetwork, OdDemand } from '../../engine/assignment/network.ts';
import { readOdCsv } from '../../engine/assignment/od-csv.ts';
import { roadAssignmentNetwork } from '../../engine/assignment/road-network.ts';
import { readGraphFile } from '../../engine/graph/graph-file.ts';
import type { RoadGraph } from '../../engine/graph/road-graph.ts';
import { readTntpNetwork, readTntpTrips } from '../../engine/tntp/read-tntp.ts';
import { cityBySlug, loadCityGraph } from '../../app/city-graphs.ts';
import { demandOnNodes } from '../../engine/demand/node-demand.ts';
import { isPeriodId, PERIODS } from '../../engine/demand/time-of-day.ts';
import { cityDemand } from '../../app/city-demand.ts';
import { poolAonLoader } from '../../workers/aon-pool.ts';
import { poolBushRunner, prestartBushPool, releaseSpareBushPool } from '../../workers/algb-pool.ts';
import { UserError } from '../errors.ts';
import { status } from '../status.ts';
import { addDemandOptions, demandOptions, type DemandCliOpts } from './demand.ts';
import { printJson, printTable } from '../output.ts';
import { progressBar } from '../progress.ts';

interface AssignOpts extends Partial<DemandCliOpts> {
  city?: string;
  period: string;
  net?: string;
  trips?: string;
  graph?: string;
  od?: string;
  method: string;
  gap?: string;
  maxIter: string;
  maxSeconds?: string;
  workers: string;
  tollFactor?: string;
  distanceFactor?: string;
  flowsOut?: string;
  json?: boolean;
}

export function registerAssign(program: Command): void {
  addDemandOptions(
    program
      .command('assign')
      .description("static traffic assignment to user equilibrium: a city's modelled demand, a city graph with an OD file, or a TNTP network")
      .option('--city <slug>', "assign the city's own demand (gemeo demand) on its road graph")
      .option('--period <id>', `demand period for --city: ${PERIODS.map((p) => p.id).join(', ')}`, 'am-peak'),
  )
    .option('--net <file>', 'TNTP network file (X_net.tntp)')
    .option('--trips <file>', 'TNTP demand file (X_trips.tntp)')
    .option('--graph <slug|dir>', "a city's road graph: a registry slug or a folder holding graph.fb")
    .option('--od <file>', 'OD matrix for --graph: CSV origin_osm_node,dest_osm_node,flow (veh/h)')
    .option('--method <name>', `${ASSIGNMENT_METHODS.join('|')} (algb: Algorithm B, bush-based, the accurate one)`, 'algb')
    .option('--gap <x>', 'stop at this relative gap (default 1e-6 for TNTP, 1e-4 for cities)')
    .option('--max-iter <n>', 'iteration limit', '10000')
    .option('--max-seconds <s>', 'wall-time budget in seconds; the run stops there with status "time limit"', '600')
    .option('--workers <n>', 'worker threads (shortest paths; Algorithm B: bush updates and gap searches); results are identical for any number', '1')
    .option('--toll-factor <f>', 'generalized cost weight of tolls (default: the network file\'s)')
    .option('--distance-factor <f>', 'generalized cost weight of length (default: the network file\'s)')
    .option('--flows-out <file.csv>', 'write link flows: init_node,term_node,flow,cost')
    .option('--json', 'print JSON for machines')
    .addHelpText('after', '\nRelative gap = (total system travel cost − shortest-path travel cost) / shortest-path travel cost.')
    .action(async (opts: AssignOpts) => {
      const method = opts.method as AssignmentMethod;
      if (!ASSIGNMENT_METHODS.includes(method)) throw new UserError(`--method "${opts.method}": expected one of ${ASSIGNMENT_METHODS.join(', ')}`);
      const workers = number('--workers', opts.workers, (x) => Number.isInteger(x) && x >= 1 && x <= 64);
      // Algorithm B's threads load their code while the files are read
      if (method === 'algb') prestartBushPool(workers);
      let problem: ReturnType<typeof loadProblem>;
      try {
        problem = loadProblem(opts);
      } catch (err) {
        await releaseSpareBushPool();
        throw err;
      }
      const gap = number('--gap', opts.gap ?? (problem.kind === 'tntp' ? '1e-6' : '1e-4'), (x) => x > 0 && x < 1);
      const maxIter = number('--max-iter', opts.maxIter, (x) => Number.isInteger(x) && x >= 1);
      const maxSeconds = number('--max-seconds', opts.maxSeconds ?? '600', (x) => x > 0);

      const bar = progressBar(`${method} → gap ${gap}`, 100, !opts.json && process.stderr.isTTY === true);
      const firstGap: number[] = [];
      const onIteration = (r: IterationRecord) => {
        if (!(r.gap > 0)) return;
        if (firstGap.length === 0) firstGap.push(r.gap);
        // progress on a log scale from the first gap to the target
        const done = Math.log(firstGap[0] / r.gap) / Math.log(firstGap[0] / gap);
        bar.update(Math.max(0, Math.min(100, Math.round(done * 100))));
      };
      let result: AssignmentResult;
      try {
        result = await assign(problem.net, problem.demand, { method, gap, maxIter, workers, maxSeconds, onIteration, parallel: poolAonLoader, bushPool: poolBushRunner });
      } finally {
        bar.stop();
      }
      if (opts.flowsOut) writeFlows(opts.flowsOut, problem, result);
      const out = {
        method: result.method,
        status: result.status,
        ...(result.reason ? { reason: result.reason } : {}),
        iterations: result.iterations,
        relativeGap: result.relativeGap,
        beckmann: result.beckmann,
        tstt: result.tstt,
        seconds: result.seconds,
        workers: result.workers,
        converged: result.status === 'converged',
        unreachable: result.unreachable,
        network: problem.label,
        ...(problem.kind === 'city' ? { synthetic: problem.graph.meta.synthetic } : {}),
        ...(opts.flowsOut ? { flowsOut: opts.flowsOut } : {}),
      };
      if (opts.json) return printJson(out);
      printTable([
        ['network', `${problem.label}${problem.kind === 'city' && problem.graph.meta.synthetic ? '  — SYNTHETIC stand-in streets' : ''}`],
        ['method', result.method],
        ['status', result.reason ? `${result.status} — ${result.reason}` : result.status],
        ['iterations', result.iterations],
        ['relative gap', `${result.relativeGap.toExponential(3)}${out.converged ? '' : `  (target ${gap} not reached)`}`],
        ['Beckmann objective', result.beckmann.toFixed(3)],
        ['total system travel time', result.tstt.toFixed(3)],
        ['seconds', result.seconds.toFixed(3)],
        ['workers', result.workers],
        ['unreachable OD pairs', `${result.unreachable.pairs} (${result.unreachable.demand} trips)`],
        ...(opts.flowsOut ? ([['link flows', opts.flowsOut]] as [string, string][]) : []),
      ]);
    });
}

type Problem =
  | { kind: 'tntp'; label: string; net: AssignmentNetwork & { nodeNumbers: Uint32Array; fileOrder: Uint32Array }; demand: OdDemand }
  | { kind: 'city'; label: string; net: ReturnType<typeof roadAssignmentNetwork>; demand: OdDemand; graph: RoadGraph };

function loadProblem(opts: AssignOpts): Problem {
  const tntp = opts.net !== undefined || opts.trips !== undefined;
  const city = opts.graph !== undefined || opts.od !== undefined;
  const modelled = opts.city !== undefined;
  if (Number(tntp) + Number(city) + Number(modelled) !== 1) {
    throw new UserError('give one of: --city <slug> (its modelled demand), --graph and --od (a city graph and an OD file), --net and --trips (a TNTP network)');
  }
  if (modelled) {
    if (!isPeriodId(opts.period)) throw new UserError(`--period "${opts.period}": expected one of ${PERIODS.map((p) => p.id).join(', ')}`);
    status(`building the demand of ${opts.city}…`);
    const { graph, demand } = cityDemand(opts.city!, demandOptions(opts as DemandCliOpts));
    const nodeOd = demandOnNodes(demand.matrices[opts.period], demand.zoneNode);
    const net = roadAssignmentNetwork(graph, nodeOd.zoneNodes);
    applyFactors(net, opts);
    return { kind: 'city', label: `${graph.meta.name}, ${opts.period}`, net, demand: nodeOd.demand, graph };
  }
  if (tntp) {
    if (!opts.net || !opts.trips) throw new UserError(`missing ${opts.net ? '--trips' : '--net'}: a TNTP run needs both --net and --trips`);
    const net = readTntpNetwork(opts.net, {
      tollFactor: opts.tollFactor === undefined ? undefined : number('--toll-factor', opts.tollFactor, (x) => x >= 0),
      distanceFactor: opts.distanceFactor === undefined ? undefined : number('--distance-factor', opts.distanceFactor, (x) => x >= 0),
    });
    return { kind: 'tntp', label: basename(opts.net).replace(/_net\.tntp$/, ''), net, demand: readTntpTrips(opts.trips, net.zoneCount) };
  }
  if (!opts.graph || !opts.od) throw new UserError(`missing ${opts.graph ? '--od' : '--graph'}: a city run needs both --graph and --od`);
  const graph = existsSync(opts.graph) && statSync(opts.graph).isDirectory() ? readGraphFile(join(opts.graph, 'graph.fb')) : loadCityGraph(cityBySlug(opts.graph)).graph;
  const od = readOdCsv(opts.od, graph);
  const net = roadAssignmentNetwork(graph, od.zoneNodes);
  applyFactors(net, opts);
  return { kind: 'city', label: graph.meta.name, net, demand: od.demand, graph };
}

function applyFactors(net: AssignmentNetwork, opts: AssignOpts): void {
  if (opts.tollFactor !== undefined) net.tollFactor = number('--toll-factor', opts.tollFactor, (x) => x >= 0);
  if (opts.distanceFactor !== undefined) net.distanceFactor = number('--distance-factor', opts.distanceFactor, (x) => x >= 0);
}

/** Link flows as CSV, written to a temporary name and renamed. TNTP rows follow the file's link order. */
function writeFlows(file: string, problem: Problem, result: AssignmentResult): void {
  const lines = ['init_node,term_node,flow,cost'];
  if (problem.kind === 'tntp') {
    const { net } = problem;
    const byFileOrder = new Uint32Array(net.edgeCount);
    for (let e = 0; e < net.edgeCount; e++) byFileOrder[net.fileOrder[e]] = e;
    for (const e of byFileOrder) lines.push(`${net.nodeNumbers[net.tail[e]]},${net.nodeNumbers[net.head[e]]},${result.flow[e]},${result.cost[e]}`);
  } else {
    lines[0] += ',osm_way_id';
    const { net, graph } = problem;
    for (let e = 0; e < net.edgeCount; e++) {
      const r = net.roadEdge[e];
      if (r < 0) continue; // zone connectors
      lines.push(`${graph.nodeOsmId[graph.tail[r]]},${graph.nodeOsmId[graph.head[r]]},${result.flow[e]},${result.cost[e]},${graph.osmWayId[r]}`);
    }
  }
  writeFileAtomic(file, `${lines.join('\n')}\n`);
}

function number(flag: string, text: string, ok: (x: number) => boolean): number {
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x) || !ok(x)) throw new UserError(`${flag} "${text}": not an accepted value (see gemeo assign --help)`);
  return x;
}
