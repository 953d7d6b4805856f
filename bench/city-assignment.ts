/**
 * City assignment benchmark: `npx tsx bench/city-assignment.ts [--runs N] [--city slug]`.
 *
 * The AM-peak demand of a city (default Porto Alegre: real OSM streets, IPEA hexgrid zones),
 * seed 1, assigned to relative gap 1e-4 by Algorithm B and by bi-conjugate Frank-Wolfe on 1 and
 * 2 workers. Prints seconds (median of N runs, default 1: each run takes tens of seconds),
 * iterations and the gap reached, with the machine. Demand building is not timed.
 */
import { assign, type AssignmentMethod } from '../engine/assignment/assign.ts';
import { roadAssignmentNetwork } from '../engine/assignment/road-network.ts';
import { demandOnNodes } from '../engine/demand/node-demand.ts';
import { cityDemand } from '../app/city-demand.ts';
import { poolAonLoader } from '../workers/aon-pool.ts';
import { poolBushRunner } from '../workers/algb-pool.ts';
import { machineLine } from './machine.ts';
import { median } from './stats.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(arg('--runs', '1'));
const slug = arg('--city', 'porto-alegre');
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs is ${arg('--runs', '')}, expected a positive integer`);
  process.exit(2);
}

const { graph, demand } = cityDemand(slug, { seed: 1 });
const od = demandOnNodes(demand.matrices['am-peak'], demand.zoneNode);
const net = roadAssignmentNetwork(graph, od.zoneNodes);
console.log(`gemeo city assignment benchmark — ${machineLine()}`);
console.log(
  `${graph.meta.name}${graph.meta.synthetic ? ' (SYNTHETIC stand-in)' : ''}: ${graph.nodeCount} nodes, ${graph.edgeCount} edges; ` +
    `AM peak ${Math.round(od.demand.total)} veh/h between ${od.zoneNodes.length} zone nodes; target relative gap 1e-4; median of ${runs}\n`,
);
console.log(`${'method'.padEnd(8)} ${'workers'.padStart(7)} ${'seconds'.padStart(9)} ${'iterations'.padStart(10)} ${'gap'.padStart(10)}`);
const cases: [AssignmentMethod, number][] = [
  ['algb', 1],
  ['algb', 2],
  ['bfw', 1],
  ['bfw', 2],
];
for (const [method, workers] of cases) {
  const seconds: number[] = [];
  let last = { iterations: 0, relativeGap: NaN };
  for (let r = 0; r < runs; r++) {
    const result = await assign(net, od.demand, { method, gap: 1e-4, maxIter: 500, workers, maxSeconds: 300, parallel: poolAonLoader, bushPool: poolBushRunner });
    seconds.push(result.seconds);
    last = result;
  }
  console.log(`${method.padEnd(8)} ${String(workers).padStart(7)} ${median(seconds).toFixed(2).padStart(9)} ${String(last.iterations).padStart(10)} ${last.relativeGap.toExponential(2).padStart(10)}`);
}
