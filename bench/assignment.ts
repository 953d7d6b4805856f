/**
 * Assignment benchmark: `npx tsx bench/assignment.ts [--runs N] [--cap S]`.
 *
 * 1. Seconds to relative gap 1e-4, 1e-6, 1e-8 for every method on every TNTP network under
 *    data/tntp (median of N runs after a warm-up, read off one run's convergence history;
 *    runs capped at S seconds, reported as "> S s" when a gap is not reached).
 * 2. Speed-up of the link-based loop from 1 to 2 workers (BFW, fixed iterations, per-iteration
 *    time, pool start-up excluded and reported apart), on the TNTP networks and on the road
 *    graph of item 3 with 128 seeded zones.
 * 3. One-to-all Dijkstra on the Porto Alegre OSM graph (or, if it cannot be built, a seeded
 *    random grid of ~100k nodes, labelled synthetic) against ngraph.path in the same run.
 * Prints the machine with the figures.
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import createGraph from 'ngraph.graph';
import ngraphPath from 'ngraph.path';
import { assign } from '../engine/assignment/assign.ts';
import { roadAssignmentNetwork } from '../engine/assignment/road-network.ts';
import type { AssignmentMethod } from '../engine/assignment/result.ts';
import { randomGridGraph } from '../engine/graph/random-graph.ts';
import type { RoadGraph } from '../engine/graph/road-graph.ts';
import { buildRoadGraph } from '../engine/osm/build-road-graph.ts';
import { readPbf } from '../engine/osm/read-pbf.ts';
import { Dijkstra } from '../engine/routing/dijkstra.ts';
import { readTntpNetwork, readTntpTrips } from '../engine/tntp/read-tntp.ts';
import { mulberry32, randomInt } from '../engine/util/random.ts';
import { poolAonLoader } from '../workers/aon-pool.ts';
import { machineLine } from './machine.ts';
import { median } from './stats.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 3);
const CAP_S = arg('cap', 10);
const GAPS = [1e-4, 1e-6, 1e-8];
const METHODS: AssignmentMethod[] = ['msa', 'fw', 'cfw', 'bfw', 'algb'];
const root = new URL('../data/tntp/', import.meta.url);

console.log(`# gemeo assignment benchmark\n\nMachine: ${machineLine()}\nRuns: median of ${RUNS} after a warm-up; cap ${CAP_S} s a run.\n`);

const networks = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(fileURLToPath(new URL(`${d.name}/${d.name}_net.tntp`, root))))
  .map((d) => d.name)
  .sort();

console.log('## Seconds to relative gap (in-process, after reading the files)\n');
console.log(`| network | method | ${GAPS.map((g) => `gap ${g}`).join(' | ')} | iterations to 1e-8 |`);
console.log(`|---|---|${GAPS.map(() => '---:').join('|')}|---:|`);
for (const name of networks) {
  const file = (kind: string) => fileURLToPath(new URL(`${name}/${name}_${kind}.tntp`, root));
  const net = readTntpNetwork(file('net'));
  const demand = readTntpTrips(file('trips'), net.zoneCount);
  for (const method of METHODS) {
    const reached: number[][] = GAPS.map(() => []);
    let iterations = '';
    for (let run = 0; run <= RUNS; run++) {
      const r = await assign(net, demand, { method, gap: GAPS.at(-1)!, maxIter: 1_000_000, workers: 1, maxSeconds: CAP_S });
      if (run === 0) continue; // warm-up
      GAPS.forEach((g, i) => reached[i].push(r.history.find((h) => h.gap <= g)?.seconds ?? (r.relativeGap <= g ? r.seconds : Infinity)));
      iterations = r.relativeGap <= GAPS.at(-1)! ? String(r.iterations) : `> ${r.iterations}`;
    }
    const cell = (times: number[]) => {
      const m = median(times);
      return Number.isFinite(m) ? m.toFixed(4) : `not reached in ${CAP_S} s`;
    };
    console.log(`| ${name} | ${method} | ${reached.map(cell).join(' | ')} | ${iterations} |`);
  }
}

console.log('\n## Worker speed-up (BFW, 200 iterations, ms per iteration; pool start-up apart)\n');
console.log('| network | 1 worker | 2 workers | speed-up | pool start + first load (s) |');
console.log('|---|---:|---:|---:|---:|');
for (const name of networks) {
  const file = (kind: string) => fileURLToPath(new URL(`${name}/${name}_${kind}.tntp`, root));
  const net = readTntpNetwork(file('net'));
  const demand = readTntpTrips(file('trips'), net.zoneCount);
  const perIter: number[] = [];
  let startup = 0;
  for (const workers of [1, 2]) {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const r = await assign(net, demand, { method: 'bfw', gap: 0, maxIter: 200, workers, parallel: poolAonLoader });
      const h = r.history;
      times.push(((h.at(-1)!.seconds - h[0].seconds) / (h.length - 1)) * 1000);
      if (workers === 2) startup = h[0].seconds;
    }
    perIter.push(median(times));
  }
  console.log(`| ${name} | ${perIter[0].toFixed(3)} | ${perIter[1].toFixed(3)} | ${(perIter[0] / perIter[1]).toFixed(2)}× | ${startup.toFixed(2)} |`);
}

const { graph, label } = roadGraphForBench();
{
  // A city-sized case: 128 seeded zones on the road graph, 20 veh/h between every pair.
  const rand = mulberry32(42);
  const zones = new Set<number>();
  while (zones.size < 128) zones.add(randomInt(rand, graph.nodeCount));
  const zoneNodes = Uint32Array.from([...zones].sort((a, b) => a - b));
  const net = roadAssignmentNetwork(graph, zoneNodes);
  const z = zoneNodes.length;
  const rowStart = Uint32Array.from({ length: z + 1 }, (_, o) => o * (z - 1));
  const dest = Uint32Array.from({ length: z * (z - 1) }, (_, k) => {
    const o = Math.floor(k / (z - 1));
    const j = k % (z - 1);
    return j < o ? j : j + 1;
  });
  const demand = { zoneCount: z, rowStart, dest, flow: new Float64Array(dest.length).fill(20), total: 20 * dest.length };
  const perIter: number[] = [];
  let startup = 0;
  for (const workers of [1, 2]) {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const r = await assign(net, demand, { method: 'bfw', gap: 0, maxIter: 11, workers, parallel: poolAonLoader });
      const h = r.history;
      times.push(((h.at(-1)!.seconds - h[0].seconds) / (h.length - 1)) * 1000);
      if (workers === 2) startup = h[0].seconds;
    }
    perIter.push(median(times));
  }
  console.log(`| ${label.split(' (')[0]}, 128 zones (10 iterations) | ${perIter[0].toFixed(3)} | ${perIter[1].toFixed(3)} | ${(perIter[0] / perIter[1]).toFixed(2)}× | ${startup.toFixed(2)} |`);
}

console.log('\n## One-to-all shortest paths (free-flow seconds)\n');
const cost = Float64Array.from(graph.freeFlowS);
const origins = Array.from({ length: 10 }, (_, i) => Math.floor(((i + 0.5) * graph.nodeCount) / 10));
const router = new Dijkstra(graph.nodeCount);
const ours: number[] = [];
for (let pass = 0; pass < 2; pass++) {
  for (const o of origins) {
    const t = performance.now();
    router.tree(graph, cost, o);
    if (pass > 0) ours.push(performance.now() - t);
  }
}
// ngraph.path has no one-to-all search: search towards an isolated node, which explores everything reachable.
const ng = createGraph();
for (let v = 0; v < graph.nodeCount; v++) ng.addNode(v);
for (let e = 0; e < graph.edgeCount; e++) ng.addLink(graph.tail[e], graph.head[e], cost[e]);
ng.addNode(-1);
const finder = ngraphPath.aStar(ng, { oriented: true, distance: (_a, _b, link) => link.data as number });
const theirs: number[] = [];
for (const o of origins.slice(0, 5)) {
  const t = performance.now();
  finder.find(o, -1);
  theirs.push(performance.now() - t);
}
console.log(`Graph: ${label} — ${graph.nodeCount.toLocaleString('en')} nodes, ${graph.edgeCount.toLocaleString('en')} edges`);
console.log('| implementation | median ms one-to-all |');
console.log('|---|---:|');
console.log(`| gemeo Dijkstra (typed-array CSR, binary heap) | ${median(ours).toFixed(2)} |`);
console.log(`| ngraph.graph 20.1.2 + ngraph.path 1.6.1 (aStar, no heuristic) | ${median(theirs).toFixed(2)} |`);

function roadGraphForBench(): { graph: RoadGraph; label: string } {
  const pbf = fileURLToPath(new URL('../data/osm/porto-alegre/poa_osm.pbf', import.meta.url));
  try {
    return { graph: buildRoadGraph(readPbf(pbf), { name: 'Porto Alegre' }).graph, label: 'Porto Alegre OSM extract (data/osm/porto-alegre/poa_osm.pbf)' };
  } catch (err) {
    console.log(`(Porto Alegre graph unavailable: ${(err as Error).message}; using a synthetic grid)`);
    return { graph: randomGridGraph({ seed: 1, cols: 317, rows: 317 }), label: 'synthetic seeded grid 317×317 (seed 1)' };
  }
}
